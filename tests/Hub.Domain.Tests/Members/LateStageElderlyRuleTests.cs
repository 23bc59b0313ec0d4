using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Members;

public class LateStageElderlyRuleTests
{
    [Theory]
    [InlineData("1951-11-21", "2026-11-21", "2026-11-20")]
    [InlineData("1952-02-29", "2027-02-28", "2027-02-27")] // 2027 is not a leap year
    [InlineData("1953-03-01", "2028-03-01", "2028-02-29")]
    [InlineData("1956-02-29", "2031-02-28", "2031-02-27")]
    [InlineData("1960-02-29", "2035-02-28", "2035-02-27")]
    [InlineData("1949-02-28", "2024-02-28", "2024-02-27")]
    [InlineData("1951-12-01", "2026-12-01", "2026-11-30")]
    public void Transfer_on_the_75th_birthday_and_last_insured_day_before_it(string birth, string transfer, string lastDay)
    {
        var born = D(birth);
        Assert.Equal(D(transfer), LateStageElderlyRule.TransferDate(born));
        Assert.Equal(D(lastDay), LateStageElderlyRule.LastInsuredDay(born));
        Assert.False(LateStageElderlyRule.HasTransferred(born, D(lastDay)));
        Assert.True(LateStageElderlyRule.HasTransferred(born, D(transfer)));
    }
}
