using Hub.Documents.Models;
using static Hub.Documents.Formatting.JapaneseDates;

namespace Hub.Documents.Rendering;

/// <summary>The wording of a reminder letter: what is happening, the dates, what to do, and what happens otherwise.</summary>
internal sealed record ReminderContent(
    string Title,
    string Lead,
    IReadOnlyList<(string Label, string Value, bool Emphasis)> Dates,
    IReadOnlyList<string> Actions,
    string Consequence);

/// <summary>Reminder wording per <see cref="ReminderReason"/>; the model has been validated, so required dates exist.</summary>
internal static class ReminderTexts
{
    private const string ToCertificate = "期限までに手続きが確認できない場合は、保険者から資格確認書をお送りします。資格確認書を提示すれば、引き続き医療機関等を受診できます。";

    public static ReminderContent For(ReminderLetterModel model)
    {
        var due = FormatWithWesternYear(model.DueDate);
        switch (model.Reason)
        {
            case ReminderReason.ElectronicCertificateExpiring:
                return new ReminderContent(
                    "マイナンバーカードの電子証明書の更新のお願い",
                    $"あなたのマイナンバーカードの電子証明書は、{Format(model.ExpiryDate!.Value)}に有効期限を迎えます。" +
                    "電子証明書の有効期限が切れると、一定の期間が過ぎた後、マイナンバーカードを健康保険証として利用（マイナ保険証）できなくなります。",
                    [
                        ("電子証明書の有効期限", Format(model.ExpiryDate.Value), false),
                        ("マイナ保険証として利用できる期限", Format(model.GraceEndDate!.Value), false),
                        ("手続きの期限", due, true),
                    ],
                    [
                        "お住まいの市区町村の窓口で、電子証明書の更新手続きを行ってください（有効期限の3か月前から手続きできます）。",
                        "手続きには、マイナンバーカードと暗証番号（数字4桁）が必要です。",
                    ],
                    $"有効期限が過ぎても、{Format(model.GraceEndDate.Value)}まではマイナ保険証として利用できます。{ToCertificate}");

            case ReminderReason.CardExpiring:
                return new ReminderContent(
                    "マイナンバーカードの更新のお願い",
                    $"あなたのマイナンバーカードは、{Format(model.ExpiryDate!.Value)}に有効期限を迎えます。" +
                    "カードの有効期限が切れると、一定の期間が過ぎた後、マイナ保険証として利用できなくなります。",
                    [
                        ("マイナンバーカードの有効期限", Format(model.ExpiryDate.Value), false),
                        ("マイナ保険証として利用できる期限", Format(model.GraceEndDate!.Value), false),
                        ("手続きの期限", due, true),
                    ],
                    [
                        "お住まいの市区町村で、マイナンバーカードの更新（新しいカードの交付申請）を行ってください。",
                        "新しいカードを受け取った後、マイナポータルで健康保険証の利用登録の状況をご確認ください。",
                    ],
                    $"有効期限が過ぎても、{Format(model.GraceEndDate.Value)}まではマイナ保険証として利用できます。{ToCertificate}");

            case ReminderReason.GracePeriodEnding:
                var item = model.ExpiredItem == ExpiredItem.Card ? "マイナンバーカード" : "マイナンバーカードの電子証明書";
                return new ReminderContent(
                    "マイナ保険証の利用期限のお知らせ",
                    $"あなたの{item}は、{Format(model.ExpiryDate!.Value)}に有効期限が切れています。" +
                    $"マイナ保険証として利用できるのは{Format(model.GraceEndDate!.Value)}までです。",
                    [
                        ($"{(model.ExpiredItem == ExpiredItem.Card ? "カード" : "電子証明書")}の有効期限", Format(model.ExpiryDate.Value), false),
                        ("マイナ保険証として利用できる期限", Format(model.GraceEndDate.Value), false),
                        ("手続きの期限", due, true),
                    ],
                    [
                        $"お住まいの市区町村の窓口で、{item}の更新手続きを行ってください。",
                        "手続きには、マイナンバーカードと暗証番号（数字4桁）が必要です。",
                    ],
                    ToCertificate);

            case ReminderReason.OverseasDeparture:
                return new ReminderContent(
                    "国外転出に伴う手続きのお願い",
                    $"{Format(model.DepartureDate!.Value)}に国外へ転出される予定と伺っています。" +
                    "国外転出後もマイナンバーカードを健康保険証として利用するには、出国の前日までに、" +
                    "お住まいの市区町村で国外継続利用の申請を行う必要があります。",
                    [
                        ("出国予定日", Format(model.DepartureDate.Value), false),
                        ("申請の期限（出国の前日まで）", due, true),
                    ],
                    [
                        "お住まいの市区町村の窓口で国外転出届を提出する際に、マイナンバーカードの国外継続利用を申請してください。",
                        "申請には、マイナンバーカードと暗証番号が必要です。",
                    ],
                    "申請をしないまま出国すると、マイナンバーカードは失効し、マイナ保険証として利用できなくなります。" +
                    "その場合は、勤務先を通じて資格確認書をお渡しします（一時帰国の際などにご利用ください）。");

            // Only for a member who stays insured and can use マイナ保険証 after the end date (the insurer renews the
            // certificate of anyone who still needs one, and a member leaving the society gets no letter).
            case ReminderReason.CertificateExpiring:
                return new ReminderContent(
                    "資格確認書の有効期限のお知らせ",
                    $"お手元の資格確認書は、{Format(model.ExpiryDate!.Value)}に有効期限を迎えます。" +
                    "保険者の記録では、あなたはマイナ保険証を利用できるため、資格確認書は更新されません。",
                    [
                        ("資格確認書の有効期限", Format(model.ExpiryDate.Value), false),
                        ("手続きの期限", due, true),
                    ],
                    [
                        "有効期限の後は、マイナ保険証（健康保険証として利用登録したマイナンバーカード）で受診してください。",
                        "マイナ保険証を利用できない事情（要介護・介助、カードの紛失や更新中など）がある場合は、期限までに勤務先を通じて保険者へ資格確認書の交付を申請してください。",
                    ],
                    "有効期限を過ぎた資格確認書では受診できません。マイナ保険証を利用できない事情があるのに申請がない場合、" +
                    "有効期限の後は医療機関等の窓口で提示できるものがなくなります。");

            default:
                throw new DocumentException(DocumentErrorCodes.InvalidField, $"Reason has unknown value {(int)model.Reason}",
                    $"通知の理由の値（{(int)model.Reason}）が不正です");
        }
    }
}
