namespace Hub.Domain.Submissions;

/// <summary>The verdict on one row: a record when accepted, otherwise every problem found.</summary>
public sealed class SubmissionRowResult
{
    private static readonly SubmissionError[] NoErrors = [];

    internal SubmissionRowResult(int rowNumber, SubmissionRecord? record, IReadOnlyList<SubmissionError>? errors)
    {
        RowNumber = rowNumber;
        Record = record;
        Errors = errors ?? NoErrors;
    }

    /// <summary>The row number as the caller counts it.</summary>
    public int RowNumber { get; }

    /// <summary>The normalised record when accepted; null when rejected.</summary>
    public SubmissionRecord? Record { get; }

    /// <summary>Every problem in the row, in column order (empty when accepted).</summary>
    public IReadOnlyList<SubmissionError> Errors { get; }

    /// <summary>True when the row has no problem.</summary>
    public bool IsAccepted => Record is not null;
}
