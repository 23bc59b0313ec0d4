using System.Globalization;

namespace Hub.Domain.Dates;

/// <summary>Formats dates as 和暦 for documents and e-Gov style files.</summary>
public static class JapaneseDateFormatter
{
    /// <summary>The era and era year (1 = 元年) of a date; false before 明治 (1868-09-08).</summary>
    public static bool TryGetEraDate(DateOnly date, out JapaneseEra era, out int eraYear)
    {
        var found = JapaneseEra.ForDate(date);
        if (found is null)
        {
            era = JapaneseEra.Meiji;
            eraYear = 0;
            return false;
        }

        era = found;
        eraYear = found.ToEraYear(date.Year);
        return true;
    }

    /// <summary>Written 和暦, e.g. <c>令和6年12月2日</c>; the first year of an era is written 元年 (<c>令和元年5月1日</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治.</exception>
    public static string ToWritten(DateOnly date)
    {
        var (era, year) = EraDate(date);
        string y = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{era.Name}{y}年{date.Month}月{date.Day}日");
    }

    /// <summary>e-Gov era code + YYMMDD, 7 digits, e.g. <c>9061202</c> for 令和6年12月2日.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 or its era year exceeds 99.</exception>
    public static string ToEraCode(DateOnly date)
    {
        var (era, year) = EraDate(date);
        if (year > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The era year does not fit the two digits of an e-Gov era code.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{era.Code}{year:D2}{date.Month:D2}{date.Day:D2}");
    }

    private static (JapaneseEra Era, int Year) EraDate(DateOnly date)
    {
        if (!TryGetEraDate(date, out var era, out int year))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "Dates before 明治 (1868-09-08) have no era here.");
        }

        return (era, year);
    }
}
