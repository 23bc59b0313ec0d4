using Hub.Domain.Identifiers;

namespace Hub.Webhooks.Safety;

/// <summary>
/// The last line of defence before a body leaves the hub: refuses any text holding a 12-digit run that passes
/// the My Number check digit (個人番号のチェックデジット), written plainly (<c>123456789018</c>), in 4-4-4 groups
/// separated by hyphens or spaces (<c>1234-5678-9018</c>, also with one separator only), or in full-width digits. A run counts only when it
/// stands alone — not part of a longer number and not glued to letters — so hex ids such as
/// <c>evt_3a123456789018f…</c> and 13+-digit numbers pass.
/// </summary>
public static class MyNumberGuard
{
    /// <summary>Whether <paramref name="text"/> contains something that looks like a My Number.</summary>
    public static bool ContainsMyNumber(string text) => FindMyNumber(text) >= 0;

    /// <summary>The index where the first My-Number-like run starts, or −1.</summary>
    public static int FindMyNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> digits = stackalloc char[12];
        for (var start = 0; start < text.Length; start++)
        {
            if (Digit(text[start]) < 0 || (start > 0 && IsWordChar(text[start - 1]))) continue;
            if (TryReadRun(text, start, digits, out var end, out var separator)
                && !ContinuesAt(text, end, separator)
                && PassesCheckDigit(digits))
                return start;
        }
        return -1;
    }

    // Reads 12 digits from start: contiguous, or grouped 4-4-4 with one separator kind ('-', '－' or ' ') after the
    // 4th and/or the 8th digit (erring on the side of refusing).
    private static bool TryReadRun(string text, int start, Span<char> digits, out int end, out char? separator)
    {
        var i = start;
        var count = 0;
        separator = null;
        while (i < text.Length && count < 12)
        {
            var d = Digit(text[i]);
            if (d >= 0)
            {
                digits[count++] = (char)('0' + d);
                i++;
                continue;
            }
            var c = text[i];
            var groupBoundary = count == 4 ? separator is null : count == 8 && (separator is null || separator == c);
            if (IsSeparator(c) && groupBoundary && i + 1 < text.Length && Digit(text[i + 1]) >= 0)
            {
                separator = c;
                i++;
                continue;
            }
            break;
        }
        end = i;
        return count == 12;
    }

    // The number goes on: more digits or letters, or (for the grouped form) another group.
    private static bool ContinuesAt(string text, int end, char? separator) =>
        end < text.Length && (IsWordChar(text[end])
            || (separator is { } s && text[end] == s && end + 1 < text.Length && Digit(text[end + 1]) >= 0));

    private static bool PassesCheckDigit(ReadOnlySpan<char> digits) =>
        MyNumber.ComputeCheckDigit(digits[..11]) == digits[11] - '0';

    private static bool IsSeparator(char c) => c is '-' or '－' or ' ';

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        _ => -1,
    };

    private static bool IsWordChar(char c) =>
        Digit(c) >= 0 || char.IsAsciiLetter(c) || c is >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ';
}
