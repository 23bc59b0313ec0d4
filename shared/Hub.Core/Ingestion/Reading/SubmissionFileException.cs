using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reading;

/// <summary>The file is refused as a whole (file-level errors: encoding, syntax, header, size); no row is processed.</summary>
public sealed class SubmissionFileException : Exception
{
    /// <summary>Refuses the file with <paramref name="errors"/>.</summary>
    public SubmissionFileException(IReadOnlyList<SubmissionError> errors)
        : base("Submission refused: " + string.Join(", ", errors.Select(e => e.Code)))
    {
        Errors = errors;
    }

    /// <summary>Refuses the file with one error.</summary>
    public SubmissionFileException(SubmissionError error)
        : this([error])
    {
    }

    /// <summary>Every file-level problem found.</summary>
    public IReadOnlyList<SubmissionError> Errors { get; }
}

/// <summary>
/// Bytes that are not valid in the encoding being used. The caller decides: ENCODING_INVALID, or (when UTF-8
/// was only assumed) a restart as Shift_JIS.
/// </summary>
public sealed class SubmissionEncodingException(int rowNumber, Exception inner)
    : Exception($"Invalid bytes for the encoding near row {rowNumber}.", inner)
{
    /// <summary>The row being read when the bad bytes came.</summary>
    public int RowNumber { get; } = rowNumber;
}
