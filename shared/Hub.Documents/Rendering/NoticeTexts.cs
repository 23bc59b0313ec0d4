using Hub.Documents.Models;

namespace Hub.Documents.Rendering;

/// <summary>
/// The sentences of the 資格情報のお知らせ that depend on the member's situation: what to show at the counter, why no My
/// Number is printed, how to use the cut-out and the マイナポータル QR code. A sentence must be true for the member
/// reading it — a member with a 資格確認書 is not told to show マイナ保険証, a member without a My Number is not asked for one.
/// </summary>
internal static class NoticeTexts
{
    /// <summary>Under the title: what to show at the counter (the notice alone cannot be used).</summary>
    public static string WhatToShow(NoticeModel model) => model.CareDocument switch
    {
        CareDocument.MynaHokensho => "医療機関等の窓口では、マイナ保険証（健康保険証として利用登録したマイナンバーカード）を提示してください。",
        CareDocument.Certificate => "医療機関等の窓口では、保険者から交付する資格確認書を提示してください。",
        _ => model.MyNumberNotAssigned
            ? "医療機関等の窓口では、保険者から交付する資格確認書を提示してください。"
            : "医療機関等の窓口では、マイナ保険証または資格確認書を提示してください。",
    };

    /// <summary>In place of the last 4 digits when none are printed.</summary>
    public static string NoMyNumberPrinted(NoticeModel model) => model.MyNumberNotAssigned
        ? "個人番号（マイナンバー）が付番されていないため、記載していません。受診の際は資格確認書をご利用ください。" +
          "今後、個人番号が付番されたときは、勤務先を通じてご提出ください。"
        : "個人番号（マイナンバー）の未提出などにより、保険者が正確な個人番号を確認できていないため、記載していません。" +
          "勤務先を通じて個人番号をご提出ください。";

    /// <summary>Beside the cut-out: how the card-sized part is used.</summary>
    public static string CutOutUse(NoticeModel model) => (model.MyNumberNotAssigned ? CareDocument.Certificate : model.CareDocument) switch
    {
        CareDocument.MynaHokensho =>
            "大切に保管してください。マイナ保険証で資格を確認できない医療機関等では、マイナ保険証と一緒に提示してください。" +
            "健康保険の給付の申請などで記号・番号が必要なときにもご利用いただけます。",
        CareDocument.Certificate =>
            "大切に保管してください。受診の際は、このお知らせではなく資格確認書を提示してください。" +
            "健康保険の給付の申請などで記号・番号が必要なときにご利用いただけます。",
        _ =>
            "大切に保管してください。マイナ保険証をお使いの方は、マイナ保険証で資格を確認できない医療機関等で、マイナ保険証と一緒に提示してください。" +
            "健康保険の給付の申請などで記号・番号が必要なときにもご利用いただけます。",
    };

    /// <summary>Under the QR code. Logging in to マイナポータル needs a My Number card, which only a マイナ保険証 user surely has.</summary>
    public static string Portal(NoticeModel model) => model.CareDocument == CareDocument.MynaHokensho
        ? "スマートフォンで読み取り、マイナポータルにログインすると、ご自身の健康保険の資格情報を確認できます。"
        : "マイナンバーカードをお持ちの方は、スマートフォンで読み取り、マイナポータルにログインすると、ご自身の健康保険の資格情報を確認できます。";
}
