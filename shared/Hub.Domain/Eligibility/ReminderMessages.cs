using static Hub.Domain.Eligibility.DateText;

namespace Hub.Domain.Eligibility;

/// <summary>Builds each <see cref="Reminder"/> with its message to the member in Japanese and English.</summary>
internal static class ReminderMessages
{
    public static Reminder Expiring(CardValidity v, DateOnly due)
    {
        var card = v.ExpiryKind == CardExpiryKind.Card;
        var expiry = v.ECertExpiresOn;
        return new Reminder(
            card ? ReminderReason.CardExpiring : ReminderReason.ECertExpiring, due, expiry, ReminderAction.Notify,
            $"{WhatJa(v)}の有効期限は{Ja(expiry)}です。期限までにお住まいの市区町村の窓口で更新の手続きをしてください。",
            $"Your {WhatEn(v)} expires on {En(expiry)}. Please renew it at your municipal office before then.");
    }

    public static Reminder InGrace(CardValidity v, DateOnly due) => new(
        ReminderReason.InGracePeriod, due, v.GraceEndsOn, ReminderAction.Notify,
        $"{WhatJa(v)}の有効期限（{Ja(v.ECertExpiresOn)}）が切れています。{Ja(v.GraceEndsOn)}まではマイナ保険証として利用できますので、それまでに更新の手続きをしてください。",
        $"Your {WhatEn(v)} expired on {En(v.ECertExpiresOn)}. It works as マイナ保険証 until {En(v.GraceEndsOn)}; please renew it before then.");

    public static Reminder GraceEnded(CardValidity v, DateOnly? heldCertificateUntil) => HandOff(
        ReminderReason.GraceEnded, v.GraceEndsOn.AddDays(1), v.GraceEndsOn, heldCertificateUntil,
        $"{WhatJa(v)}の有効期限切れ後の猶予期間が{Ja(v.GraceEndsOn)}で終了しました。",
        $"The grace period after your {WhatEn(v)} expired ended on {En(v.GraceEndsOn)}.");

    public static Reminder CertificateExpiring(DateOnly validUntil, DateOnly due, CertificateDecision afterExpiry) =>
        afterExpiry.Required
            ? new Reminder(ReminderReason.CertificateExpiring, due, validUntil, ReminderAction.RenewCertificate,
                $"資格確認書の有効期限は{Ja(validUntil)}です。引き続き必要なため、更新後の資格確認書を交付します。",
                $"Your certificate (資格確認書) expires on {En(validUntil)}. You still need one, so a renewed certificate will be issued.")
            : new Reminder(ReminderReason.CertificateExpiring, due, validUntil, ReminderAction.Notify,
                $"資格確認書の有効期限は{Ja(validUntil)}です。{afterExpiry.ExplanationJa}",
                $"Your certificate (資格確認書) expires on {En(validUntil)}. {afterExpiry.ExplanationEn}");

    public static Reminder DepartureApproaching(DateOnly departure, DateOnly due)
    {
        var deadline = departure.AddDays(-1);
        return new Reminder(ReminderReason.OverseasDepartureApproaching, due, deadline, ReminderAction.Notify,
            $"出国予定日は{Ja(departure)}です。出国後もマイナンバーカードを利用するには、{Ja(deadline)}までに市区町村の窓口で国外継続利用申請をしてください。申請しない場合、カードは失効しマイナ保険証は使えなくなります。",
            $"You leave Japan on {En(departure)}. To keep your My Number card abroad, file the continued-use application (国外継続利用申請) at your municipal office by {En(deadline)}; otherwise the card lapses and cannot be used as マイナ保険証.");
    }

    public static Reminder Lapsed(DateOnly departure, DateOnly? heldCertificateUntil) => HandOff(
        ReminderReason.OverseasLapsed, departure, departure, heldCertificateUntil,
        $"国外転出（{Ja(departure)}）によりマイナンバーカードが失効しました。",
        $"Your My Number card lapsed on departure on {En(departure)}.",
        "一時帰国の際に事業所でお受け取りください。",
        " Please collect it from your employer on a temporary return.");

    public static Reminder ForeignDeparture(DateOnly departure, DateOnly due, DateOnly? heldCertificateUntil) => HandOff(
        ReminderReason.ForeignNationalDeparture, due, departure, heldCertificateUntil,
        $"外国籍の方は出国（{Ja(departure)}）後にマイナンバーカードを利用できません。",
        $"Foreign nationals cannot keep the My Number card after leaving Japan on {En(departure)}.",
        "出国前にお受け取りください。",
        " Please collect it before you leave.");

    /// <summary>
    /// A reminder that hands the member to certificate issuance — unless a certificate the member already
    /// holds still covers the event, in which case it only points to that certificate.
    /// </summary>
    private static Reminder HandOff(
        ReminderReason reason, DateOnly due, DateOnly eventDate, DateOnly? heldCertificateUntil,
        string ja, string en, string collectJa = "", string collectEn = "") =>
        heldCertificateUntil is { } until
            ? new Reminder(reason, due, eventDate, ReminderAction.Notify,
                $"{ja}お手元の資格確認書（有効期限 {Ja(until)}）をご利用ください。",
                $"{en} Please use the certificate (資格確認書) you hold, valid until {En(until)}.")
            : new Reminder(reason, due, eventDate, ReminderAction.IssueCertificate,
                $"{ja}資格確認書を交付します。{collectJa}",
                $"{en} A certificate (資格確認書) will be issued.{collectEn}");

    private static string WhatJa(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "マイナンバーカード" : "電子証明書";

    private static string WhatEn(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "My Number card" : "My Number card's e-certificate";
}
