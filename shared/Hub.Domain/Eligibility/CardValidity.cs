using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>
/// Validity of a My Number card as マイナ保険証. The card is valid to the 10th birthday after issue (the 5th
/// when the holder was a minor at issue); the e-certificate to the 5th birthday after its issue, never past
/// the card. After the earlier of the two expires, the card still works as マイナ保険証 until the end of
/// the month three months later (猶予期間: expiry 2026-11-30 → 2027-02-28).
/// </summary>
public sealed record CardValidity
{
    /// <summary>From this application date the card's "minor" threshold is 18 (民法改正, 成年年齢引下げ); before it, 20.</summary>
    public static readonly DateOnly AdultAgeEighteenFrom = new(2022, 4, 1);

    private CardValidity(DateOnly? cardExpiresOn, DateOnly eCertExpiresOn)
    {
        CardExpiresOn = cardExpiresOn;
        ECertExpiresOn = eCertExpiresOn;
        GraceEndsOn = GraceEnd(eCertExpiresOn);
    }

    /// <summary>The card's own expiry, when known.</summary>
    public DateOnly? CardExpiresOn { get; }

    /// <summary>The e-certificate's effective expiry (never after the card's): the last day of normal use as マイナ保険証.</summary>
    public DateOnly ECertExpiresOn { get; }

    /// <summary>The last day the card works as マイナ保険証 (end of the month three months after <see cref="ECertExpiresOn"/>).</summary>
    public DateOnly GraceEndsOn { get; }

    /// <summary>Which expiry governs: the card's when it ends on or before the e-certificate, otherwise the e-certificate's.</summary>
    public CardExpiryKind ExpiryKind =>
        CardExpiresOn is { } card && card <= ECertExpiresOn ? CardExpiryKind.Card : CardExpiryKind.ECertificate;

    /// <summary>Whether the card works as マイナ保険証 on <paramref name="date"/>.</summary>
    public CardUsability On(DateOnly date) =>
        date <= ECertExpiresOn ? CardUsability.Valid
        : date <= GraceEndsOn ? CardUsability.InGracePeriod
        : CardUsability.GraceEnded;

    /// <summary>The grace end for an expiry: the last day of the month three months after the expiry's month.</summary>
    public static DateOnly GraceEnd(DateOnly expiry) => CalendarMonths.EndOfMonthAfter(expiry, 3);

    /// <summary>From printed expiry dates; at least one must be known. The e-certificate is capped at the card's expiry.</summary>
    public static CardValidity FromExpiries(DateOnly? cardExpiresOn, DateOnly? eCertExpiresOn)
    {
        var eCert = (cardExpiresOn, eCertExpiresOn) switch
        {
            ({ } card, { } cert) => cert < card ? cert : card,
            ({ } card, null) => card,
            (null, { } cert) => cert,
            _ => throw new ArgumentException("At least one expiry date is required."),
        };
        return new CardValidity(cardExpiresOn, eCert);
    }

    /// <summary>From the issue date: the card's and the e-certificate's expiries computed from the birth date.</summary>
    /// <param name="birthDate">生年月日.</param>
    /// <param name="issuedOn">The card's issue date (J-LIS 発行日).</param>
    /// <param name="appliedOn">The application date, which decides the minor threshold; defaults to <paramref name="issuedOn"/>.</param>
    public static CardValidity FromIssue(DateOnly birthDate, DateOnly issuedOn, DateOnly? appliedOn = null) =>
        new(CardExpiryAfterIssue(birthDate, issuedOn, appliedOn), ECertExpiryAfterIssue(birthDate, issuedOn));

    /// <summary>
    /// From a member's facts: printed expiries win; missing ones are computed from the card's issue date.
    /// Null when nothing is on record.
    /// </summary>
    public static CardValidity? For(MemberFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var issued = facts.CardIssuedOn;
        var card = facts.CardExpiresOn ?? (issued is { } i ? CardExpiryAfterIssue(facts.BirthDate, i) : null);
        var eCert = facts.ECertExpiresOn ?? (issued is { } j ? ECertExpiryAfterIssue(facts.BirthDate, j) : null);
        return card is null && eCert is null ? null : FromExpiries(card, eCert);
    }

    /// <summary>The card's expiry: the 10th birthday after issue, or the 5th when the holder was a minor at issue.</summary>
    public static DateOnly CardExpiryAfterIssue(DateOnly birthDate, DateOnly issuedOn, DateOnly? appliedOn = null)
    {
        var ageAtIssue = AgeAtIssue(birthDate, issuedOn);
        var adultAge = (appliedOn ?? issuedOn) < AdultAgeEighteenFrom ? 20 : 18;
        return Age.NthBirthday(birthDate, ageAtIssue + (ageAtIssue < adultAge ? 5 : 10));
    }

    /// <summary>The e-certificate's expiry: the 5th birthday after its issue, whatever the age.</summary>
    public static DateOnly ECertExpiryAfterIssue(DateOnly birthDate, DateOnly issuedOn) =>
        Age.NthBirthday(birthDate, AgeAtIssue(birthDate, issuedOn) + 5);

    // The Kth birthday after issue is the (age at issue + K)th birthday: a birthday on the issue day itself
    // is already behind the holder and does not count.
    private static int AgeAtIssue(DateOnly birthDate, DateOnly issuedOn) =>
        issuedOn >= birthDate ? Age.On(birthDate, issuedOn) : throw new RuleException(new RuleError(
            "CARD_ISSUED_BEFORE_BIRTH",
            $"カードの発行日（{issuedOn:yyyy-MM-dd}）が生年月日（{birthDate:yyyy-MM-dd}）より前です。",
            $"The card issue date {issuedOn:yyyy-MM-dd} is before the birth date {birthDate:yyyy-MM-dd}."));
}
