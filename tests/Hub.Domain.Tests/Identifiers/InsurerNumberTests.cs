using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;

namespace Hub.Domain.Tests.Identifiers;

public class InsurerNumberTests
{
    [Fact]
    public void Parses_the_design_example_into_its_parts()
    {
        var number = InsurerNumber.Parse("33120015");
        Assert.Equal(33, number.LawCode);
        Assert.Equal(12, number.PrefectureCode);
        Assert.Equal(1, number.InsurerCode);
        Assert.Equal(5, number.CheckDigit);
        Assert.False(number.IsHealthInsuranceSociety);
        Assert.Equal("33120015", number.ToString());
    }

    // Hand-computed: weights 2,1,2,… from the rightmost body digit; digits of each product summed; CD = 10 − last digit (0 if 0).
    [Theory]
    [InlineData(3312001, 5)] // 2+0+0+2+2+3+6 = 15 → 5
    [InlineData(613001, 7)] // 2+0+0+3+2+6+0 = 13 → 7
    [InlineData(627005, 2)] // 5·2=10→1, 0, 0, 7, 2·2=4, 6, 0 → 18 → 2
    [InlineData(19, 0)] // 9·2=18→9, 1 → 10 → last digit 0 → 0
    [InlineData(0, 0)]
    [InlineData(9999999, 7)] // 18→9 four times, 9 three times: 63 → 7
    public void Computes_check_digits_by_the_published_rule(int body, int expected)
    {
        Assert.Equal(expected, InsurerNumber.ComputeCheckDigit(body));
    }

    [Fact]
    public void Recognises_health_insurance_societies_by_law_code_06()
    {
        var number = InsurerNumber.Parse("06130017");
        Assert.True(number.IsHealthInsuranceSociety);
        Assert.Equal(InsurerNumber.HealthInsuranceSocietyLawCode, number.LawCode);
        Assert.Equal(13, number.PrefectureCode);
        Assert.Equal("06130017", number.ToString());
    }

    [Theory]
    [InlineData("０６１３００１７")]
    [InlineData(" 06130017 ")]
    [InlineData("06130017\u3000")]
    public void Accepts_full_width_digits_and_surrounding_spaces(string text)
    {
        Assert.True(InsurerNumber.TryParse(text, out var number, out var error));
        Assert.Equal(InsurerNumberError.None, error);
        Assert.Equal("06130017", number.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0613001")]
    [InlineData("061300170")]
    [InlineData("0613-0017")]
    [InlineData("0613 0017")]
    [InlineData("06I30017")]
    public void Refuses_anything_but_eight_digits(string text)
    {
        Assert.False(InsurerNumber.TryParse(text, out _, out var error));
        Assert.Equal(InsurerNumberError.Format, error);
        Assert.Equal("INSURER_NUMBER_FORMAT", error.ToCode());
    }

    [Fact]
    public void Refuses_a_wrong_check_digit()
    {
        Assert.False(InsurerNumber.TryParse("33120016", out _, out var error));
        Assert.Equal(InsurerNumberError.CheckDigit, error);
        Assert.Equal("INSURER_NUMBER_CHECK_DIGIT", error.ToCode());
        var ex = Assert.Throws<FormatException>(() => InsurerNumber.Parse("33120016"));
        Assert.StartsWith("INSURER_NUMBER_CHECK_DIGIT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_value_is_empty()
    {
        InsurerNumber empty = default;
        Assert.True(empty.IsEmpty);
        Assert.Equal("", empty.ToString());
        Assert.False(empty.IsHealthInsuranceSociety);
        Assert.NotEqual(InsurerNumber.FromBody(0), empty);
    }

    [Fact]
    public void Property_every_body_with_its_check_digit_round_trips()
    {
        Prop.ForAll(Gen.Choose(0, 9_999_999).ToArbitrary(), body =>
        {
            var number = InsurerNumber.FromBody(body);
            return InsurerNumber.TryParse(number.ToString(), out var parsed, out _) && parsed == number
                && parsed.LawCode * 100_000 + parsed.PrefectureCode * 1_000 + parsed.InsurerCode == body;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The doubling step maps 0–9 onto a permutation of 0–9, so every single-digit substitution changes the sum mod 10: all are detected.</summary>
    [Fact]
    public void Property_every_single_digit_substitution_is_detected()
    {
        Prop.ForAll(Gen.Choose(0, 9_999_999).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, position, shift) =>
        {
            char[] digits = InsurerNumber.FromBody(body).ToString().ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + shift) % 10));
            return !InsurerNumber.TryParse(new string(digits), out _, out var error) && error == InsurerNumberError.CheckDigit;
        }).QuickCheckThrowOnFailure();
    }
}
