using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Safety;

namespace Hub.Integration.Tests.Webhooks;

public sealed class MyNumberGuardTests
{
    // 123456789018 is the synthetic example with a valid check digit; 123456789012 fails the check.
    [Theory]
    [InlineData("123456789018", true)]
    [InlineData("{\"n\":123456789018}", true)]
    [InlineData("{\"n\":\"123456789018\"}", true)]
    [InlineData("my number 123456789018.", true)]
    [InlineData("1234-5678-9018", true)]
    [InlineData("1234 5678 9018", true)]
    [InlineData("1234－5678－9018", true)]
    [InlineData("1234-56789018", true)]
    [InlineData("12345678-9018", true)]
    [InlineData("１２３４５６７８９０１８", true)]
    [InlineData("番号:123456789018です", true)]
    [InlineData("123456789012", false)]          // check digit wrong
    [InlineData("12345678901", false)]           // 11 digits
    [InlineData("1123456789018", false)]         // 13 digits: part of a longer number
    [InlineData("1234567890180", false)]
    [InlineData("evt_123456789018abcdef", false)] // glued to letters: part of an id
    [InlineData("evt_ab123456789018", false)]
    [InlineData("x123456789018", false)]
    [InlineData("1234-5678-9018-7777", false)]   // a longer grouped number
    [InlineData("1234 5678-9018", false)]        // mixed separators
    [InlineData("12-34567890-18", false)]        // separators not at group boundaries
    [InlineData("********9018", false)]          // masked: allowed
    [InlineData("", false)]
    public void Finds_my_numbers_standing_alone(string text, bool expected) => Assert.Equal(expected, MyNumberGuard.ContainsMyNumber(text));

    [Fact]
    public void Every_valid_my_number_inside_json_is_found()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => (long)i * 46 % 100_000_000_000L).ToArbitrary(), Gen.Elements("", "a ", "\"", ":", "[").ToArbitrary(), (body, before) =>
        {
            var number = MyNumber.FromBody(body).RevealDigits();
            return MyNumberGuard.ContainsMyNumber($"{{\"x\":{before}{number}\"}}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void No_twelve_digit_number_with_a_wrong_check_digit_is_flagged()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => (long)i * 46 % 100_000_000_000L).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, shift) =>
        {
            var valid = MyNumber.ComputeCheckDigit(body);
            var wrong = (valid + shift) % 10;
            return !MyNumberGuard.ContainsMyNumber($"{{\"x\":\"{body:D11}{wrong}\"}}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Event_ids_pass_however_many_digits_their_hex_holds()
    {
        // Mostly digits, to produce long digit runs: inside an id a run is glued to a letter or longer than 12 digits.
        Prop.ForAll(Gen.ArrayOf(Gen.Elements("01234567890123456789abcdef".ToCharArray()), 32).ToArbitrary(), hex =>
            !MyNumberGuard.ContainsMyNumber($"{{\"id\":\"evt_{new string(hex)}\"}}")).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_body_with_a_my_number_is_refused_with_a_stable_code()
    {
        var e = Assert.Throws<WebhookException>(() => WebhookMessage.Render("member.registered", "evt_1", DateTimeOffset.UnixEpoch, "member/M1", 1,
            new System.Text.Json.Nodes.JsonObject { ["note"] = "123456789018" }));
        Assert.Equal(WebhookErrorCodes.BodyContainsMyNumber, e.Code);
        Assert.Contains("マイナンバー", e.Message);
        Assert.DoesNotContain("123456789018", e.Message);
    }
}
