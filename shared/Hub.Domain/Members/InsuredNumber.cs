using System.Globalization;

namespace Hub.Domain.Members;

/// <summary>
/// 番号 (被保険者番号): the per-insured-person number within a 記号, shared by dependants. Digits only,
/// formatted from a per-employer counter zero-padded to the insurer's width (the counter lives in storage).
/// </summary>
public readonly record struct InsuredNumber
{
    /// <summary>The longest 番号 accepted.</summary>
    public const int MaxLength = 10;

    private InsuredNumber(string value) => Value = value;

    /// <summary>The digits.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Formats a counter value as a zero-padded 番号 of <paramref name="width"/> digits (e.g. 42, 7 → "0000042").</summary>
    /// <exception cref="RuleException">INSURED_NUMBER_WIDTH_INVALID or INSURED_NUMBER_COUNTER_OUT_OF_RANGE.</exception>
    public static InsuredNumber FromCounter(long counter, int width)
    {
        if (width is < 1 or > MaxLength)
            throw new RuleException(new RuleError(
                "INSURED_NUMBER_WIDTH_INVALID",
                $"番号の桁数 {width} は 1〜{MaxLength} の範囲外です。",
                $"Insured number width {width} is outside 1–{MaxLength}."));
        var max = (long)Math.Pow(10, width) - 1;
        if (counter < 1 || counter > max)
            throw new RuleException(new RuleError(
                "INSURED_NUMBER_COUNTER_OUT_OF_RANGE",
                $"番号のカウンタ値 {counter} は {width} 桁に収まりません（1〜{max}）。",
                $"Counter value {counter} does not fit {width} digits (1–{max})."));
        return new InsuredNumber(counter.ToString(new string('0', width), CultureInfo.InvariantCulture));
    }

    /// <summary>Parses a 番号 of 1–<see cref="MaxLength"/> ASCII digits.</summary>
    /// <exception cref="RuleException">INSURED_NUMBER_INVALID.</exception>
    public static InsuredNumber Parse(string? text) =>
        text is { Length: >= 1 and <= MaxLength } && text.All(char.IsAsciiDigit)
            ? new InsuredNumber(text)
            : throw new RuleException(new RuleError(
                "INSURED_NUMBER_INVALID",
                $"番号「{text}」は1〜{MaxLength}桁の数字ではありません。",
                $"Insured number '{text}' is not 1–{MaxLength} digits."));
}
