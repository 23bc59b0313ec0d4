namespace Hub.Domain.Submissions;

/// <summary>One error code as documented: its scope, a one-line summary and every message it can carry.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Scope">What the error rejects.</param>
/// <param name="SummaryJa">What the code means, in Japanese.</param>
/// <param name="SummaryEn">What the code means, in English.</param>
/// <param name="Messages">The message templates (the first is the default).</param>
public sealed record SubmissionErrorDefinition(
    string Code,
    SubmissionErrorScope Scope,
    string SummaryJa,
    string SummaryEn,
    IReadOnlyList<MessageTemplate> Messages)
{
    /// <summary>Every stage that gives this code: its scope, then the stages of messages given elsewhere (e.g. UNKNOWN_INSURED also at registration).</summary>
    public IReadOnlyList<SubmissionErrorScope> Scopes =>
        Messages.Select(m => m.Scope).OfType<SubmissionErrorScope>().Prepend(Scope).Distinct().ToList();
}
