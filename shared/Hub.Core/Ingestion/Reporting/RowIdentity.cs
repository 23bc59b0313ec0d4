using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reporting;

/// <summary>
/// What identifies a row for the employer's HR staff in a report — its 社員番号 and 対象区分 (被保険者/被扶養者 and the
/// action) — so they can match a report line to the row of their own system. No personal data beyond the 社員番号,
/// which is the employer's own key.
/// </summary>
/// <param name="EmployeeId">社員番号 (normalised), when known.</param>
/// <param name="RecordType">被保険者 or 被扶養者, when known.</param>
/// <param name="Action">The action, when known (only with a record type).</param>
public readonly record struct RowIdentity(string? EmployeeId, RecordType? RecordType, SubmissionAction? Action)
{
    /// <summary>The identity of a validated row (as far as a rejected row could be read).</summary>
    public static RowIdentity Of(SubmissionRowResult result) => new(result.EmployeeId, result.RecordType, result.Action);

    /// <summary>The identity of an accepted record.</summary>
    public static RowIdentity Of(SubmissionRecord record) => new(record.EmployeeId, record.RecordType, record.Action);

    /// <summary>The record type's code (<c>insured</c>/<c>dependant</c>), or null.</summary>
    public string? RecordTypeCode => RecordType is { } type ? SubmissionCodeLists.RecordTypes.CodeOf(type) : null;

    /// <summary>The action's code (<c>enroll</c>, <c>add</c>, …), or null.</summary>
    public string? ActionCode => RecordType is { } type && Action is { } action ? Actions(type).CodeOf(action) : null;

    /// <summary>対象区分 as the CSV shows it, e.g. <c>被保険者 資格取得</c> or <c>被扶養者 該当</c>; the record type alone, or null.</summary>
    public string? LabelJa => RecordType is { } type
        ? SubmissionCodeLists.RecordTypes.EntryOf(type).LabelJa + (Action is { } action ? " " + Actions(type).EntryOf(action).LabelJa : "")
        : null;

    private static CodeList<SubmissionAction> Actions(RecordType type) =>
        type == Hub.Domain.Submissions.RecordType.Insured ? SubmissionCodeLists.InsuredActions : SubmissionCodeLists.DependantActions;
}
