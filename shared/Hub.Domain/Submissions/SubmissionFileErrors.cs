using System.Globalization;

namespace Hub.Domain.Submissions;

/// <summary>
/// Ready-made file-level and registration errors, so the readers (CSV, JSON) and the registration step
/// report them with the catalogue's messages and consistent values.
/// </summary>
public static class SubmissionFileErrors
{
    /// <summary>ENCODING_INVALID: the bytes are not valid UTF-8 / Shift_JIS (or the declared charset).</summary>
    public static SubmissionError EncodingInvalid() => SubmissionErrorCatalog.Create(SubmissionErrorCodes.EncodingInvalid, null, null);

    /// <summary>FILE_EMPTY: a header but no data row.</summary>
    public static SubmissionError NoDataRows() => SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileEmpty, null, null);

    /// <summary>FILE_EMPTY: not even a header row.</summary>
    public static SubmissionError NoHeader() => SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileEmpty + ".no_header", null, null);

    /// <summary>FILE_TOO_LARGE, stating the limit.</summary>
    public static SubmissionError FileTooLarge(long maxBytes) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileTooLarge, null, null, new MessageArg("max", FormatBytes(maxBytes)));

    /// <summary>UNSUPPORTED_FORMAT: neither CSV nor a JSON array of objects.</summary>
    public static SubmissionError UnsupportedFormat() => SubmissionErrorCatalog.Create(SubmissionErrorCodes.UnsupportedFormat, null, null);

    /// <summary>ROW_TOO_LARGE for the row starting at <paramref name="row"/>, stating the limit.</summary>
    public static SubmissionError RowTooLarge(int row, long maxBytes) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.RowTooLarge, row, null,
            new MessageArg("row", row.ToString(CultureInfo.InvariantCulture)), new MessageArg("max", FormatBytes(maxBytes)));

    /// <summary>FILE_MALFORMED near <paramref name="row"/>, with what the reader found in each language.</summary>
    public static SubmissionError FileMalformed(int row, string detailJa, string detailEn) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileMalformed, row, null,
            new MessageArg("row", row.ToString(CultureInfo.InvariantCulture)),
            new MessageArg("detail", SubmissionErrorCatalog.Quote(detailJa, 200), SubmissionErrorCatalog.Quote(detailEn, 200)));

    /// <summary>FILE_NAME_INVALID: the blob path as uploaded (quoted safely), why it is refused in each language, and the name length limit.</summary>
    public static SubmissionError FileNameInvalid(string path, string reasonJa, string reasonEn, int maxLength) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileNameInvalid, null, null,
            new MessageArg("value", SubmissionErrorCatalog.Quote(path, 80)),
            new MessageArg("reason", reasonJa, reasonEn),
            new MessageArg("max", maxLength.ToString(CultureInfo.InvariantCulture)));

    /// <summary>EMPLOYER_NOT_REGISTERED for the upload folder <paramref name="folder"/>.</summary>
    public static SubmissionError EmployerNotRegistered(string folder) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.EmployerNotRegistered, null, null, new MessageArg("value", SubmissionErrorCatalog.Quote(folder)));

    /// <summary>FILE_REPLACED: the blob changed (or vanished) between the passes.</summary>
    public static SubmissionError FileReplaced() => SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileReplaced, null, null);

    /// <summary>PROCESSING_FAILED after <paramref name="attempts"/> attempts at submission <paramref name="submissionId"/>.</summary>
    public static SubmissionError ProcessingFailed(int attempts, string submissionId) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.ProcessingFailed, null, null,
            new MessageArg("attempts", attempts.ToString(CultureInfo.InvariantCulture)),
            new MessageArg("submission", SubmissionErrorCatalog.Quote(submissionId)));

    /// <summary>MYNUMBER_BELONGS_TO_OTHER_MEMBER for an accepted row the registration step refused.</summary>
    public static SubmissionError MyNumberBelongsToOtherMember(int row) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.MyNumberBelongsToOtherMember, row, SubmissionColumn.MyNumber);

    /// <summary>A size for messages: bytes, KB or MB (binary multiples, as Windows Explorer shows them).</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 when bytes % 1024 == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
