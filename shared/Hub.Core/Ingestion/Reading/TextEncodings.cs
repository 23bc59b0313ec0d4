using System.Text;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// The encodings a submission may use: UTF-8 (with or without BOM) and Shift_JIS, read as code page 932
/// (CP932 / Windows-31J, the superset Excel writes: NEC and IBM extensions such as ① and 髙, in either byte form
/// Windows accepts — see <see cref="Cp932AliasFallback"/>). Both decode strictly: an invalid byte throws instead of
/// turning into U+FFFD, so a damaged file is refused (ENCODING_INVALID) rather than registered with garbled names.
/// </summary>
public static class TextEncodings
{
    private static readonly Lazy<Encoding> Cp932 = new(() =>
    {
        // Code pages other than UTF-* and Latin-1 come from the in-box provider, registered once per process.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, Cp932AliasFallback.Create());
    });

    /// <summary>Strict UTF-8 without a preamble (a BOM is stripped by the readers).</summary>
    public static Encoding Utf8Strict { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Strict Shift_JIS (code page 932).</summary>
    public static Encoding ShiftJis => Cp932.Value;

    /// <summary>The encoding of a kind.</summary>
    public static Encoding For(SubmissionEncoding encoding) => encoding switch
    {
        SubmissionEncoding.Utf8 => Utf8Strict,
        SubmissionEncoding.ShiftJis => ShiftJis,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    /// <summary>The name written in reports and documented for declarations.</summary>
    public static string NameOf(SubmissionEncoding encoding) => encoding switch
    {
        SubmissionEncoding.Utf8 => "utf-8",
        SubmissionEncoding.ShiftJis => "shift_jis",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    /// <summary>
    /// The encoding a declared charset names (case-insensitive): <c>utf-8</c>/<c>utf8</c>, or
    /// <c>shift_jis</c>/<c>shift-jis</c>/<c>sjis</c>/<c>x-sjis</c>/<c>cp932</c>/<c>ms932</c>/<c>windows-31j</c>.
    /// Null for any other name (which the caller refuses: the employer said something we cannot honour).
    /// </summary>
    public static SubmissionEncoding? FromCharsetName(string? name) => name?.Trim().Trim('"').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => SubmissionEncoding.Utf8,
        "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "cp932" or "ms932" or "windows-31j" or "csshiftjis" => SubmissionEncoding.ShiftJis,
        _ => null,
    };
}

/// <summary>A submission's character encoding.</summary>
public enum SubmissionEncoding
{
    /// <summary>UTF-8 (a BOM is allowed and ignored).</summary>
    Utf8,

    /// <summary>Shift_JIS, read as CP932.</summary>
    ShiftJis,
}
