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
            $"Your {WhatEn(v)} expires on {En(expiry)}. Please renew it at your municipal office before then.",
            Deadline: expiry);
    }

    public static Reminder InGrace(CardValidity v, DateOnly due) => new(
        ReminderReason.InGracePeriod, due, v.GraceEndsOn, ReminderAction.Notify,
        $"{WhatJa(v)}の有効期限（{Ja(v.ECertExpiresOn)}）が切れています。{Ja(v.GraceEndsOn)}まではマイナ保険証として利用できますので、それまでに更新の手続きをしてください。",
        $"Your {WhatEn(v)} expired on {En(v.ECertExpiresOn)}. It works as マイナ保険証 until {En(v.GraceEndsOn)}; please renew it before then.",
        Deadline: v.GraceEndsOn);

    public static Reminder GraceEnded(CardValidity v, DateOnly? heldCertificateUntil) => HandOff(
        ReminderReason.GraceEnded, v.GraceEndsOn.AddDays(1), v.GraceEndsOn, heldCertificateUntil,
        $"{WhatJa(v)}の有効期限切れ後の猶予期間が{Ja(v.GraceEndsOn)}で終了しました。",
        $"The grace period after your {WhatEn(v)} expired ended on {En(v.GraceEndsOn)}.");

    /// <summary>
    /// The certificate nears its end while the member stays insured: renewed when still needed (nothing to do), otherwise
    /// the member switches to マイナ保険証 (or applies for a certificate) by its 有効期限.
    /// </summary>
    public static Reminder CertificateExpiring(DateOnly validUntil, DateOnly due, CertificateDecision afterExpiry) =>
        afterExpiry.Required
            ? new Reminder(ReminderReason.CertificateExpiring, due, validUntil, ReminderAction.RenewCertificate,
                $"資格確認書の有効期限は{Ja(validUntil)}です。引き続き必要なため、更新後の資格確認書を交付します。",
                $"Your certificate (資格確認書) expires on {En(validUntil)}. You still need one, so a renewed certificate will be issued.",
                Deadline: null)
            : new Reminder(ReminderReason.CertificateExpiring, due, validUntil, ReminderAction.Notify,
                $"資格確認書の有効期限は{Ja(validUntil)}です。{afterExpiry.ExplanationJa}",
                $"Your certificate (資格確認書) expires on {En(validUntil)}. {afterExpiry.ExplanationEn}",
                Deadline: validUntil);

    /// <summary>
    /// The certificate ends because the member leaves the society (on <paramref name="exit"/>, at the latest the day after
    /// its 有効期限): nothing is renewed and nothing is asked of the member — at 75 the 後期高齢者医療 takes over by itself.
    /// </summary>
    public static Reminder CertificateEndsWithMembership(DateOnly validUntil, DateOnly due, DateOnly exit, bool lateStageElderly)
    {
        var (whyJa, whyEn) = lateStageElderly
            ? ($"{Ja(exit)}（75歳の誕生日）から後期高齢者医療制度の被保険者となるため、当組合の資格確認書は更新しません。",
               $" From the 75th birthday, {En(exit)}, you are covered by the late-stage elderly medical care system (後期高齢者医療制度), so this society does not renew it.")
            : ($"{Ja(exit)}に当組合の資格を喪失するため、資格確認書は更新しません。",
               $" You leave this society on {En(exit)} (資格喪失日), so it is not renewed.");
        // A certificate that outlasts the membership (a 資格喪失日 reported after it was issued) stops serving on the exit day.
        var (stopJa, stopEn) = validUntil >= exit
            ? ($"{Ja(exit)}以降は、この資格確認書では受診できません。", $" It cannot be used from {En(exit)} on.")
            : ("", "");
        var (nextJa, nextEn) = lateStageElderly
            ? ("当組合へのお手続きは不要です。後期高齢者医療制度で受診する際に使うものは、お住まいの市区町村（後期高齢者医療広域連合）からご案内があります。",
               " Nothing needs to be done with this society; your municipality (後期高齢者医療広域連合) will tell you what to show when you see a doctor from then on.")
            : ("資格を喪失した後は、新たに加入する医療保険のマイナ保険証または資格確認書で受診してください。",
               " After that, please use マイナ保険証 or a certificate of your new health insurance.");
        return new Reminder(ReminderReason.CertificateExpiring, due, validUntil, ReminderAction.Notify,
            $"資格確認書の有効期限は{Ja(validUntil)}です。{whyJa}{stopJa}{nextJa}",
            $"Your certificate (資格確認書) expires on {En(validUntil)}.{whyEn}{stopEn}{nextEn}",
            Deadline: null);
    }

    public static Reminder DepartureApproaching(DateOnly departure, DateOnly due)
    {
        var deadline = departure.AddDays(-1);
        return new Reminder(ReminderReason.OverseasDepartureApproaching, due, deadline, ReminderAction.Notify,
            $"出国予定日は{Ja(departure)}です。出国後もマイナンバーカードを利用するには、{Ja(deadline)}までに市区町村の窓口で国外継続利用申請をしてください。申請しない場合、カードは失効しマイナ保険証は使えなくなります。",
            $"You leave Japan on {En(departure)}. To keep your My Number card abroad, file the continued-use application (国外継続利用申請) at your municipal office by {En(deadline)}; otherwise the card lapses and cannot be used as マイナ保険証.",
            Deadline: deadline);
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
                $"{en} Please use the certificate (資格確認書) you hold, valid until {En(until)}.", Deadline: null)
            : new Reminder(reason, due, eventDate, ReminderAction.IssueCertificate,
                $"{ja}資格確認書を交付します。{collectJa}",
                $"{en} A certificate (資格確認書) will be issued.{collectEn}", Deadline: null);

    private static string WhatJa(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "マイナンバーカード" : "電子証明書";

    private static string WhatEn(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "My Number card" : "My Number card's e-certificate";
}
