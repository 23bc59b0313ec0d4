namespace Hub.Domain.Members;

/// <summary>
/// Periods counted in years under 民法第143条, with the first day counted (初日算入, as 年齢計算ニ関スル法律
/// requires for ages): a period ends at the end of the day before the corresponding day
/// (応当日) in the final year, or — when that month has no corresponding day (a start on 29 February) —
/// at the end of that month.
/// </summary>
public static class CivilPeriod
{
    /// <summary>
    /// The last day of a period of <paramref name="years"/> years that starts on (and counts)
    /// <paramref name="start"/>. 2000-04-01 + 1 → 2001-03-31; 2000-02-29 + 1 → 2001-02-28; 2000-02-29 + 4 → 2004-02-28.
    /// </summary>
    public static DateOnly LastDayOfYears(DateOnly start, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        // 29 February has its corresponding day in leap years only; otherwise the period ends at the
        // month's end. Either way the period ends on 28 February.
        if (start is { Month: 2, Day: 29 })
            return new DateOnly(start.Year + years, 2, 28);
        return start.AddYears(years).AddDays(-1);
    }
}
