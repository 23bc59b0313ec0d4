namespace Hub.Domain.Members;

/// <summary>Month arithmetic on calendar dates (month ends, first days of months).</summary>
public static class CalendarMonths
{
    /// <summary>The first day of the month containing <paramref name="date"/>.</summary>
    public static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>The last day of the month containing <paramref name="date"/>.</summary>
    public static DateOnly EndOfMonth(DateOnly date) =>
        new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    /// <summary>The first day of the month after the one containing <paramref name="date"/>.</summary>
    public static DateOnly FirstOfNextMonth(DateOnly date) => FirstOfMonth(date).AddMonths(1);

    /// <summary>
    /// The last day of the month <paramref name="months"/> months after the month of <paramref name="date"/>
    /// (e.g. 2026-11-30 and 3 → 2027-02-28). Works on months, so the day of month never overflows.
    /// </summary>
    public static DateOnly EndOfMonthAfter(DateOnly date, int months) =>
        EndOfMonth(FirstOfMonth(date).AddMonths(months));

    /// <summary>Whether <paramref name="date"/> is the last day of its month.</summary>
    public static bool IsEndOfMonth(DateOnly date) => date == EndOfMonth(date);

    /// <summary>The latest month end on or before <paramref name="date"/>.</summary>
    public static DateOnly LastMonthEndOnOrBefore(DateOnly date) =>
        IsEndOfMonth(date) ? date : FirstOfMonth(date).AddDays(-1);
}
