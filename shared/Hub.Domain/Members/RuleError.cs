namespace Hub.Domain.Members;

/// <summary>
/// A broken member or eligibility rule, or bad rule configuration: a stable machine code plus messages
/// in Japanese and English for people.
/// </summary>
public sealed record RuleError(string Code, string MessageJa, string MessageEn)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {MessageEn} / {MessageJa}";
}
