namespace Hub.Core.Ingestion.Reading;

/// <summary>How a submission file is read: syntax and encoding, decided once in pass 1 and reused in pass 2.</summary>
/// <param name="Syntax">CSV or JSON.</param>
/// <param name="Encoding">The character encoding.</param>
/// <param name="EncodingIsTentative">
/// True when nothing decided the encoding yet: no BOM, no declaration, and only ASCII in the sniffed prefix. UTF-8
/// is then assumed, and a byte that is not UTF-8 later in pass 1 switches the file to Shift_JIS (pass 1 restarts).
/// </param>
/// <param name="HowDecided">What decided the encoding (for the report): <c>bom</c>, <c>declared</c>, <c>detected</c>.</param>
public sealed record SubmissionFileFormat(SubmissionSyntax Syntax, SubmissionEncoding Encoding, bool EncodingIsTentative, string HowDecided)
{
    /// <summary>The same format read as Shift_JIS after UTF-8 turned out wrong.</summary>
    public SubmissionFileFormat AsShiftJis() => this with { Encoding = SubmissionEncoding.ShiftJis, EncodingIsTentative = false, HowDecided = "detected" };
}

/// <summary>The syntax of a submission file.</summary>
public enum SubmissionSyntax
{
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>A JSON array of objects.</summary>
    Json,
}
