namespace Hub.Domain.Dates;

/// <summary>
/// Parses the date forms employers use, Gregorian and 和暦, into <see cref="DateOnly"/>. Allocation-free.
/// </summary>
/// <remarks>
/// Accepted forms (full-width digits, letters and separators are accepted; spaces are ignored):
/// <list type="bullet">
/// <item>Gregorian: <c>2024-12-02</c>, <c>2024/12/2</c>, <c>2024.12.2</c>, <c>20241202</c>, <c>2024年12月2日</c>.</item>
/// <item>e-Gov era code + YYMMDD, 7 digits: <c>9061202</c> (1 明治, 3 大正, 5 昭和, 7 平成, 9 令和).</item>
/// <item>Written 和暦 with the era in kanji, as a letter (M T S H R, either case) or as a ligature (㍻ ㋿ …):
/// <c>令和6年12月2日</c>, <c>平成元年10月1日</c>, <c>H1.10.1</c>, <c>H01.10.01</c>, <c>R6/12/2</c>, <c>R6-12-2</c>.</item>
/// <item>A trailing midnight time as Excel writes date cells (<c>2024/12/2 0:00</c>, <c>…T00:00:00</c>) is
/// ignored; any other time is refused, since a time means the column holds something else.</item>
/// </list>
/// The separators of one date must agree (<c>/</c> twice, or 年 月 日). A day outside its era
/// (平成1年1月7日, 令和1年4月30日, 平成31年5月1日) is <see cref="DateParseError.EraInvalid"/>, an impossible
/// day (2月30日) <see cref="DateParseError.NoSuchDay"/>.
/// </remarks>
public static class JapaneseDateParser
{
    /// <summary>Longer input is not a date.</summary>
    public const int MaxLength = 40;

    /// <summary>Parses one date; see the type remarks for the forms.</summary>
    public static DateParseResult Parse(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return Fail(DateParseError.Unrecognized);
        }

        // Ligatures expand to two characters, so twice the input length always suffices.
        Span<char> buffer = stackalloc char[MaxLength * 2];
        int n = Prepare(text, buffer);
        if (n < 0)
        {
            return Fail(DateParseError.Unrecognized);
        }

        ReadOnlySpan<char> s = buffer[..n];
        if (s.IsEmpty)
        {
            return Fail(DateParseError.Unrecognized);
        }

        if (AllDigits(s))
        {
            return s.Length switch
            {
                8 => Build(Digits(s[..4]), Digits(s.Slice(4, 2)), Digits(s.Slice(6, 2))),
                7 => FromEraCode(s),
                _ => Fail(DateParseError.Unrecognized),
            };
        }

        if (IsDigit(s[0]))
        {
            // Gregorian with separators: exactly four year digits.
            int pos = 0;
            int year = ReadNumber(s, ref pos, 4, 4);
            return year < 0 ? Fail(DateParseError.Unrecognized) : ParseMonthDay(s, pos, year, null);
        }

        JapaneseEra? era;
        int p;
        if (s.Length >= 2 && JapaneseEra.FromName(s[..2]) is { } named)
        {
            era = named;
            p = 2;
        }
        else if (JapaneseEra.FromLetter(s[0]) is { } lettered)
        {
            era = lettered;
            p = 1;
        }
        else
        {
            return Fail(DateParseError.Unrecognized);
        }

        int eraYear;
        if (p < s.Length && s[p] == '元')
        {
            eraYear = 1;
            p++;
        }
        else
        {
            eraYear = ReadNumber(s, ref p, 1, 2);
            if (eraYear < 0)
            {
                return Fail(DateParseError.Unrecognized);
            }
        }

        return ParseMonthDay(s, p, eraYear, era);
    }

    /// <summary>Parses one date; false with the reason when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date, out DateParseError error)
    {
        var result = Parse(text);
        date = result.Value;
        error = result.Error;
        return result.Success;
    }

    private static DateParseResult ParseMonthDay(ReadOnlySpan<char> s, int pos, int year, JapaneseEra? era)
    {
        if (pos >= s.Length)
        {
            return Fail(DateParseError.Unrecognized, era);
        }

        char sep = s[pos++];
        bool kanji = sep == '年';
        if (!kanji && sep is not ('-' or '/' or '.'))
        {
            return Fail(DateParseError.Unrecognized, era);
        }

        int month = ReadNumber(s, ref pos, 1, 2);
        if (month < 0 || pos >= s.Length || s[pos++] != (kanji ? '月' : sep))
        {
            return Fail(DateParseError.Unrecognized, era);
        }

        int day = ReadNumber(s, ref pos, 1, 2);
        if (day < 0)
        {
            return Fail(DateParseError.Unrecognized, era);
        }

        if (kanji)
        {
            if (pos >= s.Length || s[pos++] != '日')
            {
                return Fail(DateParseError.Unrecognized, era);
            }
        }

        if (pos != s.Length)
        {
            return Fail(DateParseError.Unrecognized, era);
        }

        return era is null ? Build(year, month, day) : BuildEra(era, year, month, day);
    }

    private static DateParseResult FromEraCode(ReadOnlySpan<char> s)
    {
        var era = JapaneseEra.FromCode(s[0] - '0');
        if (era is null)
        {
            return Fail(DateParseError.EraInvalid);
        }

        return BuildEra(era, Digits(s.Slice(1, 2)), Digits(s.Slice(3, 2)), Digits(s.Slice(5, 2)));
    }

    private static DateParseResult BuildEra(JapaneseEra era, int eraYear, int month, int day)
    {
        if (eraYear < 1)
        {
            return Fail(DateParseError.EraInvalid, era);
        }

        int year = era.ToGregorianYear(eraYear);
        var result = Build(year, month, day);
        if (!result.Success)
        {
            return result with { Era = era };
        }

        return era.Contains(result.Value) ? result with { Era = era } : Fail(DateParseError.EraInvalid, era);
    }

    private static DateParseResult Build(int year, int month, int day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Fail(DateParseError.NoSuchDay);
        }

        return new DateParseResult(new DateOnly(year, month, day), DateParseError.None, null);
    }

    private static DateParseResult Fail(DateParseError error, JapaneseEra? era = null) => new(default, error, era);

    /// <summary>
    /// Copies the text into <paramref name="buffer"/> half-width, upper-case, ligatures expanded, spaces
    /// removed and a trailing midnight time dropped. Returns the length, or -1 for a non-midnight time.
    /// </summary>
    private static int Prepare(ReadOnlySpan<char> text, Span<char> buffer)
    {
        int n = 0;
        int lastSpace = -1;
        foreach (char raw in text)
        {
            char c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            string? expanded = c switch
            {
                '\u337E' => "明治",
                '\u337D' => "大正",
                '\u337C' => "昭和",
                '\u337B' => "平成",
                '\u32FF' => "令和",
                _ => null,
            };
            if (expanded is not null)
            {
                buffer[n++] = expanded[0];
                buffer[n++] = expanded[1];
                continue;
            }

            if (c is ' ' or '\u3000' or '\t' or '\u00A0')
            {
                // Remember where a gap was (a time may follow); consecutive or leading gaps collapse.
                if (n > 0 && lastSpace != n)
                {
                    lastSpace = n;
                }

                continue;
            }

            buffer[n++] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }

        // A time, if any, follows the last gap or a 'T' after the date part (never the era letter at 0).
        int timeStart = lastSpace;
        int t = buffer[..n].LastIndexOf('T');
        if (t > 0 && t > timeStart)
        {
            timeStart = t + 1;
            if (!IsTime(buffer[timeStart..n], out bool midnight))
            {
                return n; // Not a time: leave it for the form check to refuse.
            }

            return midnight ? t : -1;
        }

        if (timeStart > 0 && IsTime(buffer[timeStart..n], out bool isMidnight))
        {
            return isMidnight ? timeStart : -1;
        }

        return n;
    }

    private static bool IsTime(ReadOnlySpan<char> s, out bool midnight)
    {
        // H:MM or H:MM:SS with 1–2 hour digits.
        midnight = false;
        int pos = 0;
        int h = ReadNumber(s, ref pos, 1, 2);
        if (h < 0 || pos >= s.Length || s[pos++] != ':')
        {
            return false;
        }

        int m = ReadNumber(s, ref pos, 2, 2);
        if (m < 0)
        {
            return false;
        }

        int sec = 0;
        if (pos < s.Length)
        {
            if (s[pos++] != ':')
            {
                return false;
            }

            sec = ReadNumber(s, ref pos, 2, 2);
            if (sec < 0 || pos != s.Length)
            {
                return false;
            }
        }

        midnight = h == 0 && m == 0 && sec == 0;
        return true;
    }

    private static int ReadNumber(ReadOnlySpan<char> s, ref int pos, int minDigits, int maxDigits)
    {
        int start = pos;
        int value = 0;
        while (pos < s.Length && pos - start < maxDigits && IsDigit(s[pos]))
        {
            value = (value * 10) + (s[pos] - '0');
            pos++;
        }

        int count = pos - start;
        if (count < minDigits || (pos < s.Length && IsDigit(s[pos])))
        {
            return -1;
        }

        return value;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(ReadOnlySpan<char> s)
    {
        int v = 0;
        foreach (char c in s)
        {
            v = (v * 10) + (c - '0');
        }

        return v;
    }
}
