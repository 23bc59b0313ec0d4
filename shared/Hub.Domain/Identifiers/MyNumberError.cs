namespace Hub.Domain.Identifiers;

/// <summary>Why a text is not a valid My Number (個人番号).</summary>
public enum MyNumberError
{
    /// <summary>The text is a valid My Number.</summary>
    None = 0,

    /// <summary>Not exactly 12 digits once separators are removed (code <c>MYNUMBER_FORMAT</c>).</summary>
    Format,

    /// <summary>12 digits, but the last one is not the check digit of the first 11 (code <c>MYNUMBER_CHECK_DIGIT</c>).</summary>
    CheckDigit,
}

/// <summary>Stable error codes for <see cref="MyNumberError"/>.</summary>
public static class MyNumberErrorExtensions
{
    /// <summary>The stable code (<c>MYNUMBER_FORMAT</c>, <c>MYNUMBER_CHECK_DIGIT</c>); empty for <see cref="MyNumberError.None"/>.</summary>
    public static string ToCode(this MyNumberError error) => error switch
    {
        MyNumberError.Format => "MYNUMBER_FORMAT",
        MyNumberError.CheckDigit => "MYNUMBER_CHECK_DIGIT",
        _ => "",
    };
}
