using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;

namespace Hub.Domain.Tests.Members;

public class InsuredNumberTests
{
    [Theory]
    [InlineData(1, 7, "0000001")]
    [InlineData(42, 7, "0000042")]
    [InlineData(9_999_999, 7, "9999999")]
    [InlineData(5, 1, "5")]
    [InlineData(123, 3, "123")]
    [InlineData(9_999_999_999, 10, "9999999999")]
    public void FromCounter_zero_pads(long counter, int width, string expected) =>
        Assert.Equal(expected, InsuredNumber.FromCounter(counter, width).Value);

    [Theory]
    [InlineData(10_000_000, 7)]
    [InlineData(0, 7)]
    [InlineData(-1, 7)]
    [InlineData(10, 1)]
    public void Counters_that_do_not_fit_are_a_clear_error(long counter, int width)
    {
        var ex = Assert.Throws<RuleException>(() => InsuredNumber.FromCounter(counter, width));
        Assert.Equal("INSURED_NUMBER_COUNTER_OUT_OF_RANGE", ex.Code);
        Assert.Contains(counter.ToString(), ex.Error.MessageEn);
        Assert.Contains("番号", ex.Error.MessageJa);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-3)]
    public void Widths_outside_1_to_10_are_a_clear_error(int width) =>
        Assert.Equal("INSURED_NUMBER_WIDTH_INVALID",
            Assert.Throws<RuleException>(() => InsuredNumber.FromCounter(1, width)).Code);

    [Theory]
    [InlineData("0000042")]
    [InlineData("1")]
    [InlineData("1234567890")]
    public void Parses_digits(string text) => Assert.Equal(text, InsuredNumber.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12a4")]
    [InlineData("12345678901")]
    [InlineData("１２")]
    [InlineData(" 12")]
    public void Rejects_non_digits(string? text) =>
        Assert.Equal("INSURED_NUMBER_INVALID", Assert.Throws<RuleException>(() => InsuredNumber.Parse(text)).Code);

    [Fact]
    public void Formatting_round_trips_the_counter_at_the_configured_width() =>
        Prop.ForAll((from width in Gen.Choose(1, 9)
                     from counter in Gen.Choose(1, (int)Math.Pow(10, width) - 1)
                     select (width, counter)).ToArbitrary(), t =>
        {
            var number = InsuredNumber.FromCounter(t.counter, t.width);
            Assert.Equal(t.width, number.Value.Length);
            Assert.Equal(t.counter, long.Parse(number.Value));
            Assert.Equal(number, InsuredNumber.Parse(number.Value));
        }).QuickCheckThrowOnFailure();
}
