using System.Globalization;
using System.Text;

namespace Hub.Domain.Tests.Generators;

/// <summary>
/// Renders values the ways employers type them (full-width, half-width kana, hiragana, era dates, …).
/// Written independently of the code under test: era data comes from the framework's JapaneseCalendar.
/// </summary>
public static class JapaneseTextVariants
{
    private const string HalfKatakana = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    private const string FullKatakana = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    private const string Voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    private const string VoicedBase = "カキクケコサシスセソタチツテトハヒフヘホ";
    private const string SemiVoiced = "パピプペポ";
    private const string SemiVoicedBase = "ハヒフヘホ";

    private static readonly CultureInfo JapaneseCulture = CreateJapaneseCulture();
    private static readonly JapaneseCalendar Calendar = new();

    // Framework era numbers (1 = 明治 … 5 = 令和) to names, letters and e-Gov codes.
    private static readonly string[] EraNames = ["", "明治", "大正", "昭和", "平成", "令和"];
    private static readonly char[] EraLetters = [' ', 'M', 'T', 'S', 'H', 'R'];
    private static readonly int[] EraCodes = [0, 1, 3, 5, 7, 9];

    /// <summary>Full-width katakana (with voiced letters) to half-width katakana with separate marks.</summary>
    public static string ToHalfWidthKana(string kana)
    {
        var sb = new StringBuilder();
        foreach (char c in kana)
        {
            int i = FullKatakana.IndexOf(c, StringComparison.Ordinal);
            int v = Voiced.IndexOf(c, StringComparison.Ordinal);
            int p = SemiVoiced.IndexOf(c, StringComparison.Ordinal);
            if (i >= 0)
            {
                sb.Append(HalfKatakana[i]);
            }
            else if (v >= 0)
            {
                sb.Append(HalfKatakana[FullKatakana.IndexOf(VoicedBase[v], StringComparison.Ordinal)]).Append('ﾞ');
            }
            else if (p >= 0)
            {
                sb.Append(HalfKatakana[FullKatakana.IndexOf(SemiVoicedBase[p], StringComparison.Ordinal)]).Append('ﾟ');
            }
            else if (c == 'ヴ')
            {
                sb.Append("ｳﾞ");
            }
            else if (c == '・')
            {
                sb.Append('･');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Katakana to hiragana where hiragana exists (ヴ → ゔ; ー and ・ stay).</summary>
    public static string ToHiragana(string kana)
    {
        var sb = new StringBuilder(kana.Length);
        foreach (char c in kana)
        {
            sb.Append(c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c);
        }

        return sb.ToString();
    }

    /// <summary>Printable ASCII to full-width, space to U+3000.</summary>
    public static string ToFullWidth(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                ' ' => '\u3000',
                >= '!' and <= '~' => (char)(c + 0xFEE0),
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary>Upper, lower or mixed case for ASCII letters.</summary>
    public static string RandomCase(Random random, string text) => random.Next(3) switch
    {
        0 => text.ToUpperInvariant(),
        1 => text.ToLowerInvariant(),
        _ => text,
    };

    /// <summary>Surrounds with random whitespace (ASCII or ideographic) or none.</summary>
    public static string Pad(Random random, string text) => random.Next(5) switch
    {
        0 => " " + text + " ",
        1 => "\u3000" + text,
        2 => text + "\t",
        _ => text,
    };

    /// <summary>Renders a date in one of the forms the parser accepts, chosen at random.</summary>
    public static string RenderDate(Random random, DateOnly date)
    {
        var time = date.ToDateTime(TimeOnly.MinValue);
        bool hasEra = date >= new DateOnly(1868, 9, 8);
        int era = hasEra ? Calendar.GetEra(time) : 0;
        int eraYear = hasEra ? Calendar.GetYear(time) : 0;
        string y = eraYear.ToString(CultureInfo.InvariantCulture);
        char sep = "./-"[random.Next(3)];
        string text = (hasEra ? random.Next(11) : random.Next(4)) switch
        {
            0 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => date.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
            2 => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            3 => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
            4 when eraYear <= 99 => string.Create(CultureInfo.InvariantCulture, $"{EraCodes[era]}{eraYear:D2}{date.Month:D2}{date.Day:D2}"),
            5 => time.ToString("ggy年M月d日", JapaneseCulture), // 元年 for year 1, as the framework writes it
            6 => string.Create(CultureInfo.InvariantCulture, $"{EraNames[era]}{y}年{date.Month}月{date.Day}日"),
            7 => string.Create(CultureInfo.InvariantCulture, $"{EraLetters[era]}{y}{sep}{date.Month}{sep}{date.Day}"),
            8 => string.Create(CultureInfo.InvariantCulture, $"{char.ToLowerInvariant(EraLetters[era])}{eraYear:D2}{sep}{date.Month:D2}{sep}{date.Day:D2}"),
            9 => date.ToString("yyyy/M/d", CultureInfo.InvariantCulture) + " 0:00",
            _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
        };

        return random.Next(5) == 0 ? ToFullWidth(text) : text;
    }

    /// <summary>Renders a My Number's 12 digits plain, grouped with hyphens or spaces, or full-width.</summary>
    public static string RenderMyNumber(Random random, string digits) => random.Next(6) switch
    {
        0 => $"{digits[..4]}-{digits[4..8]}-{digits[8..]}",
        1 => $"{digits[..4]} {digits[4..8]} {digits[8..]}",
        2 => ToFullWidth(digits),
        3 => ToFullWidth($"{digits[..4]}-{digits[4..8]}-{digits[8..]}"),
        _ => digits,
    };

    private static CultureInfo CreateJapaneseCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }
}
