using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class CopayRuleTests
{
    [Theory]
    [InlineData("1956-12-01", "2026-12-01")] // born on the 1st: the birthday's own month
    [InlineData("1956-12-02", "2027-01-01")]
    [InlineData("1956-12-31", "2027-01-01")]
    [InlineData("1956-11-30", "2026-12-01")]
    [InlineData("1956-01-01", "2026-01-01")]
    [InlineData("1956-02-29", "2026-03-01")] // reaches 70 on 2026-02-28
    [InlineData("1956-03-01", "2026-03-01")] // reaches 70 on 2026-02-28 (non-leap)
    [InlineData("1958-03-01", "2028-03-01")] // reaches 70 on 2028-02-29 (leap)
    [InlineData("1960-02-29", "2030-03-01")]
    public void StartDate_is_the_first_of_the_month_after_reaching_70(string birth, string expected) =>
        Assert.Equal(D(expected), CopayRule.StartDate(D(birth)));

    [Theory]
    [InlineData("1956-12-01", "2031-11-30")]
    [InlineData("1956-12-02", "2031-12-01")]
    [InlineData("1956-02-29", "2031-02-27")] // 75th birthday taken as 2031-02-28
    [InlineData("1952-02-29", "2027-02-27")]
    [InlineData("1956-01-01", "2030-12-31")]
    public void EndDate_is_the_day_before_the_75th_birthday(string birth, string expected) =>
        Assert.Equal(D(expected), CopayRule.EndDate(D(birth)));

    [Theory]
    [InlineData("1956-12-02", "2026-12-31", null)]
    [InlineData("1956-12-02", "2027-01-01", "2027-01-01")]
    [InlineData("1956-12-01", "2026-11-30", null)]
    [InlineData("1956-12-01", "2026-12-01", "2026-12-01")]
    [InlineData("1956-12-01", "2031-11-30", "2026-12-01")]
    [InlineData("1956-12-01", "2031-12-01", null)] // 後期高齢者医療 from the 75th birthday
    [InlineData("1990-05-10", "2026-11-21", null)]
    public void On_prints_the_ratio_only_for_ages_70_to_74(string birth, string date, string? effective)
    {
        var status = CopayRule.On(D(birth), D(date), CopayRatio.TwentyPercent);
        Assert.Equal(OptD(effective), status?.EffectiveFrom);
        Assert.Equal(effective is not null, CopayRule.Applies(D(birth), D(date)));
        if (status is not null)
            Assert.Equal(CopayRatio.TwentyPercent, status.Ratio);
    }

    [Theory]
    [InlineData("2027-08-01", "2027-08-01")] // annual re-determination after the start
    [InlineData("2026-08-01", "2027-01-01")] // a change before the start: the start is the 発効期日
    public void A_later_ratio_change_is_the_effective_date(string changedOn, string expected)
    {
        var status = CopayRule.On(D("1956-12-02"), D("2028-01-15"), CopayRatio.ThirtyPercent, D(changedOn));
        Assert.Equal(new CopayStatus(CopayRatio.ThirtyPercent, D(expected)), status);
    }

    [Fact]
    public void A_ratio_change_after_the_date_is_an_error()
    {
        var ex = Assert.Throws<RuleException>(() =>
            CopayRule.On(D("1956-12-02"), D("2027-07-31"), CopayRatio.TwentyPercent, D("2027-08-01")));
        Assert.Equal("COPAY_RATIO_NOT_YET_EFFECTIVE", ex.Code);
        Assert.Contains("2027-08-01", ex.Error.MessageEn);
        Assert.Contains("発効期日", ex.Error.MessageJa);
    }

    [Fact]
    public void Unknown_ratio_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CopayRule.On(D("1956-12-02"), D("2028-01-15"), (CopayRatio)4));

    [Theory]
    [InlineData(CopayRatio.TwentyPercent, "2割", "20%")]
    [InlineData(CopayRatio.ThirtyPercent, "3割", "30%")]
    public void Ratio_text(CopayRatio ratio, string ja, string en)
    {
        Assert.Equal(ja, ratio.Japanese());
        Assert.Equal(en, ratio.English());
    }

    [Fact]
    public void Start_is_the_month_after_the_70th_birthday_or_the_birthday_month_when_born_on_the_1st() =>
        Prop.ForAll(BirthDates.ToArbitrary(), birth =>
        {
            var birthday = Age.NthBirthday(birth, 70);
            var month = new DateOnly(birthday.Year, birthday.Month, 1);
            var expected = birth.Day == 1 ? month : month.AddMonths(1);
            var start = CopayRule.StartDate(birth);
            Assert.Equal(expected, start);
            Assert.Equal(70, Age.On(birth, start));
        }).QuickCheckThrowOnFailure();
}
