using System.Text;
using System.Text.RegularExpressions;
using Hub.Core.Ingestion.Reading;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>What the reports may and may not contain: no formula a spreadsheet would run, no My Number; duplicates say so.</summary>
[Collection(IngestionCollection.Name)]
public sealed partial class ReportSafetyEndToEndTests(IngestionAppFixture app)
{
    // Twelve digits (optionally grouped 4-4-4) standing alone, not inside an id or hash.
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{4}[\s\-]?\d{4}[\s\-]?\d{4}(?![0-9A-Za-z])")]
    private static partial Regex TwelveDigits();

    [Fact]
    public async Task Hostile_cells_come_back_neutralised_in_the_csv_report()
    {
        var employer = await app.NewEmployerAsync("INJ");
        // An unknown column named like a formula refuses the file, and its name is echoed in the `field` cell.
        var header = TestFiles.Header + ",=HYPERLINK(\"http://evil.example\";\"x\"),\"\t@SUM(1+1)\",\"\r-2+3\",\"+cmd|' /C calc'!A0\"";
        var refused = await app.IngestAsync(employer, "inject1.csv", TestFiles.Utf8(header + "\r\n" + TestFiles.Insured(employer, "A1") + ",1,2,3,4\r\n"));
        // Row values starting with formula characters are quoted back inside messages.
        var rows = TestFiles.Csv(
            $"insured,enroll,{employer},=1+2,@SUM(A1),+ヤマダ,1985-04-01,1,,{TestFiles.NewMyNumber()},2026-11-01,-1",
            $"insured,enroll,{employer},A2,山田 太郎,ヤマダ タロウ,=cmd|' /C calc'!A0,1,,{TestFiles.NewMyNumber()},2026-11-01,registered");
        var rejected = await app.IngestAsync(employer, "inject2.csv", TestFiles.Utf8(rows));

        foreach (var submission in new[] { refused, rejected })
        {
            var bytes = await app.ReportCsvAsync(employer, submission.PartitionKey);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes[3..]);
            Assert.Contains("\r\n", text, StringComparison.Ordinal);
            using var reader = new CsvRecordReader(new StringReader(text), 1 << 20);
            var cells = new List<string>();
            while (await reader.ReadAsync()) cells.AddRange(reader.Cells.ToArray().Select(c => c!));
            Assert.All(cells, cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠', cell));
            Assert.DoesNotContain(text.Split("\r\n"), line => line.Length > 0 && !line.StartsWith('"'));
        }

        var refusedCsv = Encoding.UTF8.GetString(await app.ReportCsvAsync(employer, refused.PartitionKey));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\"", refusedCsv, StringComparison.Ordinal);
        Assert.Contains("\"'+cmd|' /C calc'!A0\"", refusedCsv, StringComparison.Ordinal);
        // Each hostile header comes back as UNKNOWN_COLUMN's field: a leading tab or CR is trimmed with the header's
        // spaces, and what would then be evaluated is apostrophe-prefixed (CsvCells handles a tab or CR that survives).
        var fields = (await app.ReportAsync(employer, refused.PartitionKey)).GetProperty("errors").EnumerateArray()
            .Where(e => e.GetProperty("code").GetString() == Hub.Domain.Submissions.SubmissionErrorCodes.UnknownColumn).Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["=HYPERLINK(\"http://evil.example\";\"x\")", "@SUM(1+1)", "-2+3", "+cmd|' /C calc'!A0"], fields);
        foreach (var field in fields) Assert.Contains($"\"'{field!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", refusedCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_report_carries_a_my_number_in_clear_even_for_rows_that_quote_their_values()
    {
        var employer = await app.NewEmployerAsync("MYN");
        var valid = TestFiles.NewMyNumber();
        var wrong = TestFiles.WrongCheckDigit();
        var duplicated = TestFiles.NewMyNumber();
        var numbers = new[] { valid, wrong, duplicated };
        var text = TestFiles.Csv(
            TestFiles.Insured(employer, "A1", valid),
            TestFiles.Insured(employer, "A2", wrong),
            TestFiles.Insured(employer, "A3", $"{duplicated[..4]}-{duplicated[4..8]}-{duplicated[8..]}"),
            TestFiles.Insured(employer, "A4", duplicated),
            TestFiles.Insured(employer, "A5", valid[..11] + "x"),
            TestFiles.Insured(employer, "A6", wrong + "9"),
            TestFiles.Dependant(employer, "A404"));
        var submission = await app.IngestAsync(employer, "numbers.csv", TestFiles.ShiftJis(text));
        Assert.Equal(1, submission.Accepted);

        var reports = new[]
        {
            Encoding.UTF8.GetString(await app.ReportCsvAsync(employer, submission.PartitionKey)),
            (await app.ReportAsync(employer, submission.PartitionKey)).GetRawText(),
        };
        foreach (var report in reports)
        {
            foreach (var number in numbers)
            {
                Assert.DoesNotContain(number, report, StringComparison.Ordinal);
                Assert.DoesNotContain(number[..11], report, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch(TwelveDigits(), report);
        }

        // The staged table holds the numbers only encrypted; the event and the audit log never.
        var e = await app.Store.FindEventAsync(submission.PartitionKey);
        Assert.DoesNotMatch(TwelveDigits(), e!.Data.ToJsonString());
        foreach (var (_, detail) in await app.AuditAsync($"submission:{submission.PartitionKey}")) Assert.DoesNotMatch(TwelveDigits(), detail);
    }

    [Fact]
    public async Task The_same_content_again_is_recognised_and_nothing_is_fanned_out_twice()
    {
        var employer = await app.NewEmployerAsync("DUP");
        var content = TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A1"), TestFiles.Dependant(employer, "A1")));
        var first = await app.IngestAsync(employer, "nov.csv", content);
        var again = await app.IngestAsync(employer, "nov.csv", content); // the same name uploaded again: a new version, same bytes
        var renamed = await app.IngestAsync(employer, "nov (1).csv", content);

        Assert.Equal(SubmissionStatus.Completed, first.Status);
        foreach (var duplicate in new[] { again, renamed })
        {
            Assert.NotEqual(first.PartitionKey, duplicate.PartitionKey);
            Assert.Equal((SubmissionStatus.Duplicate, first.PartitionKey, 0), (duplicate.Status, duplicate.DuplicateOf, duplicate.ChunkCount));
            var report = await app.ReportAsync(employer, duplicate.PartitionKey);
            Assert.Equal((first.PartitionKey, "duplicate"), (report.GetProperty("duplicateOf").GetString(), report.GetProperty("status").GetString()));
            Assert.Equal(2, report.GetProperty("counts").GetProperty("accepted").GetInt32());
            Assert.Empty(await app.RegistrationsAsync(duplicate.PartitionKey));
            Assert.Equal("duplicate", (await app.Store.FindEventAsync(duplicate.PartitionKey))!.Data["status"]!.GetValue<string>());
            Assert.NotNull(duplicate.DisposedAt);
        }

        Assert.Equal(2, (await app.RegistrationsAsync(first.PartitionKey)).Count);
        Assert.False(await app.UploadExistsAsync(employer, "nov.csv"));
        Assert.False(await app.UploadExistsAsync(employer, "nov (1).csv"));
        var staged = 0;
        await foreach (var _ in app.App.Services.Storage.Table(HubStorage.Tables.StagedRows).QueryAsync<Hub.Storage.Tables.TableEntity>(
                           Hub.Storage.Tables.TableClient.CreateQueryFilter($"EmployerCode eq {employer}"))) staged++;
        Assert.Equal(2, staged);
    }
}
