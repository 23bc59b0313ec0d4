using System.Globalization;

namespace Hub.Documents.Formatting;

/// <summary>和暦 (Japanese era) formatting of calendar dates, e.g. 2019-05-01 → 令和元年5月1日.</summary>
public static class JapaneseDates
{
    private static readonly CultureInfo Culture = CreateCulture();
    private static readonly DateOnly EarliestSupported = DateOnly.FromDateTime(new JapaneseCalendar().MinSupportedDateTime);

    /// <summary>The date as 和暦, e.g. 令和8年11月21日 (元年 for the first year of an era).</summary>
    public static string Format(DateOnly date)
    {
        if (date < EarliestSupported)
            throw new DocumentException(DocumentErrorCodes.InvalidField,
                $"date {date:yyyy-MM-dd} is before the Meiji era and cannot be written in 和暦",
                $"{date:yyyy-MM-dd} は明治より前の日付のため和暦で表記できません");
        return date.ToDateTime(TimeOnly.MinValue).ToString("ggy年M月d日", Culture);
    }

    /// <summary>The date as 和暦 followed by the Western year, e.g. 令和9年3月1日（2027年）.</summary>
    public static string FormatWithWesternYear(DateOnly date) =>
        $"{Format(date)}（{date.Year.ToString(CultureInfo.InvariantCulture)}年）";

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return CultureInfo.ReadOnly(culture);
    }
}
