using Hub.Core.Members;
using Hub.Domain.Members;

namespace Hub.Integration.Tests.Members;

/// <summary>Pure mapping of a member onto the printed 一部負担金の割合 and its 発効期日.</summary>
public sealed class MemberDocumentsTests
{
    private static Member Aged70To74(DateOnly joined, DateOnly? reportedFrom) => new()
    {
        BirthDate = new DateOnly(1953, 6, 15), // 70 on 2023-06-14: the 70–74 ratio applies from 2023-07-01
        QualificationDate = joined,
        CopayRatio = CopayRatio.TwentyPercent,
        CopayEffectiveDate = reportedFrom,
    };

    [Theory]
    [InlineData("2026-10-01", "2024-08-01", "2026-10-01")] // joined after the reported date: effective from joining
    [InlineData("2010-04-01", "2024-08-01", "2024-08-01")] // a long-standing member: the reported date
    [InlineData("2010-04-01", null, "2023-07-01")]         // nothing reported: the 70–74 start
    [InlineData("2026-10-01", null, "2026-10-01")]         // a 72-year-old enrolling: never before joining
    public void The_effective_date_is_never_before_the_member_joined(string joined, string? reported, string expected)
    {
        var member = Aged70To74(DateOnly.Parse(joined), reported is null ? null : DateOnly.Parse(reported));

        var copay = MemberDocuments.Copayment(member, new DateOnly(2026, 11, 21));

        Assert.NotNull(copay);
        Assert.Equal(DateOnly.Parse(expected), copay.EffectiveFrom);
    }
}
