using System.Text;
using Hub.Core.Ingestion.Tracking;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Each file-level code through the local host: the file is refused whole, reported, announced and disposed of.</summary>
[Collection(IngestionCollection.Name)]
public sealed class FileLevelErrorsEndToEndTests(IngestionAppFixture app)
{
    private static string Row(string employer) => TestFiles.Insured(employer, "A1");

    public static TheoryData<string, string> Cases => new()
    {
        { SubmissionErrorCodes.MissingColumn, "missing" },
        { SubmissionErrorCodes.UnknownColumn, "unknown" },
        { SubmissionErrorCodes.DuplicateColumn, "duplicate" },
        { SubmissionErrorCodes.EncodingInvalid, "encoding" },
        { SubmissionErrorCodes.FileEmpty, "header-only" },
        { SubmissionErrorCodes.FileEmpty, "empty" },
        { SubmissionErrorCodes.FileTooLarge, "large" },
        { SubmissionErrorCodes.UnsupportedFormat, "xlsx" },
        { SubmissionErrorCodes.RowTooLarge, "long-row" },
        { SubmissionErrorCodes.FileMalformed, "quote" },
        { SubmissionErrorCodes.FileMalformed, "json" },
    };

    private static byte[] Content(string kind, string employer) => kind switch
    {
        "missing" => TestFiles.Utf8(TestFiles.Header.Replace(",birth_date", "", StringComparison.Ordinal) + "\r\n" + Row(employer)),
        "unknown" => TestFiles.Utf8(TestFiles.Header + ",my_numbr\r\n" + Row(employer) + ",x\r\n"),
        "duplicate" => TestFiles.Utf8(TestFiles.Header + ",個人番号\r\n" + Row(employer) + ",1\r\n"),
        "encoding" => [.. TestFiles.Utf8(TestFiles.Header + "\r\n" + Row(employer) + "\r\n"), 0x82, 0xFF, 0xFE, (byte)'\r', (byte)'\n'],
        "header-only" => TestFiles.ShiftJis("対象区分,異動区分,事業所記号,社員番号,氏名,フリガナ,生年月日\r\n"),
        "empty" => [],
        "large" => TestFiles.Utf8(TestFiles.Csv(Enumerable.Range(0, 9000).Select(i => TestFiles.Insured(employer, $"A{i}")).ToArray())),
        "xlsx" => [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, 8, 0],
        "long-row" => TestFiles.Utf8(TestFiles.Csv(Row(employer), TestFiles.Insured(employer, "A2", name: new string('名', 70_000)))),
        "quote" => TestFiles.Utf8(TestFiles.Csv(Row(employer), "\"insured\"x,enroll")),
        "json" => TestFiles.Utf8("[{\"record_type\": \"insured\"}, {\"record_type\": [1]}]"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_file_is_refused_whole_with_the_code_and_nothing_else_happens(string code, string kind)
    {
        var employer = await app.NewEmployerAsync("FLE");
        var name = kind + (kind == "json" ? ".json" : ".csv");
        var content = Content(kind, employer);
        if (kind == "large") Assert.True(content.Length > IngestionAppFixture.MaxFileBytes);

        var submission = await app.IngestAsync(employer, name, content);

        Assert.Equal((SubmissionStatus.Refused, 0, 0), (submission.Status, submission.Accepted, submission.ChunkCount));
        Assert.Contains(code, submission.ErrorCodes!.Split(','));
        var report = await app.ReportAsync(employer, submission.PartitionKey);
        Assert.Equal("refused", report.GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("rows").EnumerateArray());
        var error = report.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("code").GetString() == code);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message_ja").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message_en").GetString()));
        if (code is SubmissionErrorCodes.RowTooLarge or SubmissionErrorCodes.FileMalformed) Assert.Equal(kind == "json" ? 2 : 3, error.GetProperty("row").GetInt32());
        if (code != SubmissionErrorCodes.FileTooLarge) Assert.Equal(64, report.GetProperty("sha256").GetString()!.Length);

        var csv = Encoding.UTF8.GetString(await app.ReportCsvAsync(employer, submission.PartitionKey));
        Assert.Contains($"\"ファイル不受理\",\"\",\"{code}\"", csv, StringComparison.Ordinal);
        Assert.Empty(await app.RegistrationsAsync(submission.PartitionKey));
        var dispatch = Assert.Single(await app.DispatchesAsync(submission.PartitionKey));
        Assert.Equal("refused", (await app.Store.FindEventAsync(submission.PartitionKey))!.Data["status"]!.GetValue<string>());
        Assert.Equal(dispatch.EventId, (await app.Store.FindEventAsync(submission.PartitionKey))!.Id);
        Assert.False(await app.UploadExistsAsync(employer, name));
        Assert.Contains(await app.AuditAsync($"submission:{submission.PartitionKey}"), a => a.Action == "disposed" && a.Detail.Contains("refused", StringComparison.Ordinal));
    }
}
