namespace Hub.Domain.Submissions;

/// <summary>One problem found in a submission, ready for the result report.</summary>
/// <param name="Code">The stable code (see <see cref="SubmissionErrorCodes"/>).</param>
/// <param name="Row">The row number as the caller counts it (for CSV the spreadsheet row, header = 1); null for file-level errors.</param>
/// <param name="Column">The canonical column name (for UNKNOWN_COLUMN the header as written); null when no column applies.</param>
/// <param name="MessageJa">What is wrong and how to fix it, in Japanese. Never contains a My Number.</param>
/// <param name="MessageEn">The same in English.</param>
/// <param name="MessageId">The template the message came from (code or code.variant), for tests and analytics.</param>
public sealed record SubmissionError(string Code, int? Row, string? Column, string MessageJa, string MessageEn, string MessageId);
