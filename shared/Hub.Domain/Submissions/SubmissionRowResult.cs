namespace Hub.Domain.Submissions;

/// <summary>The verdict on one row: a record when accepted, otherwise every problem found.</summary>
public sealed class SubmissionRowResult
{
    private static readonly SubmissionError[] NoErrors = [];

    internal SubmissionRowResult(int rowNumber, SubmissionRecord? record, IReadOnlyList<SubmissionError>? errors,
        string? employeeId = null, RecordType? recordType = null, SubmissionAction? action = null)
    {
        RowNumber = rowNumber;
        Record = record;
        Errors = errors ?? NoErrors;
        EmployeeId = record?.EmployeeId ?? employeeId;
        RecordType = record?.RecordType ?? recordType;
        Action = record?.Action ?? action;
    }

    /// <summary>The row number as the caller counts it.</summary>
    public int RowNumber { get; }

    /// <summary>The normalised record when accepted; null when rejected.</summary>
    public SubmissionRecord? Record { get; }

    /// <summary>Every problem in the row, in column order (empty when accepted).</summary>
    public IReadOnlyList<SubmissionError> Errors { get; }

    /// <summary>
    /// The row's 社員番号 (normalised), so HR can match the report line to their own row — also on a rejected row,
    /// when the cell could be read; null otherwise.
    /// </summary>
    public string? EmployeeId { get; }

    /// <summary>被保険者 or 被扶養者, when the cell could be read (also on a rejected row).</summary>
    public RecordType? RecordType { get; }

    /// <summary>The action, when it and the record type could be read (also on a rejected row).</summary>
    public SubmissionAction? Action { get; }

    /// <summary>True when the row has no problem.</summary>
    public bool IsAccepted => Record is not null;
}
