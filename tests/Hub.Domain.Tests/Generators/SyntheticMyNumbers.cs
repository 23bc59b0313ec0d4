using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;

namespace Hub.Domain.Tests.Generators;

/// <summary>Synthetic My Numbers for tests: random 11-digit bodies with their check digit. Never real ones.</summary>
public static class SyntheticMyNumbers
{
    /// <summary>Random 11-digit bodies (0 … 99,999,999,999).</summary>
    public static Gen<long> Bodies { get; } =
        Gen.Choose(0, 99_999).SelectMany(high => Gen.Choose(0, 999_999).Select(low => (high * 1_000_000L) + low));

    /// <summary>Valid My Numbers.</summary>
    public static Gen<MyNumber> Valid { get; } = Bodies.Select(MyNumber.FromBody);

    /// <summary>12 digits whose check digit is wrong.</summary>
    public static Gen<string> WrongCheckDigit { get; } =
        Valid.Zip(Gen.Choose(1, 9)).Select(pair =>
        {
            string digits = pair.Item1.RevealDigits();
            return digits[..11] + (char)('0' + ((digits[11] - '0' + pair.Item2) % 10));
        });
}
