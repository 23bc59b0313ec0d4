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
    /// Accepted rows go on to registration, which this report precedes: the registration result follows in
    /// <c>{submissionId}.registration.csv</c> (and <c>.json</c>) once every accepted row is registered or refused; which
    /// member ids are known already.
    /// </summary>
    public static ReportNote HandedToRegistration(string submissionId)
    {
        var csv = Path.GetFileName(Completion.RegistrationResultPaths.Csv("-", submissionId));
        var json = Path.GetFileName(Completion.RegistrationResultPaths.Json("-", submissionId));
        return new(
            $"「受付」の行は登録処理に渡しました。登録の結果（行ごとの登録済み・登録不可とその理由、加入者ID）は、すべての行の登録処理が終わり次第、{csv}（{json}）でお知らせします。"
            + "登録時に受け付けられない行（例: MYNUMBER_BELONGS_TO_OTHER_MEMBER）もそこに理由とともに記載します。"
            + "加入者ID（member_id）は、被保険者の行と、このファイルで資格取得する被保険者の被扶養者（該当）の行には既に記載しています（登録されると、その ID の加入者になります）。",
            $"Accepted rows were handed to registration. The registration result (per row: registered or refused with the reason, and the member id) "
            + $"follows in {csv} ({json}) once every row has been through registration; rows registration refuses (e.g. "
            + "MYNUMBER_BELONGS_TO_OTHER_MEMBER) are listed there with the reason. The member id (member_id) is already given here for insured "
            + "persons' rows and for dependants added to an insured person this file enrols (once registered, the member has that id).");
    }
}
