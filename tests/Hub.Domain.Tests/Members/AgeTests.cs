using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class AgeTests
{
    [Theory]
    [InlineData("2000-02-29", 2001, "2001-02-28")] // みなし誕生日 in a non-leap year
    [InlineData("2000-02-29", 2100, "2100-02-28")] // 2100 is not a leap year
    [InlineData("2000-02-29", 2004, "2004-02-29")]
    [InlineData("2000-03-01", 2001, "2001-03-01")]
    [InlineData("1990-05-10", 2026, "2026-05-10")]
    [InlineData("1990-12-31", 2026, "2026-12-31")]
    public void BirthdayIn_a_year(string birth, int year, string expected) =>
        Assert.Equal(D(expected), Age.BirthdayIn(D(birth), year));

    [Theory]
    [InlineData("2000-02-29", 0, "2000-02-29")]
    [InlineData("2000-02-29", 1, "2001-02-28")]
    [InlineData("2000-02-29", 4, "2004-02-29")]
    [InlineData("1952-02-29", 75, "2027-02-28")]
    [InlineData("1956-12-01", 70, "2026-12-01")]
    [InlineData("1985-06-15", 10, "1995-06-15")]
    public void NthBirthday(string birth, int n, string expected) =>
        Assert.Equal(D(expected), Age.NthBirthday(D(birth), n));

    [Theory]
    [InlineData("1990-05-10", "1990-05-10", 0)]
    [InlineData("1990-05-10", "1991-05-09", 0)]
    [InlineData("1990-05-10", "1991-05-10", 1)]
    [InlineData("1990-05-10", "2026-05-09", 35)]
    [InlineData("1990-05-10", "2026-05-10", 36)]
    [InlineData("1990-12-31", "2026-12-30", 35)]
    [InlineData("1990-12-31", "2026-12-31", 36)]
    [InlineData("1990-01-01", "2025-12-31", 35)]
    [InlineData("1990-01-01", "2026-01-01", 36)]
    [InlineData("2000-02-29", "2001-02-27", 0)]
    [InlineData("2000-02-29", "2001-02-28", 1)] // Feb 28 is the birthday in a non-leap year
    [InlineData("2000-02-29", "2001-03-01", 1)]
    [InlineData("2000-02-29", "2004-02-28", 3)] // a leap year has the real birthday
    [InlineData("2000-02-29", "2004-02-29", 4)]
    [InlineData("2000-03-01", "2004-02-29", 3)]
    [InlineData("2000-03-01", "2004-03-01", 4)]
    [InlineData("2008-06-10", "2026-06-09", 17)]
    [InlineData("2008-06-10", "2026-06-10", 18)]
    public void On_a_date(string birth, string date, int expected) =>
        Assert.Equal(expected, Age.On(D(birth), D(date)));

    [Fact]
    public void On_a_date_before_birth_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Age.On(D("2000-01-02"), D("2000-01-01")));

    [Theory]
    [InlineData("1990-05-10", 70, "2060-05-09")]
    [InlineData("1956-12-01", 70, "2026-11-30")] // reaches 70 in the month before the birthday
    [InlineData("1956-12-02", 70, "2026-12-01")]
    [InlineData("1990-01-01", 18, "2007-12-31")]
    [InlineData("2000-02-29", 70, "2070-02-28")] // always Feb 28 for a Feb 29 birth …
    [InlineData("2000-02-29", 72, "2072-02-28")] // … even in a leap year (年齢計算ニ関スル法律)
    [InlineData("2000-03-01", 70, "2070-02-28")]
    [InlineData("2000-03-01", 72, "2072-02-29")]
    public void AttainmentDate_is_the_day_before_the_birthday_under_the_age_calculation_act(string birth, int n, string expected) =>
        Assert.Equal(D(expected), Age.AttainmentDate(D(birth), n));

    [Fact]
    public void Negative_or_zero_ages_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Age.NthBirthday(D("2000-01-01"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Age.AttainmentDate(D("2000-01-01"), 0));
    }

    private static readonly Arbitrary<(DateOnly Birth, int N)> BirthAndAge =
        (from birth in BirthDates from n in Gen.Choose(1, 110) select (birth, n)).ToArbitrary();

    [Fact]
    public void Age_turns_N_on_the_Nth_birthday_and_not_a_day_earlier() =>
        Prop.ForAll(BirthAndAge, t =>
        {
            var birthday = Age.NthBirthday(t.Birth, t.N);
            Assert.Equal(t.N, Age.On(t.Birth, birthday));
            Assert.Equal(t.N - 1, Age.On(t.Birth, birthday.AddDays(-1)));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Attainment_is_the_eve_of_the_birthday_except_Feb_29_births_in_non_leap_years() =>
        Prop.ForAll(BirthAndAge, t =>
        {
            var birthday = Age.NthBirthday(t.Birth, t.N);
            var attained = Age.AttainmentDate(t.Birth, t.N);
            var deemed = t.Birth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(birthday.Year);
            Assert.Equal(deemed ? birthday : birthday.AddDays(-1), attained);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Age_never_falls_and_rises_by_at_most_one_a_day() =>
        Prop.ForAll((from b in BirthDates from d in Gen.Choose(0, 40_000) select (b, d)).ToArbitrary(), t =>
        {
            var day = t.b.AddDays(t.d);
            var step = Age.On(t.b, day.AddDays(1)) - Age.On(t.b, day);
            Assert.InRange(step, 0, 1);
        }).QuickCheckThrowOnFailure();
}
