using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

public class CertificateValidityPolicyTests
{
    private const string Adult = "1985-06-15";

    [Theory]
    [InlineData("fixed:2030-07-31", "fixed:2030-07-31")]
    [InlineData("  FIXED : 2030-07-31 ", "fixed:2030-07-31")]
    [InlineData("years-to-month-end:5", "years-to-month-end:5")]
    [InlineData("Years-To-Month-End:1", "years-to-month-end:1")]
    public void Parses_configuration_and_round_trips(string config, string canonical)
    {
        var policy = CertificateValidityPolicy.Parse(config);
        Assert.Equal(canonical, policy.ToString());
        Assert.Equal(policy, CertificateValidityPolicy.Parse(policy.ToString()));
    }

    [Fact]
    public void Parsed_policies_carry_their_values()
    {
        Assert.Equal(new FixedEndDatePolicy(D("2030-07-31")), CertificateValidityPolicy.Parse("fixed:2030-07-31"));
        Assert.Equal(3, Assert.IsType<YearsToMonthEndPolicy>(CertificateValidityPolicy.Parse("years-to-month-end:3")).Years);
    }

    [Theory]
    [InlineData(null, "expected fixed")]
    [InlineData("", "expected fixed")]
    [InlineData("monthly:3", "expected fixed")]
    [InlineData("2030-07-31", "expected fixed")]
    [InlineData("fixed", "yyyy-MM-dd")]
    [InlineData("fixed:2030/07/31", "yyyy-MM-dd")]
    [InlineData("fixed:2030-02-30", "yyyy-MM-dd")]
    [InlineData("years-to-month-end:0", "1 to 5")]
    [InlineData("years-to-month-end:6", "1 to 5")]
    [InlineData("years-to-month-end:-1", "1 to 5")]
    [InlineData("years-to-month-end:", "1 to 5")]
    [InlineData("years-to-month-end:2.5", "1 to 5")]
    public void Bad_configuration_is_a_clear_error(string? config, string hint)
    {
        Assert.False(CertificateValidityPolicy.TryParse(config, out var policy, out var error));
        Assert.Null(policy);
        Assert.Equal("CERTIFICATE_POLICY_INVALID", error.Code);
        Assert.Contains(hint, error.MessageEn);
        Assert.Contains("有効期限ポリシー", error.MessageJa);
        Assert.Contains($"'{config}'", error.MessageEn);
        Assert.Equal("CERTIFICATE_POLICY_INVALID", Assert.Throws<RuleException>(() => CertificateValidityPolicy.Parse(config)).Code);
    }

    [Theory]
    [InlineData("2026-11-21", "2031-11-20")]
    [InlineData("2026-12-01", "2031-11-30")]
    [InlineData("2028-02-29", "2033-02-28")]
    public void Maximum_is_five_years_counting_the_issue_day(string issued, string expected) =>
        Assert.Equal(D(expected), CertificateValidityPolicy.MaximumEnd(D(issued)));

    [Theory]
    // N years to a month end
    [InlineData("years-to-month-end:1", "2026-11-21", Adult, null, "2027-11-30", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:1", "2026-12-01", Adult, null, "2027-11-30", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:1", "2026-11-30", Adult, null, "2027-11-30", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:3", "2026-03-01", Adult, null, "2029-02-28", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:2", "2028-02-29", Adult, null, "2030-02-28", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:4", "2028-02-29", Adult, null, "2032-02-29", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:5", "2026-11-21", Adult, null, "2031-10-31", CertificateValidityLimit.Policy)] // month end within 5 years
    [InlineData("years-to-month-end:5", "2026-12-01", Adult, null, "2031-11-30", CertificateValidityLimit.Policy)]
    // fixed end date
    [InlineData("fixed:2030-07-31", "2026-11-21", Adult, null, "2030-07-31", CertificateValidityLimit.Policy)]
    [InlineData("fixed:2026-11-21", "2026-11-21", Adult, null, "2026-11-21", CertificateValidityLimit.Policy)]
    [InlineData("fixed:2031-11-20", "2026-11-21", Adult, null, "2031-11-20", CertificateValidityLimit.Policy)]
    [InlineData("fixed:2031-11-21", "2026-11-21", Adult, null, "2031-11-20", CertificateValidityLimit.FiveYearMaximum)]
    [InlineData("fixed:2032-07-31", "2026-11-21", Adult, null, "2031-11-20", CertificateValidityLimit.FiveYearMaximum)]
    // cut short at the 75th birthday
    [InlineData("years-to-month-end:5", "2026-11-21", "1953-05-10", null, "2028-05-09", CertificateValidityLimit.LateStageElderly)]
    [InlineData("fixed:2030-07-31", "2026-11-21", "1952-02-29", null, "2027-02-27", CertificateValidityLimit.LateStageElderly)]
    [InlineData("fixed:2030-07-31", "2028-05-09", "1953-05-10", null, "2028-05-09", CertificateValidityLimit.LateStageElderly)] // one day
    [InlineData("fixed:2028-05-09", "2026-11-21", "1953-05-10", null, "2028-05-09", CertificateValidityLimit.Policy)]
    // cut short at qualification loss
    [InlineData("years-to-month-end:5", "2026-11-21", Adult, "2027-04-01", "2027-03-31", CertificateValidityLimit.QualificationLoss)]
    [InlineData("years-to-month-end:1", "2026-11-21", Adult, "2027-12-01", "2027-11-30", CertificateValidityLimit.Policy)]
    [InlineData("years-to-month-end:1", "2026-11-21", Adult, "2026-11-22", "2026-11-21", CertificateValidityLimit.QualificationLoss)]
    [InlineData("years-to-month-end:5", "2026-11-21", "1953-05-10", "2028-05-10", "2028-05-09", CertificateValidityLimit.LateStageElderly)]
    [InlineData("years-to-month-end:5", "2026-11-21", "1953-05-10", "2028-05-09", "2028-05-08", CertificateValidityLimit.QualificationLoss)]
    public void Computes_the_printed_dates(string policy, string issued, string birth, string? lost, string validUntil, CertificateValidityLimit limit)
    {
        var v = CertificateValidityPolicy.Parse(policy).Compute(D(issued), D(birth), OptD(lost));
        Assert.Equal(new CertificateValidity(D(issued), D(validUntil), limit), v);
    }

    [Theory]
    [InlineData("fixed:2030-07-31", "2028-05-10", "1953-05-10", null, "CERTIFICATE_MEMBER_OVER_75")]
    [InlineData("fixed:2030-07-31", "2026-11-21", Adult, "2026-11-21", "CERTIFICATE_QUALIFICATION_LOST")]
    [InlineData("fixed:2030-07-31", "2026-11-21", Adult, "2026-01-01", "CERTIFICATE_QUALIFICATION_LOST")]
    [InlineData("fixed:2026-11-20", "2026-11-21", Adult, null, "CERTIFICATE_POLICY_END_BEFORE_ISSUE")]
    public void Impossible_certificates_are_a_clear_error(string policy, string issued, string birth, string? lost, string code)
    {
        var ex = Assert.Throws<RuleException>(() => CertificateValidityPolicy.Parse(policy).Compute(D(issued), D(birth), OptD(lost)));
        Assert.Equal(code, ex.Code);
        Assert.Contains("交付", ex.Error.MessageJa);
        Assert.Contains(issued, ex.Error.MessageEn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void YearsToMonthEnd_only_takes_1_to_5(int years) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearsToMonthEndPolicy(years));

    private static readonly Arbitrary<(CertificateValidityPolicy Policy, DateOnly Issued, DateOnly Birth, DateOnly? Lost)> Issues =
        (from policy in Gen.OneOf(
             Gen.Choose(1, 5).Select(y => (CertificateValidityPolicy)new YearsToMonthEndPolicy(y)),
             Between(D("2027-01-01"), D("2036-12-31")).Select(d => (CertificateValidityPolicy)new FixedEndDatePolicy(d)))
         from issued in Between(D("2025-12-02"), D("2026-12-31"))
         from age in Gen.Choose(0, 74 * 365)
         from lostAfter in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 2500).Select(d => (int?)d)))
         let birth = issued.AddDays(-age)
         where issued < LateStageElderlyRule.TransferDate(birth)
         select (policy, issued, birth, lostAfter is { } l ? issued.AddDays(l) : (DateOnly?)null)).ToArbitrary();

    [Fact]
    public void Validity_starts_on_issue_never_exceeds_five_years_and_ends_while_insured() =>
        Prop.ForAll(Issues, t =>
        {
            var v = t.Policy.Compute(t.Issued, t.Birth, t.Lost);
            Assert.Equal(t.Issued, v.IssuedOn);
            Assert.InRange(v.ValidUntil, t.Issued, CertificateValidityPolicy.MaximumEnd(t.Issued));
            Assert.True(v.ValidUntil < LateStageElderlyRule.TransferDate(t.Birth));
            if (t.Lost is { } lost)
                Assert.True(v.ValidUntil < lost);
            if (t.Policy is YearsToMonthEndPolicy && v.LimitedBy == CertificateValidityLimit.Policy)
                Assert.True(CalendarMonths.IsEndOfMonth(v.ValidUntil));
        }).QuickCheckThrowOnFailure();
}
