using System.Security.Cryptography;
using System.Text;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Both passes over in-memory files: encodings end to end, hashing, limits and the hand-over between the passes.</summary>
public sealed class SubmissionScanTests
{
    private const string Employer = "E0001";
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static SubmissionContentOpener Open(byte[] bytes) => _ => Task.FromResult<Stream>(new MemoryStream(bytes));

    private static async Task<(SubmissionScan Scan, List<SubmissionRowResult> Rows)> ScanAsync(byte[] bytes, string? declared = null, IngestionSettings? settings = null)
    {
        var scan = new SubmissionScan(Employer, Today, settings ?? new IngestionSettings(), declared);
        await scan.CollectAsync(Open(bytes), CancellationToken.None);
        var rows = new List<SubmissionRowResult>();
        await scan.ValidateAsync(Open(bytes), row =>
        {
            rows.Add(row);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return (scan, rows);
    }

    private static async Task<SubmissionError> RefusedAsync(byte[] bytes, string? declared = null, IngestionSettings? settings = null)
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ScanAsync(bytes, declared, settings));
        return e.Errors[0];
    }

    private static string File(params string[] rows) => TestFiles.Csv(rows);

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData("utf-8", true)]
    [InlineData("shift_jis", false)]
    public async Task Every_encoding_reads_the_same_names(string encoding, bool bom)
    {
        var text = File(TestFiles.Insured(Employer, "A1", name: "髙橋 ①郎", kana: "ﾀｶﾊｼ ｲﾁﾛｳ"));
        var bytes = encoding == "shift_jis" ? TestFiles.ShiftJis(text) : TestFiles.Utf8(text, bom);
        var (scan, rows) = await ScanAsync(bytes);
        Assert.Equal(encoding == "shift_jis" ? SubmissionEncoding.ShiftJis : SubmissionEncoding.Utf8, scan.Format!.Encoding);
        var record = Assert.Single(rows).Record!;
        Assert.Equal(("髙橋 ①郎", "タカハシ イチロウ"), (record.NameKanji, record.NameKana));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), scan.Sha256);
        Assert.Equal(bytes.Length, scan.Bytes);
    }

    /// <summary>
    /// CP932-only characters (not in JIS X 0208, so strict Shift_JIS would refuse them): NEC special characters (①, ㈱, №)
    /// and the IBM extensions (髙, 﨑, ⅰ), which Windows software writes in either of two byte forms — IBM (0xFA–0xFC) or
    /// NEC-selected (0xED–0xEE). Both forms read as the same text, and the file is detected as Shift_JIS.
    /// </summary>
    [Theory]
    [InlineData("ibm")]
    [InlineData("nec-selected")]
    public async Task Cp932_extensions_in_either_byte_form_read_as_the_same_characters(string form)
    {
        byte[] Raw(string nec, string ibm) => Convert.FromHexString(form == "ibm" ? ibm : nec);
        byte[] name = [.. Raw("EEE0", "FBFC"), .. TestFiles.ShiftJis("橋"), .. Raw("ED95", "FAB1"), .. TestFiles.ShiftJis("　"),
            .. Convert.FromHexString("8740878A8782"), .. Raw("EEEF", "FA40")];
        var parts = File(TestFiles.Insured(Employer, "A1", name: "{NAME}", kana: "ﾀｶﾊｼ ｲﾁﾛｳ")).Split("{NAME}");
        byte[] bytes = [.. TestFiles.ShiftJis(parts[0]), .. name, .. TestFiles.ShiftJis(parts[1])];

        var (scan, rows) = await ScanAsync(bytes);

        Assert.Equal((SubmissionEncoding.ShiftJis, "detected"), (scan.Format!.Encoding, scan.Format.HowDecided));
        var record = Assert.Single(rows).Record!;
        Assert.Equal("髙橋﨑 ①㈱№ⅰ", record.NameKanji); // the full-width space is normalised to a half-width one
        // Writing the text back as Shift_JIS gives a form that reads the same (Windows writes the IBM one).
        Assert.Equal(record.NameKanji, TextEncodings.ShiftJis.GetString(TextEncodings.ShiftJis.GetBytes(record.NameKanji)));
    }

    [Fact]
    public async Task A_file_ascii_for_its_first_64_kb_and_shift_jis_after_is_reread_as_shift_jis()
    {
        var rows = Enumerable.Range(0, 700).Select(i => TestFiles.Insured(Employer, $"A{i:D4}", name: "Yamada Taro", kana: "ヤマダ タロウ")).ToList();
        var ascii = File(rows.Select(r => r.Replace("ヤマダ タロウ", "yamada", StringComparison.Ordinal)).ToArray());
        Assert.True(ascii.Length > SubmissionFormatSniffer.PrefixLength);
        var text = ascii + TestFiles.Insured(Employer, "B0001", name: "山田 太郎") + "\r\n";
        var (scan, results) = await ScanAsync(TestFiles.ShiftJis(text));
        Assert.Equal(SubmissionEncoding.ShiftJis, scan.Format!.Encoding);
        Assert.Equal("山田 太郎", results[^1].Record!.NameKanji);
    }

    [Fact]
    public async Task A_declared_charset_is_honoured_and_bytes_it_cannot_decode_are_encoding_invalid()
    {
        var text = File(TestFiles.Insured(Employer, "A1"));
        var (scan, _) = await ScanAsync(TestFiles.ShiftJis(text), "shift_jis");
        Assert.Equal((SubmissionEncoding.ShiftJis, "declared"), (scan.Format!.Encoding, scan.Format.HowDecided));
        var error = await RefusedAsync(TestFiles.ShiftJis(text), "utf-8");
        Assert.Equal(SubmissionErrorCodes.EncodingInvalid, error.Code);
    }

    [Fact]
    public async Task A_refused_file_still_gets_its_hash()
    {
        var bytes = TestFiles.Utf8("record_type,bogus\r\ninsured,x\r\n");
        var scan = new SubmissionScan(Employer, Today, new IngestionSettings(), null);
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => scan.CollectAsync(Open(bytes), CancellationToken.None));
        Assert.Contains(e.Errors, x => x.Code == SubmissionErrorCodes.UnknownColumn);
        Assert.Contains(e.Errors, x => x.Code == SubmissionErrorCodes.MissingColumn);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), scan.Sha256);
    }

    [Fact]
    public async Task The_size_limit_holds_whatever_the_stream_claims()
    {
        var bytes = TestFiles.Utf8(File(Enumerable.Range(0, 50).Select(i => TestFiles.Insured(Employer, $"A{i}")).ToArray()));
        var error = await RefusedAsync(bytes, settings: new IngestionSettings { MaxFileBytes = 2048 });
        Assert.Equal(SubmissionErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("(limit 2 KB)", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_without_rows_is_file_empty()
    {
        var error = await RefusedAsync(TestFiles.Utf8(TestFiles.Header + "\r\n,,,,\r\n\r\n"));
        Assert.Equal((SubmissionErrorCodes.FileEmpty, SubmissionErrorCodes.FileEmpty), (error.Code, error.MessageId));
        Assert.Equal(SubmissionErrorCodes.FileEmpty, (await RefusedAsync(TestFiles.Utf8("[]"))).Code);
    }

    [Fact]
    public async Task Json_runs_both_passes_like_csv()
    {
        var json = $$"""
            [{"record_type":"insured","action":"enroll","employer_code":"{{Employer}}","employee_id":"J1","氏名":"山田 太郎","フリガナ":"ヤマダ タロウ",
              "birth_date":"H1.10.1","sex":1,"my_number":{{TestFiles.NewMyNumber()}},"qualification_date":"2026-11-01","card_state":"none"},
             {"record_type":"dependant","action":"add","employer_code":"{{Employer}}","employee_id":"J1","name_kanji":"山田 花子","name_kana":"やまだ はなこ",
              "birth_date":"R6/12/2","sex":"2","relationship":"子","no_my_number_reason":"海外出生","qualification_date":"2026-11-01","card_state":"none"}]
            """;
        var (scan, rows) = await ScanAsync(TestFiles.Utf8(json));
        Assert.Equal(SubmissionSyntax.Json, scan.Format!.Syntax);
        Assert.All(rows, r => Assert.True(r.IsAccepted, string.Join("; ", r.Errors.Select(e => e.MessageEn))));
        Assert.Equal([new DateOnly(1989, 10, 1), new DateOnly(2024, 12, 2)], rows.Select(r => r.Record!.BirthDate));
        Assert.Equal([1, 2], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task Pass_two_notices_content_that_changed_since_pass_one()
    {
        var first = TestFiles.Utf8(File(TestFiles.Insured(Employer, "A1"), TestFiles.Insured(Employer, "A2")));
        var second = TestFiles.Utf8(File(TestFiles.Insured(Employer, "A1")));
        var scan = new SubmissionScan(Employer, Today, new IngestionSettings(), null);
        await scan.CollectAsync(Open(first), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => scan.ValidateAsync(Open(second), _ => ValueTask.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task Employee_ids_are_collected_for_the_registered_lookup_until_there_are_too_many()
    {
        var few = await ScanAsync(TestFiles.Utf8(File(TestFiles.Insured(Employer, "Ａ１"), TestFiles.Dependant(Employer, "A1"))));
        Assert.Equal(["A1"], few.Scan.EmployeeIds!);
        var many = Enumerable.Range(0, SubmissionScan.MaxEmployeeIdsToLookUp + 1).Select(i => TestFiles.Insured(Employer, $"A{i}")).ToArray();
        Assert.Null((await ScanAsync(TestFiles.Utf8(File(many)))).Scan.EmployeeIds);
    }

    [Fact]
    public async Task The_registered_lookup_set_between_the_passes_decides_unknown_insured()
    {
        var bytes = TestFiles.Utf8(File(TestFiles.Dependant(Employer, "R1"), TestFiles.Dependant(Employer, "R2")));
        var scan = new SubmissionScan(Employer, Today, new IngestionSettings(), null);
        await scan.CollectAsync(Open(bytes), CancellationToken.None);
        scan.IsInsuredRegistered = reference => reference.EmployeeId == "R1";
        var rows = new List<SubmissionRowResult>();
        await scan.ValidateAsync(Open(bytes), r =>
        {
            rows.Add(r);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        Assert.True(rows[0].IsAccepted);
        Assert.Equal(SubmissionErrorCodes.UnknownInsured, Assert.Single(rows[1].Errors).Code);
    }

    [Fact]
    public async Task Row_limits_and_syntax_errors_refuse_the_file_with_the_row()
    {
        var longRow = File(TestFiles.Insured(Employer, "A1"), TestFiles.Insured(Employer, "A2", name: new string('長', 5000)));
        var tooLarge = await RefusedAsync(TestFiles.Utf8(longRow), settings: new IngestionSettings { MaxRowChars = 1000 });
        Assert.Equal((SubmissionErrorCodes.RowTooLarge, 3), (tooLarge.Code, tooLarge.Row));
        var malformed = await RefusedAsync(TestFiles.Utf8(File(TestFiles.Insured(Employer, "A1"), "\"insured\"x,enroll")));
        Assert.Equal((SubmissionErrorCodes.FileMalformed, 3), (malformed.Code, malformed.Row));
        Assert.Equal(SubmissionErrorCodes.FileMalformed, (await RefusedAsync(Encoding.UTF8.GetBytes(TestFiles.Header + "\r\n\"unclosed,"))).Code);
    }
}
