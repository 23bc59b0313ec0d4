using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Hub.Domain.Tests.Members;

/// <summary>Date helpers for table tests and FsCheck generators of calendar dates.</summary>
internal static class MemberDates
{
    /// <summary>Parses yyyy-MM-dd.</summary>
    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses yyyy-MM-dd, or null for null/empty.</summary>
    public static DateOnly? OptD(string? text) => string.IsNullOrEmpty(text) ? null : D(text);

    /// <summary>Any date from <paramref name="from"/> to <paramref name="to"/>, with 29 February and month ends over-represented.</summary>
    public static Gen<DateOnly> Between(DateOnly from, DateOnly to)
    {
        var span = to.DayNumber - from.DayNumber;
        var any = Gen.Choose(0, span).Select(d => from.AddDays(d));
        var monthEnds = any.Select(d => new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)))
            .Select(d => d <= to ? d : to);
        var leapDays = Enumerable.Range(from.Year, to.Year - from.Year + 1)
            .Where(DateTime.IsLeapYear)
            .Select(y => new DateOnly(y, 2, 29))
            .Where(d => d >= from && d <= to)
            .ToArray();
        return leapDays.Length == 0
            ? Gen.Frequency((8, any), (2, monthEnds))
            : Gen.Frequency((6, any), (2, Gen.Elements(leapDays)), (2, monthEnds));
    }

    /// <summary>Birth dates from 1900 to 2026.</summary>
    public static Gen<DateOnly> BirthDates => Between(D("1900-01-01"), D("2026-11-21"));
}
