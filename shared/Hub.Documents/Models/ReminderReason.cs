namespace Hub.Documents.Models;

/// <summary>Why a member must act; each reason has its own letter text.</summary>
public enum ReminderReason
{
    /// <summary>マイナンバーカードの電子証明書の有効期限が近い (renew at the municipality before it expires).</summary>
    ElectronicCertificateExpiring,

    /// <summary>マイナンバーカード本体の有効期限が近い (apply for a new card).</summary>
    CardExpiring,

    /// <summary>有効期限後の猶予期間（3か月後の月末まで）が終わる: renew now or a 資格確認書 is issued.</summary>
    GracePeriodEnding,

    /// <summary>国外転出の予定があり国外継続利用申請が未提出 (file by the day before departure).</summary>
    OverseasDeparture,

    /// <summary>資格確認書の有効期限が近い (use マイナ保険証 afterwards, or apply for a new certificate).</summary>
    CertificateExpiring,
}

/// <summary>What expired, for <see cref="ReminderReason.GracePeriodEnding"/>.</summary>
public enum ExpiredItem
{
    /// <summary>The card's 電子証明書 (利用者証明用電子証明書).</summary>
    ElectronicCertificate,

    /// <summary>The マイナンバーカード itself.</summary>
    Card,
}
