using Hub.Domain.Members;

namespace Hub.Domain.Tests.Members;

public class BranchNumberTests
{
    [Theory]
    [InlineData("00", 0)]
    [InlineData("07", 7)]
    [InlineData("20", 20)]
    [InlineData("99", 99)]
    public void Parses_two_digits_and_prints_them_back(string text, int value)
    {
        var number = BranchNumber.Parse(text);
        Assert.Equal(value, number.Value);
        Assert.Equal(text, number.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("a1")]
    [InlineData(" 1")]
    [InlineData("-1")]
    [InlineData("１２")] // full-width digits are not accepted here
    public void Rejects_anything_else(string text)
    {
        var ex = Assert.Throws<RuleException>(() => BranchNumber.Parse(text));
        Assert.Equal("BRANCH_NUMBER_INVALID", ex.Code);
        Assert.Contains("枝番", ex.Error.MessageJa);
        Assert.Contains(text, ex.Error.MessageEn);
        Assert.False(BranchNumber.TryParse(text, out _));
    }

    [Fact]
    public void Null_does_not_parse() => Assert.False(BranchNumber.TryParse(null, out _));

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Values_outside_00_to_99_are_rejected(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BranchNumber(value));
}
