namespace Hub.Domain.Eligibility;

/// <summary>The printed dates of a 資格確認書.</summary>
/// <param name="IssuedOn">交付年月日.</param>
/// <param name="ValidUntil">有効期限 (the last valid day).</param>
/// <param name="LimitedBy">What set <paramref name="ValidUntil"/>.</param>
public sealed record CertificateValidity(DateOnly IssuedOn, DateOnly ValidUntil, CertificateValidityLimit LimitedBy);
