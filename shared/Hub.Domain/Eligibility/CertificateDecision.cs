namespace Hub.Domain.Eligibility;

/// <summary>The outcome of the 資格確認書 eligibility decision, with its reason in Japanese and English.</summary>
/// <param name="Required">Whether a certificate must be issued.</param>
/// <param name="Reason">Why (a stable code).</param>
/// <param name="Urgent">An application to be handled ahead of routine issuance.</param>
/// <param name="ExplanationJa">The reason for people, in Japanese.</param>
/// <param name="ExplanationEn">The reason for people, in English.</param>
/// <param name="RelevantDate">The date the reason turns on (expiry, grace end, departure, loss date…), if any.</param>
public sealed record CertificateDecision(
    bool Required,
    CertificateReason Reason,
    bool Urgent,
    string ExplanationJa,
    string ExplanationEn,
    DateOnly? RelevantDate);
