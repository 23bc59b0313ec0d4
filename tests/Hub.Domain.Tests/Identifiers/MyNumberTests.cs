using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;

namespace Hub.Domain.Tests.Identifiers;

public class MyNumberTests
{
    private const string Valid = "123456789018";

    [Theory]
    [InlineData("123456789018")]
    [InlineData("1234-5678-9018")]
    [InlineData("1234 5678 9018")]
    [InlineData("  123456789018  ")]
    [InlineData("１２３４５６７８９０１８")]
    [InlineData("１２３４－５６７８－９０１８")]
    [InlineData("1234　5678　9018")]
    [InlineData("1234ー5678ー9018")]
    [InlineData("1234‐5678−9018")]
    [InlineData("'123456789018")]
    [InlineData("\t1234-5678-9018\t")]
    public void Accepts_the_ways_employers_type_a_valid_number(string text)
    {
        Assert.True(MyNumber.TryParse(text, out var number, out var error));
        Assert.Equal(MyNumberError.None, error);
        Assert.Equal(Valid, number.RevealDigits());
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("12345678901", 11)]
    [InlineData("1234567890180", 13)]
    [InlineData("12345678901a", 11)]
    [InlineData("1.23457E+11", 8)]
    [InlineData("123456789018x", 12)]
    [InlineData("1234/5678/9018", 12)]
    [InlineData("''123456789018", 12)]
    public void Refuses_anything_but_twelve_digits_as_format_errors(string text, int digits)
    {
        Assert.False(MyNumber.TryParse(text, out var number, out var error, out int found));
        Assert.Equal(MyNumberError.Format, error);
        Assert.Equal("MYNUMBER_FORMAT", error.ToCode());
        Assert.Equal(digits, found);
        Assert.True(number.IsEmpty);
    }

    [Theory]
    [InlineData("123456789010")]
    [InlineData("123456789017")]
    [InlineData("123456789019")]
    [InlineData("1234-5678-9011")]
    public void Refuses_a_wrong_check_digit(string text)
    {
        Assert.False(MyNumber.TryParse(text, out _, out var error));
        Assert.Equal(MyNumberError.CheckDigit, error);
        Assert.Equal("MYNUMBER_CHECK_DIGIT", error.ToCode());
    }

    // Hand-computed with weights 6,5,4,3,2,7,6,5,4,3,2 (left to right): CD = 11 - (sum mod 11), 0 when the remainder is 0 or 1.
    [Theory]
    [InlineData("12345678901", 8)] // sum 212, 212 mod 11 = 3 → 8
    [InlineData("00000000000", 0)] // remainder 0
    [InlineData("00000000006", 0)] // 6·2 = 12, remainder 1 → 0
    [InlineData("00000000001", 9)] // remainder 2 → 9
    [InlineData("00000000010", 8)] // 1·3 = 3 → 8
    [InlineData("10000000000", 5)] // 1·6 = 6 → 5
    [InlineData("00000100000", 4)] // 1·7 = 7 → 4
    [InlineData("99999999999", 6)] // 9·47 = 423, remainder 5 → 6
    public void Computes_check_digits_by_the_published_rule(string body, int expected)
    {
        Assert.Equal(expected, MyNumber.ComputeCheckDigit(body));
        Assert.Equal(expected, MyNumber.ComputeCheckDigit(long.Parse(body, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Never_shows_the_digits_by_accident()
    {
        var number = MyNumber.Parse(Valid);
        Assert.Equal("********9018", number.ToString());
        Assert.Equal("********9018", $"{number}");
        Assert.Equal("********9018", string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:D}", number));
        Assert.Equal("********9018", number.Mask());
        Assert.Equal("9018", number.Last4);
        var holder = new Holder(number);
        Assert.DoesNotContain(Valid, holder.ToString(), StringComparison.Ordinal);
        Assert.Contains("********9018", holder.ToString(), StringComparison.Ordinal);
        Assert.Equal(Valid, number.RevealDigits());
    }

    [Fact]
    public void Keeps_leading_zeros_in_the_last_four_and_in_clear()
    {
        var number = MyNumber.FromBody(1234567);
        Assert.Equal("000001234567".Length, number.RevealDigits().Length);
        Assert.StartsWith("00001234567", number.RevealDigits(), StringComparison.Ordinal);
        Assert.Equal(number.RevealDigits()[^4..], number.Last4);
        var small = MyNumber.FromBody(0);
        Assert.Equal("000000000000", small.RevealDigits());
        Assert.Equal("0000", small.Last4);
    }

    [Fact]
    public void The_default_value_is_empty_not_a_number()
    {
        MyNumber empty = default;
        Assert.True(empty.IsEmpty);
        Assert.Equal("", empty.ToString());
        Assert.Equal("", empty.Last4);
        Assert.Throws<InvalidOperationException>(() => empty.RevealDigits());
        Assert.NotEqual(MyNumber.FromBody(0), empty);
    }

    [Fact]
    public void Parse_errors_never_quote_the_number()
    {
        var ex = Assert.Throws<FormatException>(() => MyNumber.Parse("123456789017"));
        Assert.StartsWith("MYNUMBER_CHECK_DIGIT", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678901", ex.Message, StringComparison.Ordinal);
        var ex2 = Assert.Throws<FormatException>(() => MyNumber.Parse("12345678901"));
        Assert.StartsWith("MYNUMBER_FORMAT", ex2.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678901", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_follows_the_digits()
    {
        Assert.Equal(MyNumber.Parse("1234-5678-9018"), MyNumber.Parse("123456789018"));
        Assert.True(MyNumber.Parse(Valid) == MyNumber.FromBody(12345678901));
        Assert.False(MyNumber.Parse(Valid) != MyNumber.FromBody(12345678901));
        Assert.Equal(MyNumber.Parse(Valid).GetHashCode(), MyNumber.FromBody(12345678901).GetHashCode());
        Assert.NotEqual(MyNumber.Parse(Valid), MyNumber.FromBody(12345678902));
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("123456789012")]
    [InlineData("1234567890a")]
    public void ComputeCheckDigit_refuses_a_body_that_is_not_eleven_digits(string body)
    {
        Assert.Throws<ArgumentException>(() => MyNumber.ComputeCheckDigit(body));
    }

    [Fact]
    public void FromBody_refuses_out_of_range_bodies()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MyNumber.FromBody(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MyNumber.FromBody(100_000_000_000));
    }

    private static Arbitrary<long> Bodies => Generators.SyntheticMyNumbers.Bodies.ToArbitrary();

    [Fact]
    public void Property_every_body_with_its_computed_check_digit_is_valid()
    {
        Prop.ForAll(Bodies, body =>
        {
            string digits = body.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
            string full = digits + MyNumber.ComputeCheckDigit(digits);
            return MyNumber.TryParse(full, out var n, out _) && n.RevealDigits() == full && n == MyNumber.FromBody(body);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_any_other_check_digit_is_refused()
    {
        Prop.ForAll(Bodies, Gen.Choose(1, 9).ToArbitrary(), (body, shift) =>
        {
            string digits = body.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
            int wrong = (MyNumber.ComputeCheckDigit(body) + shift) % 10;
            return !MyNumber.TryParse(digits + wrong, out _, out var error) && error == MyNumberError.CheckDigit;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// What holds for single-digit substitutions in the body: the weighted sum mod 11 always changes (weights 2–7
    /// are invertible mod 11 and a digit changes by 1–9), but remainders 0 and 1 both give check digit 0, so a
    /// substitution turning remainder 0 into 1 (or back) goes undetected. Every other substitution is detected.
    /// </summary>
    [Fact]
    public void Property_a_body_substitution_is_detected_unless_it_swaps_remainders_zero_and_one()
    {
        Prop.ForAll(Bodies, Gen.Choose(0, 10).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, position, shift) =>
        {
            char[] digits = (body.ToString("D11", System.Globalization.CultureInfo.InvariantCulture) + MyNumber.ComputeCheckDigit(body)).ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + shift) % 10));
            long changedBody = long.Parse(new string(digits, 0, 11), System.Globalization.CultureInfo.InvariantCulture);
            int before = MyNumber.Remainder(body);
            int after = MyNumber.Remainder(changedBody);
            bool blindSpot = before <= 1 && after <= 1;
            bool accepted = MyNumber.TryParse(new string(digits), out _, out _);
            return before != after && accepted == blindSpot;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_an_adjacent_transposition_in_the_body_is_detected_unless_it_swaps_remainders_zero_and_one()
    {
        Prop.ForAll(Bodies, Gen.Choose(0, 9).ToArbitrary(), (body, position) =>
        {
            char[] digits = (body.ToString("D11", System.Globalization.CultureInfo.InvariantCulture) + MyNumber.ComputeCheckDigit(body)).ToCharArray();
            if (digits[position] == digits[position + 1])
            {
                return true; // Not a change.
            }

            (digits[position], digits[position + 1]) = (digits[position + 1], digits[position]);
            long changedBody = long.Parse(new string(digits, 0, 11), System.Globalization.CultureInfo.InvariantCulture);
            bool blindSpot = MyNumber.Remainder(body) <= 1 && MyNumber.Remainder(changedBody) <= 1;
            return MyNumber.TryParse(new string(digits), out _, out _) == blindSpot;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_generated_wrong_check_digits_are_refused_and_valid_numbers_accepted()
    {
        Prop.ForAll(Generators.SyntheticMyNumbers.WrongCheckDigit.ToArbitrary(), text =>
            !MyNumber.TryParse(text, out _, out var error) && error == MyNumberError.CheckDigit).QuickCheckThrowOnFailure();
        Prop.ForAll(Generators.SyntheticMyNumbers.Valid.ToArbitrary(), number =>
            MyNumber.Parse(number.RevealDigits()) == number && number.ToString() == "********" + number.RevealDigits()[8..]).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_blind_spot_is_real_two_valid_numbers_one_digit_apart()
    {
        // Body 00000000000 has remainder 0, body 00000000006 remainder 1: both take check digit 0.
        Assert.True(MyNumber.TryParse("000000000000", out _, out _));
        Assert.True(MyNumber.TryParse("000000000060", out _, out _));
    }

    private sealed record Holder(MyNumber Number);
}
