namespace Hub.Domain.Members;

/// <summary>Thrown when input breaks a member or eligibility rule; carries the <see cref="RuleError"/>.</summary>
public sealed class RuleException(RuleError error) : Exception(error.ToString())
{
    /// <summary>The error with its stable code and bilingual messages.</summary>
    public RuleError Error { get; } = error;

    /// <summary>The stable error code.</summary>
    public string Code => Error.Code;
}
