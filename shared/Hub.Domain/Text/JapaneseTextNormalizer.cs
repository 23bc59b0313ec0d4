using System.Buffers;

namespace Hub.Domain.Text;

/// <summary>
/// Normalises text typed by employers (Excel, HR systems) into one canonical form, without touching
/// the kanji themselves.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Full-width ASCII (U+FF01 … U+FF5E: digits, letters, punctuation) → half-width.</item>
/// <item>Half-width katakana and punctuation (U+FF61 … U+FF9F) → full-width, composing voiced marks
/// (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ) and ｰ → ー. A voiced mark after a kana it cannot modify stays as ゛/゜.</item>
/// <item>A full-width kana followed by a combining or spacing voiced mark (カ + ゛) is composed (ガ).</item>
/// <item>Whitespace (space, ideographic space U+3000, tab, CR, LF, NBSP) is trimmed and every run becomes one
/// ASCII space; zero-width spaces and BOMs are removed.</item>
/// <item>Kana mode only: hiragana → katakana (ふりがな → フリガナ). Accepted because HR systems often hold
/// readings in hiragana and the reading is unambiguous; the canonical フリガナ is full-width katakana.</item>
/// </list>
/// Unicode NFKC is deliberately not used: it would also rewrite CJK compatibility ideographs and other
/// characters used in people's names.
/// </remarks>
public static class JapaneseTextNormalizer
{
    /// <summary>Normalises general text (width, kana width, whitespace). Returns the same instance when nothing changes; null → "".</summary>
    public static string Normalize(string? text) => Normalize(text, kana: false);

    /// <summary>As <see cref="Normalize(string?)"/>, and converts hiragana to katakana (for フリガナ fields).</summary>
    public static string NormalizeKana(string? text) => Normalize(text, kana: true);

    /// <summary>
    /// Normalises <paramref name="source"/> into <paramref name="destination"/> and returns the number of
    /// characters written. The result is never longer than the source, so a destination of
    /// <c>source.Length</c> always suffices.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination, bool kana)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the source.", nameof(destination));
        }

        int w = 0;
        bool pendingSpace = false;
        foreach (char original in source)
        {
            char c = original;
            if (IsWhitespace(c))
            {
                pendingSpace = w > 0;
                continue;
            }

            if (c is '\u200B' or '\uFEFF')
            {
                continue;
            }

            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else if (c is >= '\uFF61' and <= '\uFF9F' || KanaTables.IsSoundMark(c))
            {
                if (KanaTables.IsSoundMark(c))
                {
                    char composed = w > 0 && !pendingSpace ? KanaTables.Compose(destination[w - 1], KanaTables.IsSemiVoiced(c)) : '\0';
                    if (composed != '\0')
                    {
                        destination[w - 1] = composed;
                        continue;
                    }

                    // A mark that modifies nothing: keep a visible spacing mark so validation can point at it.
                    c = KanaTables.IsSemiVoiced(c) ? KanaTables.SpacingSemiVoicedMark : KanaTables.SpacingVoicedMark;
                }
                else
                {
                    c = KanaTables.HalfToFull(c);
                }
            }

            if (kana)
            {
                c = ToKatakana(c);
            }

            if (pendingSpace)
            {
                destination[w++] = ' ';
                pendingSpace = false;
            }

            destination[w++] = c;
        }

        return w;
    }

    /// <summary>Hiragana → katakana for one character (others unchanged).</summary>
    public static char ToKatakana(char c) => c switch
    {
        >= '\u3041' and <= '\u3096' => (char)(c + 0x60),
        '\u309D' or '\u309E' => (char)(c + 0x60), // ゝゞ → ヽヾ
        _ => c,
    };

    /// <summary>True for the characters treated as whitespace: space, U+3000, tab, CR, LF, NBSP.</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\u3000' or '\t' or '\r' or '\n' or '\u00A0';

    private static string Normalize(string? text, bool kana)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!NeedsWork(text, kana))
        {
            return text;
        }

        if (text.Length <= 256)
        {
            Span<char> buffer = stackalloc char[text.Length];
            int n = Normalize(text, buffer, kana);
            return new string(buffer[..n]);
        }

        char[] rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            int n = Normalize(text, rented, kana);
            return new string(rented, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>True when <see cref="Normalize(ReadOnlySpan{char}, Span{char}, bool)"/> would change the text.</summary>
    private static bool NeedsWork(ReadOnlySpan<char> text, bool kana)
    {
        if (text[0] == ' ' || text[^1] == ' ')
        {
            return true;
        }

        char previous = '\0';
        foreach (char c in text)
        {
            if (c < '\u3000')
            {
                if (c == ' ' ? previous == ' ' : c is '\t' or '\r' or '\n' or '\u00A0' or '\u200B')
                {
                    return true;
                }
            }
            else if (c is '\u3000' or '\uFEFF' or >= '\uFF01' and <= '\uFF9F'
                     or >= '\u3099' and <= '\u309C'
                     || (kana && c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E'))
            {
                return true;
            }

            previous = c;
        }

        return false;
    }
}
