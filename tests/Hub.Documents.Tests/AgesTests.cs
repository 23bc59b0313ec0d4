using FsCheck;
using FsCheck.Fluent;
using Hub.Documents.Formatting;

namespace Hub.Documents.Tests;

public sealed class AgesTests
{
    [Theory]
    [InlineData("1956-06-15", "2026-06-14", 69)]
    [InlineData("1956-06-15", "2026-06-15", 70)]  // 70 on the birthday
    [InlineData("1951-06-15", "2026-06-14", 74)]
    [InlineData("1951-06-15", "2026-06-15", 75)]
    [InlineData("1956-04-01", "2026-04-01", 70)]
    [InlineData("1956-04-01", "2026-03-31", 69)]
    [InlineData("2000-02-29", "2001-02-28", 0)]   // leap-day birthday: no birthday in February of a common year
    [InlineData("2000-02-29", "2001-03-01", 1)]
    [InlineData("2000-02-29", "2004-02-29", 4)]
    [InlineData("2000-01-01", "2000-01-01", 0)]
    public void Counts_completed_years(string birth, string on, int expected)
    {
        Assert.Equal(expected, Ages.On(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Age_grows_by_one_exactly_on_each_birthday()
    {
        var anyDay = Gen.Choose(0, 60_000).Select(d => new DateOnly(1900, 1, 1).AddDays(d));
        var leapDay = Gen.Choose(0, 30).Select(i => new DateOnly(1904 + 4 * i, 2, 29));
        var births = Gen.Frequency((4, anyDay), (1, leapDay));
        Prop.ForAll(births.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (birth, years) =>
        {
            var year = birth.Year + years;
            // Born on 29 February: in common years the new age starts on 1 March.
            var birthday = birth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 3, 1) : new DateOnly(year, birth.Month, birth.Day);
            return Ages.On(birth, birthday) == years && Ages.On(birth, birthday.AddDays(-1)) == years - 1;
        }).QuickCheckThrowOnFailure();
    }
}
