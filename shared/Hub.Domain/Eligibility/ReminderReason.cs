namespace Hub.Domain.Eligibility;

/// <summary>Why a member is reminded. The names are stable codes (reminder ledger keys, events, CSV).</summary>
public enum ReminderReason
{
    /// <summary>The e-certificate expires within a reminder window.</summary>
    ECertExpiring,

    /// <summary>The card expires within a reminder window.</summary>
    CardExpiring,

    /// <summary>Expired; usable as マイナ保険証 until the grace end (stated).</summary>
    InGracePeriod,

    /// <summary>The grace period is over: hand-off to certificate issuance.</summary>
    GraceEnded,

    /// <summary>
    /// The 資格確認書 nears its 有効期限: renewal if still needed, otherwise a reminder — asking the member to switch to
    /// マイナ保険証, or only informing when the member leaves the society by then (75th birthday, 資格喪失).
    /// </summary>
    CertificateExpiring,

    /// <summary>Departure abroad is near and 国外継続利用申請 is not filed; deadline the day before departure.</summary>
    OverseasDepartureApproaching,

    /// <summary>Departed without continued use: the card lapsed; hand-off to certificate issuance.</summary>
    OverseasLapsed,

    /// <summary>A foreign national is leaving: the certificate goes out when the overseas window opens, before departure.</summary>
    ForeignNationalDeparture,
}
