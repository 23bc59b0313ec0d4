using System.Text;
using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// Decides a file's syntax and encoding from its first bytes, before any row is read.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Spreadsheet and document binaries (xlsx/zip, xls, PDF) and anything with NUL bytes (UTF-16, images)
/// are UNSUPPORTED_FORMAT; a UTF-16/32 BOM is ENCODING_INVALID (the message asks for UTF-8 or Shift_JIS).</item>
/// <item>Syntax: the first non-blank character <c>[</c> means JSON; <c>{</c> (a lone object) is
/// UNSUPPORTED_FORMAT; anything else is CSV. Content decides, not the file name.</item>
/// <item>Encoding: a UTF-8 BOM, else a declared charset (<see cref="DeclaredCharset"/>), else detection: a
/// prefix that is valid UTF-8 and not pure ASCII is UTF-8; one that is not UTF-8 but valid CP932 is
/// Shift_JIS; neither is ENCODING_INVALID. A pure-ASCII prefix is UTF-8 tentatively (see
/// <see cref="SubmissionFileFormat.EncodingIsTentative"/>). Shift_JIS text is practically never valid UTF-8
/// (its lead bytes 0x81–0x9F are UTF-8 continuation bytes), so detection is reliable.</item>
/// <item>JSON is UTF-8 only (RFC 8259); declaring another charset for it is ENCODING_INVALID.</item>
/// </list>
/// </remarks>
public static class SubmissionFormatSniffer
{
    /// <summary>How many bytes to sniff.</summary>
    public const int PrefixLength = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Decides the format.</summary>
    /// <param name="prefix">The first bytes of the file (up to <see cref="PrefixLength"/>).</param>
    /// <param name="complete">True when <paramref name="prefix"/> is the whole file.</param>
    /// <param name="declaredCharset">The declared charset, if any.</param>
    /// <exception cref="SubmissionFileException">UNSUPPORTED_FORMAT, ENCODING_INVALID or FILE_EMPTY.</exception>
    public static SubmissionFileFormat Detect(ReadOnlySpan<byte> prefix, bool complete, string? declaredCharset)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new SubmissionFileException(SubmissionFileErrors.EncodingInvalid());
        if (IsBinary(prefix)) throw new SubmissionFileException(SubmissionFileErrors.UnsupportedFormat());

        var bom = prefix.StartsWith(Utf8Bom);
        var body = bom ? prefix[3..] : prefix;
        var first = FirstNonBlank(body);
        if (first < 0) throw new SubmissionFileException(SubmissionFileErrors.NoHeader());
        var syntax = body[first] switch
        {
            (byte)'[' => SubmissionSyntax.Json,
            (byte)'{' => throw new SubmissionFileException(SubmissionFileErrors.UnsupportedFormat()),
            _ => SubmissionSyntax.Csv,
        };

        if (bom) return new SubmissionFileFormat(syntax, SubmissionEncoding.Utf8, false, "bom");
        if (declaredCharset is not null)
        {
            var declared = TextEncodings.FromCharsetName(declaredCharset);
            if (declared is null || (syntax == SubmissionSyntax.Json && declared != SubmissionEncoding.Utf8))
                throw new SubmissionFileException(SubmissionFileErrors.EncodingInvalid());
            return new SubmissionFileFormat(syntax, declared.Value, false, "declared");
        }

        if (syntax == SubmissionSyntax.Json) return new SubmissionFileFormat(syntax, SubmissionEncoding.Utf8, false, "detected");
        if (Ascii.IsValid(body)) return new SubmissionFileFormat(syntax, SubmissionEncoding.Utf8, EncodingIsTentative: true, "detected");
        if (Decodes(TextEncodings.Utf8Strict, body, complete)) return new SubmissionFileFormat(syntax, SubmissionEncoding.Utf8, false, "detected");
        if (Decodes(TextEncodings.ShiftJis, body, complete)) return new SubmissionFileFormat(syntax, SubmissionEncoding.ShiftJis, false, "detected");
        throw new SubmissionFileException(SubmissionFileErrors.EncodingInvalid());
    }

    /// <summary>Zip (xlsx), OLE (xls), PDF, or NUL bytes anywhere in the prefix.</summary>
    private static bool IsBinary(ReadOnlySpan<byte> prefix) =>
        prefix.StartsWith("PK\u0003\u0004"u8) || prefix.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) || prefix.StartsWith("%PDF"u8)
        || prefix.IndexOf((byte)0) >= 0;

    private static int FirstNonBlank(ReadOnlySpan<byte> body)
    {
        for (var i = 0; i < body.Length; i++)
            if (body[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return i;
        return -1;
    }

    /// <summary>Whether the bytes decode strictly; a sequence cut off at the end of a partial prefix is fine.</summary>
    private static bool Decodes(Encoding encoding, ReadOnlySpan<byte> bytes, bool complete)
    {
        var decoder = encoding.GetDecoder();
        var chars = new char[Math.Min(bytes.Length, 8192) + 4];
        try
        {
            while (true)
            {
                // flush: false keeps a multi-byte sequence cut off at the end of a partial prefix pending instead of failing.
                decoder.Convert(bytes, chars, flush: complete, out var used, out _, out _);
                bytes = bytes[used..];
                if (bytes.IsEmpty) return true;
            }
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
