using System.Diagnostics.CodeAnalysis;

namespace Hub.Domain.Members;

/// <summary>枝番: the 2-digit number that tells apart the people sharing one 記号・番号 (00–99).</summary>
public readonly record struct BranchNumber
{
    /// <summary>The largest 枝番.</summary>
    public const int MaxValue = 99;

    /// <summary>Creates a branch number from 0–99.</summary>
    public BranchNumber(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        Value = value;
    }

    /// <summary>The numeric value (0–99).</summary>
    public int Value { get; }

    /// <summary>The printed two-digit form, e.g. "01".</summary>
    public override string ToString() => Value.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses exactly two ASCII digits.</summary>
    /// <exception cref="RuleException">BRANCH_NUMBER_INVALID.</exception>
    public static BranchNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new RuleException(new RuleError(
            "BRANCH_NUMBER_INVALID",
            $"枝番「{text}」は2桁の数字ではありません。",
            $"Branch number '{text}' is not two digits."));

    /// <summary>Parses exactly two ASCII digits.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BranchNumber number)
    {
        number = default;
        if (text is not { Length: 2 } || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]))
            return false;
        number = new BranchNumber((text[0] - '0') * 10 + (text[1] - '0'));
        return true;
    }
}
