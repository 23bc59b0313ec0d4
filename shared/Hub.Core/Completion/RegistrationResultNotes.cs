using System.Globalization;
using Hub.Core.Ingestion.Reporting;

namespace Hub.Core.Completion;

/// <summary>The remarks of a registration result (JSON <c>notes[]</c>, and a CSV line each), in Japanese and English.</summary>
public static class RegistrationResultNotes
{
    /// <summary>Every accepted row reached a final state: what the counts mean and what to do with refused rows.</summary>
    public static ReportNote Complete(string submissionId, RegistrationCounts counts) => new(
        $"受付番号 {submissionId} で受け付けた {N(counts.Accepted)} 行の登録結果です（登録済 {N(counts.Registered)} 行、登録不可 {N(counts.Rejected)} 行）。"
        + "「登録不可」の行は登録されていません。理由を確認して修正し、新しいファイルで提出してください（「登録済」の行の再提出は不要です）。",
        $"The registration result of the {N(counts.Accepted)} row(s) accepted in submission {submissionId} ({N(counts.Registered)} registered, "
        + $"{N(counts.Rejected)} refused). Refused rows were not registered: fix them as the message says and submit them in a new file "
        + "(registered rows need not be sent again).");

    /// <summary>Some rows are still unfinished after the waiting time: the insurer investigates and the file will be rewritten.</summary>
    public static ReportNote Pending(RegistrationCounts counts, TimeSpan after)
    {
        var hours = Math.Max(1, (int)Math.Round(after.TotalHours)).ToString(CultureInfo.InvariantCulture);
        return new(
            $"{N(counts.Pending)} 行（結果「確認中」）の登録処理が受付から{hours}時間を過ぎても完了していないため、健康保険組合で原因を調査しています。"
            + "処理が完了すると、このファイル（同じファイル名）を更新します。確認中の行の再提出は不要です。その他の行の結果はこのとおり確定しています。",
            $"Registration of {N(counts.Pending)} row(s) (status pending) has not finished {hours} hours after receipt; the insurer is investigating. "
            + "This file (same name) will be updated once they finish; do not submit those rows again. The other rows' results are final.");
    }

    /// <summary>The result replaces one that had rows pending.</summary>
    public static ReportNote UpdatedAfterPending() => new(
        "以前「確認中」としてお知らせした行の登録処理が完了したため、この登録結果を更新しました。",
        "Rows reported earlier as pending have now been through registration, so this result replaces the earlier one.");

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The counts of a registration result.</summary>
/// <param name="Accepted">Accepted (staged) rows reported.</param>
/// <param name="Registered">Rows registered.</param>
/// <param name="Rejected">Rows registration refused.</param>
/// <param name="Pending">Rows still unfinished.</param>
public readonly record struct RegistrationCounts(int Accepted, int Registered, int Rejected, int Pending);
