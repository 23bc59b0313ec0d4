namespace Hub.Domain.Identifiers;

/// <summary>Why a text is not a valid 保険者番号 (insurer number).</summary>
public enum InsurerNumberError
{
    /// <summary>The text is a valid insurer number.</summary>
    None = 0,

    /// <summary>Not exactly 8 digits (code <c>INSURER_NUMBER_FORMAT</c>).</summary>
    Format,

    /// <summary>8 digits, but the last is not the check digit of the first 7 (code <c>INSURER_NUMBER_CHECK_DIGIT</c>).</summary>
    CheckDigit,
}

/// <summary>Stable error codes for <see cref="InsurerNumberError"/>.</summary>
public static class InsurerNumberErrorExtensions
{
    /// <summary>The stable code; empty for <see cref="InsurerNumberError.None"/>.</summary>
    public static string ToCode(this InsurerNumberError error) => error switch
    {
        InsurerNumberError.Format => "INSURER_NUMBER_FORMAT",
        InsurerNumberError.CheckDigit => "INSURER_NUMBER_CHECK_DIGIT",
        _ => "",
    };
}
