using System.Text;
using System.Text.Json;
using Hub.Core.Events;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>A valid file end to end: report, staged rows, chunk and registration messages, event, disposal.</summary>
[Collection(IngestionCollection.Name)]
public sealed class IngestionEndToEndTests(IngestionAppFixture app)
{
    [Fact]
    public async Task An_accepted_file_is_staged_reported_fanned_out_announced_and_disposed()
    {
        var employer = await app.NewEmployerAsync();
        var insuredNumber = TestFiles.NewMyNumber();
        var file = TestFiles.Csv(
            TestFiles.Insured(employer, "A001", insuredNumber),
            TestFiles.Dependant(employer, "A001"),
            TestFiles.Insured(employer, "A002", TestFiles.WrongCheckDigit(), name: "佐藤 一郎", kana: "ｻﾄｳ ｲﾁﾛｳ"));

        var submission = await app.IngestAsync(employer, "2026-11.csv", TestFiles.Utf8(file, bom: true));

        Assert.Equal(SubmissionStatus.Completed, submission.Status);
        Assert.Equal((3, 2, 1, 1), (submission.Rows, submission.Accepted, submission.Rejected, submission.ChunkCount));
        Assert.Equal(("csv", "utf-8"), (submission.Format, submission.Encoding));

        var report = await app.ReportAsync(employer, submission.PartitionKey);
        Assert.Equal(submission.PartitionKey, report.GetProperty("submissionId").GetString());
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestFiles.Utf8(file, bom: true))), report.GetProperty("sha256").GetString());
        var counts = report.GetProperty("counts");
        Assert.Equal((3, 2, 1), (counts.GetProperty("rows").GetInt32(), counts.GetProperty("accepted").GetInt32(), counts.GetProperty("rejected").GetInt32()));
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(MemberIds.ForInsured(employer, "A001"), rows[0].GetProperty("memberId").GetString());
        // The dependant joins the household this file creates, so its id is known too (IngestionToRegistrationTests checks registration agrees).
        Assert.Equal(MemberIds.ForDependant(employer, "A001", new DateOnly(1987, 6, 1), "ヤマダ ハナコ"), rows[1].GetProperty("memberId").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("memberId").ValueKind);
        var error = Assert.Single(rows[2].GetProperty("errors").EnumerateArray());
        Assert.Equal((SubmissionErrorCodes.MyNumberCheckDigit, "my_number"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));

        var staged = await StagedRowsAsync(submission.PartitionKey);
        Assert.Equal([2, 3], staged.Select(s => s.RowNumber));
        Assert.All(staged, s => Assert.StartsWith("mn1.", s.ProtectedMyNumber));
        Assert.DoesNotContain(insuredNumber, staged[0].Record, StringComparison.Ordinal);
        Assert.Equal(MyNumber.Parse(insuredNumber), await app.App.Services.MyNumbers.RevealAsync(staged[0].ProtectedMyNumber!,
            new Hub.Core.Auditing.AccessContext("test", "IngestionEndToEndTests", "verify staging")));

        var registrations = await app.RegistrationsAsync(submission.PartitionKey);
        Assert.Equal([2, 3], registrations.Select(r => r.RowNumber));
        Assert.All(registrations, r => Assert.Equal(employer, r.EmployerCode));

        var dispatch = Assert.Single(await app.DispatchesAsync(submission.PartitionKey));
        Assert.Equal((HubStorage.Tables.Submissions, EventTypes.SubmissionProcessed), (dispatch.Table, dispatch.EventType));
        var e = await app.Store.FindEventAsync(submission.PartitionKey);
        Assert.Equal(dispatch.EventId, e!.Id);
        Assert.Equal("completed", e.Data["status"]!.GetValue<string>());

        Assert.False(await app.UploadExistsAsync(employer, "2026-11.csv"));
        Assert.NotNull(submission.DisposedAt);
        var audit = await app.AuditAsync($"submission:{submission.PartitionKey}");
        Assert.Contains(audit, a => a.Action == "disposed" && a.Detail.Contains("all 2 accepted rows fanned out in 1 chunk", StringComparison.Ordinal));
    }

    private async Task<List<StagedRow>> StagedRowsAsync(string submissionId)
    {
        var list = new List<StagedRow>();
        var table = app.App.Services.Storage.Table(HubStorage.Tables.StagedRows);
        await foreach (var row in table.QueryAsync<StagedRow>(Hub.Storage.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {submissionId}"))) list.Add(row);
        return list.OrderBy(r => r.RowNumber).ToList();
    }
}
