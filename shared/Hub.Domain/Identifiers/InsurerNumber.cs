using System.Globalization;

namespace Hub.Domain.Identifiers;

/// <summary>
/// A valid 保険者番号: 8 digits = 法別番号 (2) + 都道府県番号 (2) + 保険者別番号 (3) + check digit (1).
/// </summary>
/// <remarks>
/// Check digit (DESIGN §3): multiply the first 7 digits alternately by 2 and 1, starting with 2 at the
/// rightmost, add the digits of each product; the check digit is 10 minus the last digit of the sum
/// (0 when that digit is 0). Not personal data: <see cref="ToString"/> shows the 8 digits.
/// <c>default(InsurerNumber)</c> is the empty value.
/// </remarks>
public readonly struct InsurerNumber : IEquatable<InsurerNumber>
{
    /// <summary>Number of digits, check digit included.</summary>
    public const int Length = 8;

    /// <summary>法別番号 of 健康保険組合 (health insurance societies).</summary>
    public const int HealthInsuranceSocietyLawCode = 6;

    // The 8-digit value plus one, so that default is distinguishable from 00000000.
    private readonly int _encoded;

    private InsurerNumber(int value) => _encoded = value + 1;

    /// <summary>True for <c>default(InsurerNumber)</c>.</summary>
    public bool IsEmpty => _encoded == 0;

    private int Value => _encoded - 1;

    /// <summary>法別番号: the first two digits (06 = 健保組合, 01 = 協会けんぽ, …).</summary>
    public int LawCode => Value / 1_000_000;

    /// <summary>都道府県番号: digits 3–4.</summary>
    public int PrefectureCode => Value / 10_000 % 100;

    /// <summary>保険者別番号: digits 5–7.</summary>
    public int InsurerCode => Value / 10 % 1_000;

    /// <summary>The check digit (digit 8).</summary>
    public int CheckDigit => Value % 10;

    /// <summary>True when 法別番号 is 06 (健康保険組合).</summary>
    public bool IsHealthInsuranceSociety => !IsEmpty && LawCode == HealthInsuranceSocietyLawCode;

    /// <summary>
    /// Parses an insurer number; full-width digits are accepted and surrounding whitespace ignored,
    /// but nothing may separate the digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out InsurerNumber number, out InsurerNumberError error)
    {
        number = default;
        text = text.Trim(" \t\u3000");
        if (text.Length != Length)
        {
            error = InsurerNumberError.Format;
            return false;
        }

        int value = 0;
        foreach (char c in text)
        {
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= '\uFF10' and <= '\uFF19' ? c - '\uFF10' : -1;
            if (d < 0)
            {
                error = InsurerNumberError.Format;
                return false;
            }

            value = (value * 10) + d;
        }

        if (CheckDigitOf(value / 10) != value % 10)
        {
            error = InsurerNumberError.CheckDigit;
            return false;
        }

        number = new InsurerNumber(value);
        error = InsurerNumberError.None;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the stable code in the message.</summary>
    public static InsurerNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var number, out var error))
        {
            throw new FormatException($"{error.ToCode()}: '{text}' is not a valid insurer number (8 digits with a valid check digit).");
        }

        return number;
    }

    /// <summary>The check digit for a 7-digit body (0 … 9,999,999).</summary>
    public static int ComputeCheckDigit(int body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body, 9_999_999);
        return CheckDigitOf(body);
    }

    /// <summary>Builds the valid insurer number whose first 7 digits are <paramref name="body"/>.</summary>
    public static InsurerNumber FromBody(int body) => new((body * 10) + ComputeCheckDigit(body));

    /// <summary>The 8 digits, e.g. <c>06131234</c>.</summary>
    public override string ToString() => IsEmpty ? "" : Value.ToString("D8", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(InsurerNumber other) => _encoded == other._encoded;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InsurerNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _encoded;

    /// <summary>Equality of the numbers.</summary>
    public static bool operator ==(InsurerNumber left, InsurerNumber right) => left.Equals(right);

    /// <summary>Inequality of the numbers.</summary>
    public static bool operator !=(InsurerNumber left, InsurerNumber right) => !left.Equals(right);

    private static int CheckDigitOf(int body)
    {
        int sum = 0;
        int weight = 2;
        for (int i = 0; i < Length - 1; i++)
        {
            int product = (body % 10) * weight;
            sum += (product / 10) + (product % 10);
            body /= 10;
            weight = 3 - weight;
        }

        int last = sum % 10;
        return last == 0 ? 0 : 10 - last;
    }
}
