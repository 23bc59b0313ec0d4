namespace Hub.Domain.Text;

/// <summary>
/// Validates フリガナ after <see cref="JapaneseTextNormalizer.NormalizeKana(string?)"/>: full-width katakana
/// (ァ … ヺ, ヽ ヾ), the long vowel mark ー, the middle dot ・ and single ASCII spaces only.
/// </summary>
public static class KanaValidator
{
    /// <summary>Stable error code for an invalid フリガナ.</summary>
    public const string ErrorCode = "KANA_INVALID";

    /// <summary>True when every character is allowed in a フリガナ field and the text is not empty.</summary>
    public static bool IsValid(ReadOnlySpan<char> kana) => !kana.IsEmpty && IndexOfInvalid(kana) < 0;

    /// <summary>True for one allowed character.</summary>
    public static bool IsAllowed(char c) =>
        c is >= '\u30A1' and <= '\u30FA' or '\u30FB' or '\u30FC' or '\u30FD' or '\u30FE' or ' ';

    /// <summary>The index of the first character not allowed, or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> kana)
    {
        for (int i = 0; i < kana.Length; i++)
        {
            if (!IsAllowed(kana[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Up to <paramref name="max"/> distinct characters that are not allowed, in order of appearance (for messages).</summary>
    public static string InvalidCharacters(ReadOnlySpan<char> kana, int max = 5)
    {
        var sb = new System.Text.StringBuilder();
        int count = 0;
        for (int i = 0; i < kana.Length && count < max; i++)
        {
            char c = kana[i];
            if (IsAllowed(c))
            {
                continue;
            }

            string s = char.IsHighSurrogate(c) && i + 1 < kana.Length ? kana.Slice(i++, 2).ToString() : c.ToString();
            if (sb.ToString().Contains(s, StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(s);
            count++;
        }

        return sb.ToString();
    }
}
