using static Hub.Domain.Eligibility.DateText;

namespace Hub.Domain.Eligibility;

/// <summary>Builds each <see cref="CertificateDecision"/> with its Japanese and English explanation.</summary>
internal static class CertificateDecisions
{
    private const string IssueJa = "資格確認書を交付します。";
    private const string IssueEn = "A certificate (資格確認書) is issued.";

    public static CertificateDecision QualificationLost(DateOnly lostOn) => NotRequired(
        CertificateReason.QualificationLost, lostOn,
        $"{Ja(lostOn)}に資格を喪失しているため、資格確認書は交付しません。",
        $"No longer insured since {En(lostOn)} (資格喪失日); no certificate is issued.");

    public static CertificateDecision LateStageElderly(DateOnly transferDate) => NotRequired(
        CertificateReason.LateStageElderly, transferDate,
        $"75歳の誕生日（{Ja(transferDate)}）から後期高齢者医療制度の被保険者となるため、当組合の資格確認書は交付しません。",
        $"Moved to the late-stage elderly medical care system (後期高齢者医療) on the 75th birthday, {En(transferDate)}; no certificate is issued by this society.");

    public static CertificateDecision Application(CertificateApplication application) => application switch
    {
        CertificateApplication.CareNeeds => Required(
            CertificateReason.ApplicationCareNeeds, null, urgent: true,
            "要介護・介助等の事情によりマイナ保険証を利用できないとの申請に基づき、" + IssueJa,
            "On application: care needs prevent use of マイナ保険証. " + IssueEn),
        CertificateApplication.LostCard => Required(
            CertificateReason.ApplicationLostCard, null, urgent: true,
            "マイナンバーカード紛失による申請に基づき、" + IssueJa,
            "On application: the My Number card was lost. " + IssueEn),
        CertificateApplication.CardRenewal => Required(
            CertificateReason.ApplicationCardRenewal, null, urgent: true,
            "マイナンバーカード更新手続き中との申請に基づき、" + IssueJa,
            "On application: the My Number card is being renewed. " + IssueEn),
        _ => throw new ArgumentOutOfRangeException(nameof(application), application, "Not an application reason."),
    };

    public static CertificateDecision NoMyNumber() => Required(
        CertificateReason.NoMyNumber, null, urgent: false,
        "マイナンバーが付番されていない（海外出生など）ため、" + IssueJa,
        "No My Number is assigned (e.g. born abroad). " + IssueEn);

    public static CertificateDecision NoCard() => Required(
        CertificateReason.NoCard, null, urgent: false,
        "マイナンバーカードを取得していないため、" + IssueJa,
        "The member has no My Number card. " + IssueEn);

    public static CertificateDecision CardReturned() => Required(
        CertificateReason.CardReturned, null, urgent: false,
        "マイナンバーカードを返納したため、" + IssueJa,
        "The My Number card was returned. " + IssueEn);

    public static CertificateDecision CardLapsedOverseas(DateOnly departure, Nationality nationality) =>
        nationality == Nationality.Foreign
            ? Required(CertificateReason.CardLapsedOverseas, departure, urgent: false,
                $"外国籍の方は国外に転出するとマイナンバーカードを継続利用できず、国外転出（{Ja(departure)}）により失効したため、" + IssueJa,
                $"Foreign nationals cannot keep the My Number card abroad; it lapsed on departure on {En(departure)}. " + IssueEn)
            : Required(CertificateReason.CardLapsedOverseas, departure, urgent: false,
                $"出国日の前日（{Ja(departure.AddDays(-1))}）までに国外継続利用申請がなく、国外転出（{Ja(departure)}）によりマイナンバーカードが失効したため、" + IssueJa,
                $"The My Number card lapsed on departure on {En(departure)}: no continued-use application (国外継続利用申請) was filed by {En(departure.AddDays(-1))}. " + IssueEn);

    public static CertificateDecision ForeignNationalDeparture(DateOnly departure) => Required(
        CertificateReason.ForeignNationalDeparture, departure, urgent: false,
        $"外国籍の方は国外転出後にマイナンバーカードを利用できないため、出国（{Ja(departure)}）の前に" + IssueJa,
        $"Foreign nationals cannot keep the My Number card abroad; a certificate (資格確認書) is issued before departure on {En(departure)}.");

    public static CertificateDecision RegistrationCancelled() => Required(
        CertificateReason.RegistrationCancelled, null, urgent: false,
        "マイナンバーカードの健康保険証利用登録が解除されているため、" + IssueJa,
        "The card's registration for health insurance use was cancelled. " + IssueEn);

    public static CertificateDecision NotRegistered() => Required(
        CertificateReason.NotRegistered, null, urgent: false,
        "マイナンバーカードの健康保険証利用登録をしていないため、" + IssueJa,
        "The My Number card is not registered for health insurance use. " + IssueEn);

    public static CertificateDecision Expired(CardValidity validity) => Required(
        validity.ExpiryKind == CardExpiryKind.Card ? CertificateReason.CardExpired : CertificateReason.ECertExpired,
        validity.GraceEndsOn, urgent: false,
        $"{WhatJa(validity)}の有効期限（{Ja(validity.ECertExpiresOn)}）が切れ、猶予期間（{Ja(validity.GraceEndsOn)}まで）も過ぎたため、" + IssueJa,
        $"The {WhatEn(validity)} expired on {En(validity.ECertExpiresOn)} and the grace period ended on {En(validity.GraceEndsOn)}. " + IssueEn);

    public static CertificateDecision InGracePeriod(CardValidity validity) => NotRequired(
        CertificateReason.InGracePeriod, validity.GraceEndsOn,
        $"{WhatJa(validity)}の有効期限（{Ja(validity.ECertExpiresOn)}）は過ぎていますが、{Ja(validity.GraceEndsOn)}まではマイナ保険証として利用できるため、資格確認書はまだ不要です。",
        $"Not required yet: the {WhatEn(validity)} expired on {En(validity.ECertExpiresOn)}, but the card works as マイナ保険証 until {En(validity.GraceEndsOn)} (grace period).");

    /// <summary>Registered and usable; <paramref name="foreignCertificateFrom"/> when a foreign national's departure lies ahead.</summary>
    public static CertificateDecision RegisteredValid(CardValidity? validity, DateOnly? foreignCertificateFrom = null)
    {
        var decision = validity is null
            ? NotRequired(CertificateReason.RegisteredValid, null,
                "マイナ保険証を利用できるため（有効期限の記録なし）、資格確認書は不要です。",
                "Registered マイナ保険証 (expiry not on record); no certificate required.")
            : NotRequired(CertificateReason.RegisteredValid, validity.ECertExpiresOn,
                $"マイナ保険証を利用できるため（{WhatJa(validity)}の有効期限 {Ja(validity.ECertExpiresOn)}）、資格確認書は不要です。",
                $"Registered マイナ保険証, {WhatEn(validity)} valid until {En(validity.ECertExpiresOn)}; no certificate required.");
        return foreignCertificateFrom is { } from
            ? decision with
            {
                ExplanationJa = decision.ExplanationJa + $"外国籍の方は出国後にカードを利用できないため、出国前の{Ja(from)}に資格確認書を交付します。",
                ExplanationEn = decision.ExplanationEn + $" Foreign nationals cannot keep the card abroad: a certificate (資格確認書) follows on {En(from)}, before departure.",
            }
            : decision;
    }

    private static string WhatJa(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "マイナンバーカード" : "電子証明書";

    private static string WhatEn(CardValidity v) => v.ExpiryKind == CardExpiryKind.Card ? "card" : "e-certificate";

    private static CertificateDecision Required(CertificateReason reason, DateOnly? date, bool urgent, string ja, string en) =>
        new(true, reason, urgent, ja, en, date);

    private static CertificateDecision NotRequired(CertificateReason reason, DateOnly? date, string ja, string en) =>
        new(false, reason, false, ja, en, date);
}
