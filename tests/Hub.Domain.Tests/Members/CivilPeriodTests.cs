using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class CivilPeriodTests
{
    [Theory]
    [InlineData("2000-04-01", 1, "2001-03-31")]
    [InlineData("2000-02-29", 1, "2001-02-28")] // no corresponding day: the month's end
    [InlineData("2000-02-29", 4, "2004-02-28")] // corresponding day exists: the day before it
    [InlineData("2028-02-29", 5, "2033-02-28")]
    [InlineData("2027-03-01", 1, "2028-02-29")]
    [InlineData("2026-11-21", 5, "2031-11-20")]
    [InlineData("2026-12-01", 5, "2031-11-30")]
    [InlineData("2026-01-01", 1, "2026-12-31")]
    [InlineData("2026-11-21", 0, "2026-11-20")]
    public void LastDayOfYears(string start, int years, string expected) =>
        Assert.Equal(D(expected), CivilPeriod.LastDayOfYears(D(start), years));

    [Fact]
    public void Negative_years_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CivilPeriod.LastDayOfYears(D("2026-01-01"), -1));
}
