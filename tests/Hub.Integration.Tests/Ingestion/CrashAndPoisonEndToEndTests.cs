using System.Text.Json;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.LocalHost.Triggers;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>An app whose handler process is killed right after staging, on the first attempt at each upload.</summary>
public sealed class CrashingIngestionAppFixture : IngestionAppFixture
{
    /// <inheritdoc />
    protected override void Configure(Dictionary<string, string> overrides)
    {
        overrides[IngestionFault.SettingName] = "stage:1:kill";
        overrides["Hub__Ingestion__ChunkRows"] = "3";
    }
}

/// <summary>An app that fails every attempt after staging, so uploads end in poison.</summary>
public sealed class PoisonedIngestionAppFixture : IngestionAppFixture
{
    /// <inheritdoc />
    protected override void Configure(Dictionary<string, string> overrides) => overrides[IngestionFault.SettingName] = "stage:5";
}

/// <summary>A crash mid-file followed by the trigger's retry: no duplicate staging, messages or reports.</summary>
public sealed class CrashEndToEndTests(CrashingIngestionAppFixture app) : IClassFixture<CrashingIngestionAppFixture>
{
    [Fact]
    public async Task The_retry_after_the_handler_is_killed_mid_file_stages_reports_and_sends_each_row_once()
    {
        var employer = await app.NewEmployerAsync("CRA");
        var rows = Enumerable.Range(0, 4).SelectMany(i => new[] { TestFiles.Insured(employer, $"A{i}"), TestFiles.Dependant(employer, $"A{i}") }).ToArray();
        var submission = await app.IngestAsync(employer, "crash.csv", TestFiles.Utf8(TestFiles.Csv(rows)));

        var ingests = app.App.Host.Invocations.Where(i => i.Function == "IngestSubmission").ToList();
        Assert.Equal([false, true], ingests.Select(i => i.Succeeded)); // killed once, then the retry
        Assert.Contains("Injected fault: killing the handler after Stage", app.App.HandlerLog, StringComparison.Ordinal);
        Assert.Equal((SubmissionStatus.Completed, 2, 8, 3), (submission.Status, submission.Attempts, submission.Accepted, submission.ChunkCount));

        var staged = new List<StagedRow>();
        await foreach (var row in app.App.Services.Storage.Table(HubStorage.Tables.StagedRows).QueryAsync<StagedRow>(TableClient.CreateQueryFilter($"PartitionKey eq {submission.PartitionKey}")))
            staged.Add(row);
        Assert.Equal(Enumerable.Range(2, 8), staged.Select(r => r.RowNumber).Order());

        var registrations = await app.RegistrationsAsync(submission.PartitionKey);
        Assert.Equal(Enumerable.Range(2, 8), registrations.Select(r => r.RowNumber));
        Assert.Equal(8, registrations.Select(r => r.OperationId).Distinct().Count());
        Assert.Single(await app.DispatchesAsync(submission.PartitionKey));
        var results = new List<string>();
        await foreach (var blob in app.App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobsAsync(prefix: employer + "/")) results.Add(blob.Name);
        Assert.Equal([$"{employer}/{submission.PartitionKey}.csv", $"{employer}/{submission.PartitionKey}.json"], results.Order());
        Assert.False(await app.UploadExistsAsync(employer, "crash.csv"));

        // A chunk delivered twice (as after a host crash between writing outputs and completing the trigger) asks for the
        // same rows with the same operation ids, which RegisterMember dedupes; rows registered meanwhile are not asked again.
        var table = app.App.Services.Storage.Table(HubStorage.Tables.StagedRows);
        var first = staged.OrderBy(r => r.RowNumber).First();
        first.Status = StagedRowStatus.Registered;
        await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace);
        var chunk = new Hub.Core.Ingestion.FanOut.SubmissionChunk(submission.PartitionKey, employer, 1, 3, 2, 4);
        await app.Bus.SendAsync("submission-fanout", JsonSerializer.SerializeToUtf8Bytes(chunk, new JsonSerializerOptions(JsonSerializerDefaults.Web)), CancellationToken.None);
        await app.App.RunUntilIdleAsync();
        var all = await app.RegistrationsAsync(submission.PartitionKey);
        Assert.Equal(10, all.Count);
        Assert.Equal([(2, 1), (3, 2), (4, 2), (5, 1)], all.GroupBy(r => r.RowNumber).Where(g => g.Key <= 5).Select(g => (g.Key, g.Count())));
        Assert.Equal(8, all.Select(r => r.OperationId).Distinct().Count());
    }
}

/// <summary>A file that keeps failing ends in poison, never silently: the employer has a FAILED report.</summary>
public sealed class PoisonEndToEndTests(PoisonedIngestionAppFixture app) : IClassFixture<PoisonedIngestionAppFixture>
{
    [Fact]
    public async Task After_five_failed_attempts_the_upload_is_poisoned_with_a_failed_report_and_nothing_sent()
    {
        var employer = await app.NewEmployerAsync("POI");
        var submission = await app.IngestAsync(employer, "poison.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A1"))));

        Assert.Equal(5, app.App.Host.Invocations.Count(i => i.Function == "IngestSubmission" && !i.Succeeded));
        Assert.Equal((SubmissionStatus.Failed, 5, SubmissionErrorCodes.ProcessingFailed), (submission.Status, submission.Attempts, submission.ErrorCodes));
        var poison = await new Hub.Storage.Queues.QueueClient(app.App.Account, BlobTriggerPoisonQueue).PeekMessagesAsync(10);
        Assert.Contains(poison.Value, m => m.MessageText.Contains($"\"BlobName\": \"{employer}/poison.csv\"", StringComparison.Ordinal));

        var report = await app.ReportAsync(employer, submission.PartitionKey);
        Assert.Equal("failed", report.GetProperty("status").GetString());
        var error = report.GetProperty("errors")[0];
        Assert.Equal(SubmissionErrorCodes.ProcessingFailed, error.GetProperty("code").GetString());
        Assert.Contains("5回", error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.RegistrationsAsync(submission.PartitionKey));
        Assert.True(await app.UploadExistsAsync(employer, "poison.csv")); // kept for another try: it was never processed
        Assert.Contains(await app.AuditAsync($"submission:{submission.PartitionKey}"), a => a.Action == SubmissionStatus.Failed);
    }

    private const string BlobTriggerPoisonQueue = "webjobs-blobtrigger-poison";
}
