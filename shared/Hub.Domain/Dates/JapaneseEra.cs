namespace Hub.Domain.Dates;

/// <summary>
/// A Japanese era (元号) since the Gregorian calendar came into use: 明治, 大正, 昭和, 平成, 令和, with the
/// e-Gov era codes (1, 3, 5, 7, 9), the letters used in abbreviations (M, T, S, H, R) and the first and
/// last days.
/// </summary>
/// <remarks>
/// 明治 starts on 1868-09-08 (the day the era name was adopted), as in .NET's JapaneseCalendar. Japan kept
/// the lunisolar calendar until 明治5年, so 明治1–5 dates here are proleptic Gregorian, as there.
/// </remarks>
public sealed class JapaneseEra
{
    private JapaneseEra(int code, string name, char letter, string nameEn, DateOnly first, DateOnly? last)
    {
        Code = code;
        Name = name;
        Letter = letter;
        NameEn = nameEn;
        FirstDay = first;
        LastDay = last;
    }

    /// <summary>明治 (Meiji), code 1, 1868-09-08 … 1912-07-29.</summary>
    public static JapaneseEra Meiji { get; } = new(1, "明治", 'M', "Meiji", new(1868, 9, 8), new(1912, 7, 29));

    /// <summary>大正 (Taisho), code 3, 1912-07-30 … 1926-12-24.</summary>
    public static JapaneseEra Taisho { get; } = new(3, "大正", 'T', "Taisho", new(1912, 7, 30), new(1926, 12, 24));

    /// <summary>昭和 (Showa), code 5, 1926-12-25 … 1989-01-07.</summary>
    public static JapaneseEra Showa { get; } = new(5, "昭和", 'S', "Showa", new(1926, 12, 25), new(1989, 1, 7));

    /// <summary>平成 (Heisei), code 7, 1989-01-08 … 2019-04-30.</summary>
    public static JapaneseEra Heisei { get; } = new(7, "平成", 'H', "Heisei", new(1989, 1, 8), new(2019, 4, 30));

    /// <summary>令和 (Reiwa), code 9, from 2019-05-01.</summary>
    public static JapaneseEra Reiwa { get; } = new(9, "令和", 'R', "Reiwa", new(2019, 5, 1), null);

    /// <summary>All eras, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> All { get; } = [Meiji, Taisho, Showa, Heisei, Reiwa];

    /// <summary>e-Gov era code: 1 明治, 3 大正, 5 昭和, 7 平成, 9 令和.</summary>
    public int Code { get; }

    /// <summary>The era name in kanji, e.g. 令和.</summary>
    public string Name { get; }

    /// <summary>The abbreviation letter, e.g. R.</summary>
    public char Letter { get; }

    /// <summary>The romanised name, e.g. Reiwa.</summary>
    public string NameEn { get; }

    /// <summary>The first day of the era (元年 starts here).</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The last day of the era; null for the current era.</summary>
    public DateOnly? LastDay { get; }

    /// <summary>The era with this e-Gov code, or null.</summary>
    public static JapaneseEra? FromCode(int code) => code switch
    {
        1 => Meiji,
        3 => Taisho,
        5 => Showa,
        7 => Heisei,
        9 => Reiwa,
        _ => null,
    };

    /// <summary>The era with this abbreviation letter (either case), or null.</summary>
    public static JapaneseEra? FromLetter(char letter) => char.ToUpperInvariant(letter) switch
    {
        'M' => Meiji,
        'T' => Taisho,
        'S' => Showa,
        'H' => Heisei,
        'R' => Reiwa,
        _ => null,
    };

    /// <summary>The era with this kanji name (明治 … 令和), or null.</summary>
    public static JapaneseEra? FromName(ReadOnlySpan<char> name)
    {
        foreach (var era in All)
        {
            if (name.SequenceEqual(era.Name))
            {
                return era;
            }
        }

        return null;
    }

    /// <summary>The era a date falls in, or null before 明治.</summary>
    public static JapaneseEra? ForDate(DateOnly date)
    {
        for (int i = All.Count - 1; i >= 0; i--)
        {
            if (date >= All[i].FirstDay)
            {
                return All[i];
            }
        }

        return null;
    }

    /// <summary>True when the date lies within this era.</summary>
    public bool Contains(DateOnly date) => date >= FirstDay && (LastDay is null || date <= LastDay.Value);

    /// <summary>The Gregorian year of era year <paramref name="eraYear"/> (1 = 元年).</summary>
    public int ToGregorianYear(int eraYear) => FirstDay.Year + eraYear - 1;

    /// <summary>The era year (1 = 元年) of a Gregorian year.</summary>
    public int ToEraYear(int gregorianYear) => gregorianYear - FirstDay.Year + 1;

    /// <summary>The era name, e.g. 令和.</summary>
    public override string ToString() => Name;
}
