namespace Hub.Domain.Eligibility;

/// <summary>
/// Why a 資格確認書 is or is not required. The names are stable codes (stored and sent in events).
/// </summary>
public enum CertificateReason
{
    // ---- required (交付対象) ----

    /// <summary>Applied for: care needs (要介護・介助等).</summary>
    ApplicationCareNeeds,

    /// <summary>Applied for: the card was lost (紛失).</summary>
    ApplicationLostCard,

    /// <summary>Applied for: the card is being renewed (更新手続き中).</summary>
    ApplicationCardRenewal,

    /// <summary>No My Number assigned (マイナンバー未付番, e.g. born abroad).</summary>
    NoMyNumber,

    /// <summary>No My Number card (マイナンバーカード未取得).</summary>
    NoCard,

    /// <summary>The card was returned (返納).</summary>
    CardReturned,

    /// <summary>The card lapsed on departure from Japan (国外転出時に失効).</summary>
    CardLapsedOverseas,

    /// <summary>
    /// A foreign national leaving Japan within the overseas window (default 30 days): the card cannot be kept abroad, so the
    /// certificate comes before departure.
    /// </summary>
    ForeignNationalDeparture,

    /// <summary>The registration for insurance use was cancelled (利用登録解除).</summary>
    RegistrationCancelled,

    /// <summary>The card is not registered for insurance use (利用登録なし).</summary>
    NotRegistered,

    /// <summary>The e-certificate expired and the grace period is over (電子証明書の有効期限切れ・猶予期間経過).</summary>
    ECertExpired,

    /// <summary>The card expired and the grace period is over (カードの有効期限切れ・猶予期間経過).</summary>
    CardExpired,

    // ---- not required ----

    /// <summary>Registered マイナ保険証 within its validity.</summary>
    RegisteredValid,

    /// <summary>Expired but within the grace period: not required yet.</summary>
    InGracePeriod,

    /// <summary>No longer insured (資格喪失).</summary>
    QualificationLost,

    /// <summary>Moved to 後期高齢者医療 at 75.</summary>
    LateStageElderly,
}
