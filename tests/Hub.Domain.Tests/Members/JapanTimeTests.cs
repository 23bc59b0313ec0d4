using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class JapanTimeTests
{
    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    [Theory]
    [InlineData("2026-03-31T15:00:00Z", "2026-04-01")] // JST midnight starts the fiscal year
    [InlineData("2026-03-31T14:59:59.9999999Z", "2026-03-31")]
    [InlineData("2026-12-31T15:00:00Z", "2027-01-01")]
    [InlineData("2026-12-31T14:59:59Z", "2026-12-31")]
    [InlineData("2028-02-28T15:00:00Z", "2028-02-29")]
    [InlineData("2027-02-28T15:00:00Z", "2027-03-01")]
    [InlineData("2026-11-21T00:00:00Z", "2026-11-21")]
    [InlineData("2026-04-01T00:00:00+09:00", "2026-04-01")]
    [InlineData("2026-03-31T23:59:59+09:00", "2026-03-31")]
    [InlineData("2026-03-31T10:00:00-05:00", "2026-04-01")] // 15:00Z
    [InlineData("2026-03-31T09:59:59-05:00", "2026-03-31")]
    public void Today_and_DateOf_read_the_Japanese_calendar_day(string instant, string expected)
    {
        var at = Instant(instant);
        Assert.Equal(D(expected), JapanTime.DateOf(at));
        Assert.Equal(D(expected), JapanTime.Today(new FixedClock(at)));
    }

    [Fact]
    public void Now_carries_the_plus_nine_offset_and_the_same_instant()
    {
        var at = Instant("2026-03-31T15:00:00Z");
        var now = JapanTime.Now(new FixedClock(at));
        Assert.Equal(TimeSpan.FromHours(9), now.Offset);
        Assert.Equal(at, now);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0), now.DateTime);
    }

    [Theory]
    [InlineData("2026-04-01", "2026-03-31T15:00:00Z")]
    [InlineData("2027-01-01", "2026-12-31T15:00:00Z")]
    [InlineData("2028-02-29", "2028-02-28T15:00:00Z")]
    public void StartOfDayUtc_is_15_00_Z_the_day_before(string date, string utc)
    {
        var start = JapanTime.StartOfDayUtc(D(date));
        Assert.Equal(Instant(utc), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(TimeSpan.FromHours(9), JapanTime.StartOfDay(D(date)).Offset);
    }

    [Fact]
    public void Null_clock_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => JapanTime.Today(null!));
        Assert.Throws<ArgumentNullException>(() => JapanTime.Now(null!));
    }

    [Fact]
    public void Every_instant_of_a_Japanese_day_maps_back_to_that_day()
    {
        var gen = from date in Between(D("1990-01-01"), D("2099-12-31"))
                  from ticks in Gen.Choose(0, 86_399).Select(s => s * TimeSpan.TicksPerSecond)
                  select (date, ticks);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var start = JapanTime.StartOfDayUtc(t.date);
            Assert.Equal(t.date, JapanTime.DateOf(start.AddTicks(t.ticks)));
            Assert.Equal(t.date.AddDays(-1), JapanTime.DateOf(start.AddTicks(-1)));
            Assert.Equal(t.date.AddDays(1), JapanTime.DateOf(start.AddDays(1)));
        }).QuickCheckThrowOnFailure();
    }
}
