using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>
/// Decides whether a member needs a 資格確認書 (a member who cannot use マイナ保険証 gets one).
/// <para>Precedence, first match wins:</para>
/// <list type="number">
/// <item>Not insured on the day — 資格喪失 on or before it, or moved to 後期高齢者医療 at 75: not required.
/// A society cannot issue a certificate for someone it no longer insures.</item>
/// <item>An application (要介護等, 紛失, 更新中) is honoured whatever the card state, and is urgent: the
/// member has said they cannot use the card now.</item>
/// <item>No My Number assigned — nothing else can apply.</item>
/// <item>No card, then card returned: there is no card whose state could matter.</item>
/// <item>Overseas lapse (departure without 国外継続利用申請 by the day before; always for foreign nationals), or a
/// foreign national's departure ahead: the card is void, so lapse beats registration and expiry.</item>
/// <item>Registration cancelled, then not registered.</item>
/// <item>Registered: expired with the grace period over → required (card or e-certificate, whichever governs);
/// in the grace period → not required yet; otherwise → not required.</item>
/// </list>
/// </summary>
public static class CertificateEligibility
{
    /// <summary>The decision for <paramref name="facts"/> on the Japanese calendar day <paramref name="asOf"/>.</summary>
    /// <exception cref="RuleException">Inconsistent facts (e.g. CARD_ISSUED_BEFORE_BIRTH).</exception>
    public static CertificateDecision Decide(MemberFacts facts, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!Enum.IsDefined(facts.CardState))
            throw new ArgumentOutOfRangeException(nameof(facts), facts.CardState, "Unknown card state.");

        if (facts.QualificationLostOn is { } lostOn && asOf >= lostOn)
            return CertificateDecisions.QualificationLost(lostOn);
        var transfer = LateStageElderlyRule.TransferDate(facts.BirthDate);
        if (asOf >= transfer)
            return CertificateDecisions.LateStageElderly(transfer);

        if (facts.Application != CertificateApplication.None)
            return CertificateDecisions.Application(facts.Application);
        if (!facts.HasMyNumber)
            return CertificateDecisions.NoMyNumber();

        switch (facts.CardState)
        {
            case CardState.None:
                return CertificateDecisions.NoCard();
            case CardState.Returned:
                return CertificateDecisions.CardReturned();
        }

        if (facts.DepartureDate is { } departure && facts.CardLapsesOnDeparture)
        {
            if (asOf >= departure)
                return CertificateDecisions.CardLapsedOverseas(departure, facts.Nationality);
            if (facts.Nationality == Nationality.Foreign)
                return CertificateDecisions.ForeignNationalDeparture(departure);
        }

        switch (facts.CardState)
        {
            case CardState.RegistrationCancelled:
                return CertificateDecisions.RegistrationCancelled();
            case CardState.NotRegistered:
                return CertificateDecisions.NotRegistered();
        }

        var validity = CardValidity.For(facts);
        return validity?.On(asOf) switch
        {
            null or CardUsability.Valid => CertificateDecisions.RegisteredValid(validity),
            CardUsability.InGracePeriod => CertificateDecisions.InGracePeriod(validity),
            _ => CertificateDecisions.Expired(validity),
        };
    }
}
