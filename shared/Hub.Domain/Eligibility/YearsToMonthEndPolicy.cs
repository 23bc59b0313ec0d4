using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>
/// N years from issue, ending at a month end: the end of the month in which the N-year period (issue day
/// counted) ends — issued 2026-11-21, 1 year → 2027-11-30; issued 2026-12-01, 1 year → 2027-11-30.
/// When that month end would pass the five-year maximum, the last month end within it is used instead
/// (issued 2026-11-21, 5 years → 2031-10-31), so the policy always ends on a month end.
/// </summary>
/// <param name="Years">N, from 1 to 5.</param>
public sealed record YearsToMonthEndPolicy : CertificateValidityPolicy
{
    /// <summary>The configuration kind.</summary>
    public const string Kind = "years-to-month-end";

    /// <summary>Creates the policy for 1–5 years.</summary>
    public YearsToMonthEndPolicy(int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(years, MaxYears);
        Years = years;
    }

    /// <summary>N.</summary>
    public int Years { get; }

    /// <inheritdoc />
    private protected override DateOnly PolicyEnd(DateOnly issuedOn, DateOnly maximum)
    {
        var end = CalendarMonths.EndOfMonth(CivilPeriod.LastDayOfYears(issuedOn, Years));
        return end <= maximum ? end : CalendarMonths.LastMonthEndOnOrBefore(maximum);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Years}";
}
