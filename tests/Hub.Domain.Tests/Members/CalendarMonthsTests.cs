using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class CalendarMonthsTests
{
    [Theory]
    [InlineData("2026-02-10", "2026-02-28")]
    [InlineData("2028-02-01", "2028-02-29")]
    [InlineData("2100-02-15", "2100-02-28")]
    [InlineData("2000-02-15", "2000-02-29")]
    [InlineData("2026-04-30", "2026-04-30")]
    [InlineData("2026-12-01", "2026-12-31")]
    public void EndOfMonth(string date, string expected) =>
        Assert.Equal(D(expected), CalendarMonths.EndOfMonth(D(date)));

    [Theory]
    [InlineData("2026-11-30", 3, "2027-02-28")]
    [InlineData("2026-12-31", 3, "2027-03-31")]
    [InlineData("2027-11-29", 3, "2028-02-29")]
    [InlineData("2027-11-30", 3, "2028-02-29")]
    [InlineData("2026-11-01", 3, "2027-02-28")]
    [InlineData("2026-10-31", 3, "2027-01-31")]
    [InlineData("2027-01-31", 1, "2027-02-28")]
    [InlineData("2026-05-31", 0, "2026-05-31")]
    public void EndOfMonthAfter(string date, int months, string expected) =>
        Assert.Equal(D(expected), CalendarMonths.EndOfMonthAfter(D(date), months));

    [Theory]
    [InlineData("2026-12-15", "2027-01-01")]
    [InlineData("2026-12-01", "2027-01-01")]
    [InlineData("2028-02-29", "2028-03-01")]
    public void FirstOfNextMonth(string date, string expected) =>
        Assert.Equal(D(expected), CalendarMonths.FirstOfNextMonth(D(date)));

    [Theory]
    [InlineData("2031-11-20", "2031-10-31")]
    [InlineData("2031-11-30", "2031-11-30")]
    [InlineData("2028-03-01", "2028-02-29")]
    [InlineData("2027-03-01", "2027-02-28")]
    public void LastMonthEndOnOrBefore(string date, string expected) =>
        Assert.Equal(D(expected), CalendarMonths.LastMonthEndOnOrBefore(D(date)));

    [Fact]
    public void EndOfMonthAfter_lands_on_a_month_end_exactly_N_months_on() =>
        Prop.ForAll((from d in Between(D("1950-01-01"), D("2090-12-31")) from m in Gen.Choose(0, 36) select (d, m)).ToArbitrary(), t =>
        {
            var end = CalendarMonths.EndOfMonthAfter(t.d, t.m);
            Assert.True(CalendarMonths.IsEndOfMonth(end));
            Assert.Equal(t.m, (end.Year - t.d.Year) * 12 + end.Month - t.d.Month);
            Assert.True(end >= t.d);
        }).QuickCheckThrowOnFailure();
}
