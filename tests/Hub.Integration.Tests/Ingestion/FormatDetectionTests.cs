using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Syntax and encoding detection from the first bytes, and charset declarations.</summary>
public sealed class FormatDetectionTests
{
    private static SubmissionFileFormat Detect(byte[] bytes, string? declared = null, bool complete = true) =>
        SubmissionFormatSniffer.Detect(bytes, complete, declared);

    private static string RefusalCode(byte[] bytes, string? declared = null) =>
        Assert.Single(Assert.Throws<SubmissionFileException>(() => Detect(bytes, declared)).Errors).Code;

    [Fact]
    public void A_utf8_bom_decides_utf8()
    {
        var format = Detect(TestFiles.Utf8("氏名,a\r\n", bom: true));
        Assert.Equal((SubmissionSyntax.Csv, SubmissionEncoding.Utf8, false, "bom"), (format.Syntax, format.Encoding, format.EncodingIsTentative, format.HowDecided));
    }

    [Fact]
    public void Japanese_text_is_detected_as_utf8_or_shift_jis()
    {
        Assert.Equal(SubmissionEncoding.Utf8, Detect(TestFiles.Utf8("氏名,フリガナ\r\n山田,ﾔﾏﾀﾞ\r\n")).Encoding);
        var sjis = Detect(TestFiles.ShiftJis("氏名,フリガナ\r\n山田,ﾔﾏﾀﾞ\r\n①,髙\r\n"));
        Assert.Equal((SubmissionEncoding.ShiftJis, "detected"), (sjis.Encoding, sjis.HowDecided));
    }

    [Fact]
    public void A_multibyte_character_cut_at_the_end_of_a_partial_prefix_does_not_spoil_detection()
    {
        var utf8 = TestFiles.Utf8("氏名,山田");
        Assert.Equal(SubmissionEncoding.Utf8, Detect(utf8[..^1], complete: false).Encoding);
        var sjis = TestFiles.ShiftJis("氏名,山田");
        Assert.Equal(SubmissionEncoding.ShiftJis, Detect(sjis[..^1], complete: false).Encoding);
    }

    [Fact]
    public void Ascii_only_is_utf8_until_proven_otherwise()
    {
        var format = Detect(TestFiles.Utf8("record_type,action\r\ninsured,enroll\r\n"));
        Assert.Equal((SubmissionEncoding.Utf8, true), (format.Encoding, format.EncodingIsTentative));
        Assert.Equal((SubmissionEncoding.ShiftJis, false), (format.AsShiftJis().Encoding, format.AsShiftJis().EncodingIsTentative));
    }

    [Theory]
    [InlineData("shift_jis", SubmissionEncoding.ShiftJis)]
    [InlineData("Shift-JIS", SubmissionEncoding.ShiftJis)]
    [InlineData("cp932", SubmissionEncoding.ShiftJis)]
    [InlineData("windows-31j", SubmissionEncoding.ShiftJis)]
    [InlineData("\"UTF-8\"", SubmissionEncoding.Utf8)]
    [InlineData("utf8", SubmissionEncoding.Utf8)]
    public void A_declared_charset_wins_over_detection(string declared, SubmissionEncoding expected)
    {
        // UTF-8 bytes declared as Shift_JIS are read as Shift_JIS: the declaration is the employer's word.
        var format = Detect(TestFiles.Utf8("氏名,a\r\n"), declared);
        Assert.Equal((expected, "declared"), (format.Encoding, format.HowDecided));
    }

    [Fact]
    public void An_unsupported_declared_charset_or_a_non_utf8_json_declaration_is_encoding_invalid()
    {
        Assert.Equal(SubmissionErrorCodes.EncodingInvalid, RefusalCode(TestFiles.Utf8("a,b\r\n"), "euc-jp"));
        Assert.Equal(SubmissionErrorCodes.EncodingInvalid, RefusalCode(TestFiles.Utf8("[{}]"), "shift_jis"));
    }

    [Fact]
    public void Bytes_that_are_neither_utf8_nor_shift_jis_are_encoding_invalid()
    {
        Assert.Equal(SubmissionErrorCodes.EncodingInvalid, RefusalCode([(byte)'a', (byte)',', 0x82, 0xFF, 0xFD, (byte)'\r', (byte)'\n']));
    }

    [Fact]
    public void Utf16_is_encoding_invalid_and_binaries_are_unsupported()
    {
        Assert.Equal(SubmissionErrorCodes.EncodingInvalid, RefusalCode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a,b")]));
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, RefusalCode(Encoding.Unicode.GetBytes("a,b"))); // NUL bytes
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, RefusalCode([(byte)'P', (byte)'K', 3, 4, 20, 0])); // xlsx
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, RefusalCode("%PDF-1.7\n"u8.ToArray()));
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, RefusalCode([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1])); // xls
    }

    [Fact]
    public void Json_is_recognised_by_its_array_and_a_lone_object_is_unsupported()
    {
        Assert.Equal(SubmissionSyntax.Json, Detect(TestFiles.Utf8("  \r\n[{\"a\":1}]")).Syntax);
        Assert.Equal(SubmissionSyntax.Json, Detect(TestFiles.Utf8("[]", bom: true)).Syntax);
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, RefusalCode(TestFiles.Utf8("{\"rows\":[]}")));
    }

    [Fact]
    public void An_empty_or_blank_file_has_no_header()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), TestFiles.Utf8("", bom: true), TestFiles.Utf8(" \r\n\r\n") })
        {
            var error = Assert.Single(Assert.Throws<SubmissionFileException>(() => Detect(bytes)).Errors);
            Assert.Equal((SubmissionErrorCodes.FileEmpty, SubmissionErrorCodes.FileEmpty + ".no_header"), (error.Code, error.MessageId));
        }
    }

    [Theory]
    [InlineData("text/csv; charset=shift_jis", null, "shift_jis")]
    [InlineData("text/csv;charset=\"UTF-8\"", null, "UTF-8")]
    [InlineData("text/csv", "cp932", "cp932")]
    [InlineData("text/csv; charset=utf-8", "shift_jis", "utf-8")]
    [InlineData(null, "  sjis ", "sjis")]
    [InlineData("application/octet-stream", null, null)]
    [InlineData(null, null, null)]
    public void The_content_type_charset_comes_first_then_the_charset_metadata(string? contentType, string? metadata, string? expected)
    {
        var meta = metadata is null ? null : new Dictionary<string, string> { ["Charset"] = metadata };
        Assert.Equal(expected, DeclaredCharset.From(contentType, meta));
    }
}
