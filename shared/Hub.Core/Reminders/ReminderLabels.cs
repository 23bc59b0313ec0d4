using Hub.Domain.Eligibility;

namespace Hub.Core.Reminders;

/// <summary>How reminders are named for people (the employer's CSV, timelines) and codes for machines (events).</summary>
public static class ReminderLabels
{
    /// <summary>The reminder in a few Japanese words.</summary>
    public static string Ja(ReminderReason reason) => reason switch
    {
        ReminderReason.ECertExpiring => "電子証明書の有効期限が近づいています",
        ReminderReason.CardExpiring => "マイナンバーカードの有効期限が近づいています",
        ReminderReason.InGracePeriod => "有効期限切れ（猶予期間中）",
        ReminderReason.GraceEnded => "猶予期間の終了",
        ReminderReason.CertificateExpiring => "資格確認書の有効期限が近づいています",
        ReminderReason.OverseasDepartureApproaching => "国外転出の予定（国外継続利用申請が未提出）",
        ReminderReason.OverseasLapsed => "国外転出によるカードの失効",
        ReminderReason.ForeignNationalDeparture => "外国籍の方の出国",
        _ => reason.ToString(),
    };

    /// <summary>The reminder in a few English words.</summary>
    public static string En(ReminderReason reason) => reason switch
    {
        ReminderReason.ECertExpiring => "e-certificate expiring",
        ReminderReason.CardExpiring => "card expiring",
        ReminderReason.InGracePeriod => "expired, in the grace period",
        ReminderReason.GraceEnded => "grace period ended",
        ReminderReason.CertificateExpiring => "certificate expiring",
        ReminderReason.OverseasDepartureApproaching => "departure abroad without continued-use filing",
        ReminderReason.OverseasLapsed => "card lapsed on departure",
        ReminderReason.ForeignNationalDeparture => "foreign national leaving Japan",
        _ => reason.ToString(),
    };

    /// <summary>What the date a reminder is about (<see cref="Reminder.EventDate"/>) means, in Japanese.</summary>
    public static string EventDateJa(ReminderReason reason) => reason switch
    {
        ReminderReason.ECertExpiring => "電子証明書の有効期限",
        ReminderReason.CardExpiring => "カードの有効期限",
        ReminderReason.InGracePeriod or ReminderReason.GraceEnded => "マイナ保険証として使える期限（猶予期限）",
        ReminderReason.CertificateExpiring => "資格確認書の有効期限",
        ReminderReason.OverseasDepartureApproaching => "国外継続利用申請の期限（出国予定日の前日）",
        ReminderReason.OverseasLapsed => "出国日",
        ReminderReason.ForeignNationalDeparture => "出国予定日",
        _ => "",
    };

    /// <summary>What the hub does, in Japanese.</summary>
    public static string ActionJa(ReminderAction action) => action switch
    {
        ReminderAction.IssueCertificate => "資格確認書を交付します",
        ReminderAction.RenewCertificate => "資格確認書を更新します",
        _ => "お知らせのみ",
    };

    /// <summary>The stable code of an action (events): <c>notify</c>, <c>issue_certificate</c>, <c>renew_certificate</c>.</summary>
    public static string ActionCode(ReminderAction action) => action switch
    {
        ReminderAction.IssueCertificate => "issue_certificate",
        ReminderAction.RenewCertificate => "renew_certificate",
        _ => "notify",
    };
}
