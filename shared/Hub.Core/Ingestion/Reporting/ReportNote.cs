namespace Hub.Core.Ingestion.Reporting;

/// <summary>
/// A remark in a result report that is not an error (JSON <c>notes[]</c>, and a line of its own in the CSV): what
/// the employer should know about the outcome, in Japanese and English.
/// </summary>
/// <param name="MessageJa">The note in Japanese.</param>
/// <param name="MessageEn">The note in English.</param>
public sealed record ReportNote(string MessageJa, string MessageEn)
{
    /// <summary>The same content was processed before as <paramref name="originalSubmissionId"/>: nothing was done again.</summary>
    public static ReportNote Duplicate(string originalSubmissionId) => new(
        $"同じ内容のファイルは受付番号 {originalSubmissionId} で処理済みのため、今回は処理していません（結果はその受付番号の結果ファイルをご覧ください）。内容を修正した場合は修正後のファイルを提出してください。",
        $"A file with the same content was already processed as submission {originalSubmissionId}; nothing was done again (see that submission's report). Upload the corrected file if you changed it.");

    /// <summary>
    /// Accepted rows go on to registration, which this report precedes: which member ids are known already, and where
    /// the rest (and any row registration refuses) is told.
    /// </summary>
    public static ReportNote HandedToRegistration() => new(
        "「受付」の行は登録処理に渡しました。加入者ID（member_id）は、被保険者の行と、このファイルで資格取得する被保険者の被扶養者（該当）の行に記載しています（登録されると、その ID の加入者になります）。"
        + "加入者IDが空欄の行（登録済みの被保険者の被扶養者）のID、および登録時に受け付けられなかった行（例: MYNUMBER_BELONGS_TO_OTHER_MEMBER）は、健康保険組合の登録結果でお知らせします。",
        "Accepted rows were handed to registration. The member id (member_id) is given for insured persons' rows and for dependants added to an insured person "
        + "this file enrols (once registered, the member has that id). The ids left empty (dependants of insured persons already registered), and any row "
        + "registration refuses (e.g. MYNUMBER_BELONGS_TO_OTHER_MEMBER), come with the insurer's registration results.");
}
