namespace Hub.Domain.Eligibility;

/// <summary>
/// What the insurer knows about one member that bears on 資格確認書 eligibility and reminders.
/// Immutable; storage builds it from the member record.
/// </summary>
public sealed record MemberFacts
{
    /// <summary>生年月日.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Whether a My Number is assigned (false e.g. for a child born abroad).</summary>
    public bool HasMyNumber { get; init; } = true;

    /// <summary>The state of the My Number card.</summary>
    public CardState CardState { get; init; } = CardState.None;

    /// <summary>The card's issue date (発行日, by J-LIS), when known.</summary>
    public DateOnly? CardIssuedOn { get; init; }

    /// <summary>The card's expiry date as printed, when known (takes precedence over one computed from the issue date).</summary>
    public DateOnly? CardExpiresOn { get; init; }

    /// <summary>The e-certificate (利用者証明用電子証明書) expiry, when known.</summary>
    public DateOnly? ECertExpiresOn { get; init; }

    /// <summary>The date of departure from Japan (国外転出), planned or past.</summary>
    public DateOnly? DepartureDate { get; init; }

    /// <summary>The date 国外継続利用申請 (continued use abroad) was filed, if it was.</summary>
    public DateOnly? ContinuationFiledOn { get; init; }

    /// <summary>Nationality.</summary>
    public Nationality Nationality { get; init; } = Nationality.Japanese;

    /// <summary>The reason of a pending application for a certificate.</summary>
    public CertificateApplication Application { get; init; } = CertificateApplication.None;

    /// <summary>資格喪失日: the first day the member is no longer insured, if known.</summary>
    public DateOnly? QualificationLostOn { get; init; }

    /// <summary>有効期限 of the member's current 資格確認書, if one was issued.</summary>
    public DateOnly? CertificateValidUntil { get; init; }

    /// <summary>The last day to file 国外継続利用申請: the day before departure.</summary>
    public DateOnly? ContinuationDeadline => DepartureDate?.AddDays(-1);

    /// <summary>
    /// Whether the card lapses on departure: always for foreign nationals; for Japanese nationals unless
    /// 国外継続利用申請 was filed by <see cref="ContinuationDeadline"/>. False without a departure date.
    /// </summary>
    public bool CardLapsesOnDeparture =>
        ContinuationDeadline is { } deadline
        && (Nationality == Nationality.Foreign || ContinuationFiledOn is not { } filed || filed > deadline);
}
