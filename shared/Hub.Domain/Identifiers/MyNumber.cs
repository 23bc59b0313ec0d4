using System.Diagnostics;

namespace Hub.Domain.Identifiers;

/// <summary>
/// A valid My Number (個人番号): 12 digits whose last digit is the check digit of the first 11.
/// </summary>
/// <remarks>
/// 特定個人情報 must never reach a log or a report in clear, so <see cref="ToString"/> (and therefore
/// string interpolation, record printing and the debugger) shows only the masked form <c>********1234</c>.
/// The digits are available only through <see cref="RevealDigits"/>, whose name makes every disclosure
/// visible in review. <c>default(MyNumber)</c> is the empty value (<see cref="IsEmpty"/>), not a number.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct MyNumber : IEquatable<MyNumber>
{
    /// <summary>Number of digits, check digit included.</summary>
    public const int Length = 12;

    // Check-digit weights for the first 11 digits, left to right (DESIGN §3: Q_n read right to left).
    private static ReadOnlySpan<byte> Weights => [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    // The 12-digit value plus one, so that default(MyNumber) is distinguishable from 000000000000.
    private readonly long _encoded;

    private MyNumber(long value) => _encoded = value + 1;

    /// <summary>True for <c>default(MyNumber)</c>, which holds no number.</summary>
    public bool IsEmpty => _encoded == 0;

    /// <summary>The last four digits (what the notice prints), e.g. <c>9018</c>.</summary>
    public string Last4 => IsEmpty ? "" : (Value % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private long Value => _encoded - 1;

    /// <summary>
    /// Parses a My Number as employers type it: full-width digits are accepted, spaces and hyphens
    /// (any common dash, including ー) between digits are ignored, and a leading apostrophe (Excel's text
    /// marker) is ignored. Returns false with <see cref="MyNumberError.Format"/> unless exactly 12 digits
    /// remain, or <see cref="MyNumberError.CheckDigit"/> when the check digit does not match.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MyNumber number, out MyNumberError error)
        => TryParse(text, out number, out error, out _);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{char}, out MyNumber, out MyNumberError)"/>, also returning how many
    /// digits were found (useful in a message: it says nothing about the number itself).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MyNumber number, out MyNumberError error, out int digitCount)
        => TryParse(text, out number, out error, out digitCount, out _);

    /// <summary>As the public overloads, also telling whether characters other than digits and separators were found.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out MyNumber number, out MyNumberError error, out int digitCount, out bool otherCharacters)
    {
        number = default;
        long value = 0;
        digitCount = 0;
        bool other = false;
        int start = 0;
        while (start < text.Length && IsSeparator(text[start]))
        {
            start++;
        }

        if (start < text.Length && (text[start] == '\'' || text[start] == '\uFF07'))
        {
            start++;
        }

        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            int d = DigitValue(c);
            if (d >= 0)
            {
                if (digitCount < Length)
                {
                    value = (value * 10) + d;
                }

                digitCount++;
            }
            else if (!IsSeparator(c))
            {
                other = true;
            }
        }

        otherCharacters = other;
        if (other || digitCount != Length)
        {
            error = MyNumberError.Format;
            return false;
        }

        if (CheckDigitOf(value / 10) != (int)(value % 10))
        {
            error = MyNumberError.CheckDigit;
            return false;
        }

        number = new MyNumber(value);
        error = MyNumberError.None;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (whose message never contains the digits).</summary>
    public static MyNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var number, out var error))
        {
            throw new FormatException(error == MyNumberError.CheckDigit
                ? "MYNUMBER_CHECK_DIGIT: the check digit does not match."
                : "MYNUMBER_FORMAT: a My Number has exactly 12 digits.");
        }

        return number;
    }

    /// <summary>The check digit for an 11-digit body (half-width digits only).</summary>
    /// <exception cref="ArgumentException">The body is not exactly 11 ASCII digits.</exception>
    public static int ComputeCheckDigit(ReadOnlySpan<char> body)
    {
        if (body.Length != Length - 1)
        {
            throw new ArgumentException("The body of a My Number has exactly 11 digits.", nameof(body));
        }

        long value = 0;
        foreach (char c in body)
        {
            if (c is < '0' or > '9')
            {
                throw new ArgumentException("The body of a My Number has only digits 0-9.", nameof(body));
            }

            value = (value * 10) + (c - '0');
        }

        return CheckDigitOf(value);
    }

    /// <summary>The check digit for an 11-digit body given as a number (0 … 99,999,999,999).</summary>
    public static int ComputeCheckDigit(long body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body, 99_999_999_999L);
        return CheckDigitOf(body);
    }

    /// <summary>The weighted sum of the body modulo 11 (0 … 10); the check digit is derived from it.</summary>
    /// <remarks>Exposed because remainders 0 and 1 share check digit 0, the one blind spot of the scheme.</remarks>
    public static int Remainder(long body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body, 99_999_999_999L);
        return RemainderOf(body);
    }

    /// <summary>Builds the valid My Number whose first 11 digits are <paramref name="body"/>.</summary>
    public static MyNumber FromBody(long body)
    {
        int cd = ComputeCheckDigit(body);
        return new MyNumber((body * 10) + cd);
    }

    /// <summary>The 12 digits in clear. Call only where the clear number is required by law (e.g. encryption for storage).</summary>
    /// <exception cref="InvalidOperationException">The value is empty.</exception>
    public string RevealDigits()
    {
        if (IsEmpty)
        {
            throw new InvalidOperationException("An empty My Number has no digits.");
        }

        return Value.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The masked form <c>********1234</c> (empty string when empty).</summary>
    public string Mask() => IsEmpty ? "" : "********" + Last4;

    /// <summary>Always the masked form: a My Number never leaves this type in clear by accident.</summary>
    public override string ToString() => Mask();

    /// <inheritdoc/>
    public bool Equals(MyNumber other) => _encoded == other._encoded;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MyNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _encoded.GetHashCode();

    /// <summary>Equality of the numbers.</summary>
    public static bool operator ==(MyNumber left, MyNumber right) => left.Equals(right);

    /// <summary>Inequality of the numbers.</summary>
    public static bool operator !=(MyNumber left, MyNumber right) => !left.Equals(right);

    /// <summary>A 64-bit key for in-memory duplicate detection within one file; never persist it.</summary>
    internal long InMemoryKey => _encoded;

    private static int CheckDigitOf(long body)
    {
        int r = RemainderOf(body);
        return r <= 1 ? 0 : 11 - r;
    }

    private static int RemainderOf(long body)
    {
        int sum = 0;
        for (int i = Length - 2; i >= 0; i--)
        {
            sum += (int)(body % 10) * Weights[i];
            body /= 10;
        }

        return sum % 11;
    }

    private static int DigitValue(char c)
    {
        if (c is >= '0' and <= '9')
        {
            return c - '0';
        }

        if (c is >= '\uFF10' and <= '\uFF19')
        {
            return c - '\uFF10';
        }

        return -1;
    }

    private static bool IsSeparator(char c) => c switch
    {
        ' ' or '\t' or '\u00A0' or '\u3000' or '\u200B' or '\uFEFF' => true,
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => true,
        '\uFF0D' or '\uFF70' or '\u30FC' => true,
        _ => false,
    };
}
