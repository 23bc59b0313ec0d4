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
/// foreign national's departure within the overseas window (<see cref="ReminderSettings.OverseasWindowDays"/>, default
/// 30 days): the card is void abroad, so lapse beats registration and expiry. Earlier than the window a foreign national
/// still uses the card; the certificate comes when the window opens (the overseas reminder hands the member over then),
/// so a departure planned months ahead — or later cancelled — does not put a certificate in hand too early.</item>
/// <item>Registration cancelled, then not registered.</item>
/// <item>Registered: expired with the grace period over → required (card or e-certificate, whichever governs);
/// in the grace period → not required yet; otherwise → not required.</item>
/// </list>
/// </summary>
public static class CertificateEligibility
{
    /// <summary>The decision for <paramref name="facts"/> on the Japanese calendar day <paramref name="asOf"/>.</summary>
    /// <param name="facts">The member.</param>
    /// <param name="asOf">The day.</param>
    /// <param name="settings">
    /// The reminder windows: their overseas window decides when a foreign national's departure starts to count. Pass the
    /// same settings the reminder sweeps use (default <see cref="ReminderSettings.Default"/>).
    /// </param>
    /// <exception cref="RuleException">Inconsistent facts (e.g. CARD_ISSUED_BEFORE_BIRTH); REMINDER_SETTINGS_INVALID.</exception>
    public static CertificateDecision Decide(MemberFacts facts, DateOnly asOf, ReminderSettings? settings = null)
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

        DateOnly? foreignCertificateFrom = null;
        if (facts.DepartureDate is { } departure && facts.CardLapsesOnDeparture)
        {
            if (asOf >= departure)
                return CertificateDecisions.CardLapsedOverseas(departure, facts.Nationality);
            if (facts.Nationality == Nationality.Foreign)
            {
                foreignCertificateFrom = ForeignNationalCertificateFrom(departure, settings);
                if (asOf >= foreignCertificateFrom)
                    return CertificateDecisions.ForeignNationalDeparture(departure);
            }
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
            null or CardUsability.Valid => CertificateDecisions.RegisteredValid(validity, foreignCertificateFrom),
            CardUsability.InGracePeriod => CertificateDecisions.InGracePeriod(validity),
            _ => CertificateDecisions.Expired(validity),
        };
    }

    /// <summary>
    /// The first day a foreign national leaving Japan on <paramref name="departure"/> needs a 資格確認書: the overseas window
    /// (<see cref="ReminderSettings.OverseasWindowDays"/>) before departure, the day the overseas reminder hands the member over.
    /// </summary>
    /// <exception cref="RuleException">REMINDER_SETTINGS_INVALID.</exception>
    public static DateOnly ForeignNationalCertificateFrom(DateOnly departure, ReminderSettings? settings = null) =>
        departure.AddDays(-(settings ?? ReminderSettings.Default).Validate().OverseasWindowDays);
}
