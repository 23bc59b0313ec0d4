using System.Text;
using System.Text.Json;
using Hub.Core.Completion;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Integration.Tests.Ingestion;

namespace Hub.Integration.Tests.Completion;

/// <summary>
/// CompleteSubmissions as deployed: function.json, its schedule setting and the handler, run by the local Functions host
/// (as the admin API runs a timer) on the shared ingestion app, after the real registration step has handled the rows
/// the app fanned out.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class CompletionEndToEndTests(IngestionAppFixture app)
{
    [Fact]
    public async Task The_timer_writes_the_registration_result_next_to_the_report_that_announced_it()
    {
        var employer = await app.NewEmployerAsync("CMP");
        var taken = TestFiles.NewMyNumber();
        var pipeline = new MemberPipeline(app.App.Services);
        var first = await app.IngestAsync(employer, "first.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "R1", taken))));
        await RegisterAsync(pipeline, await app.RegistrationsAsync(first.PartitionKey));

        var submission = await app.IngestAsync(employer, "second.csv", TestFiles.ShiftJis(TestFiles.Csv(
            TestFiles.Insured(employer, "A1"),
            TestFiles.Dependant(employer, "A1"),
            TestFiles.Insured(employer, "B1", taken),
            TestFiles.Insured(employer, "X1", TestFiles.WrongCheckDigit()))));
        var id = submission.PartitionKey;
        Assert.Equal((4, 3), (submission.Rows, submission.Accepted));
        var note = Assert.Single((await app.ReportAsync(employer, id)).GetProperty("notes").EnumerateArray()).GetProperty("message_ja").GetString();
        Assert.Contains($"{id}.registration.csv", note, StringComparison.Ordinal);

        // Before registration: the timer runs and writes nothing.
        var early = await app.App.Host.RunTimerNowAsync(SubmissionCompletion.FunctionName);
        Assert.True(early.Succeeded, early.Error);
        Assert.False(await ExistsAsync(RegistrationResultPaths.Csv(employer, id)));

        await RegisterAsync(pipeline, await app.RegistrationsAsync(id));
        var run = await app.App.Host.RunTimerNowAsync(SubmissionCompletion.FunctionName);
        Assert.True(run.Succeeded, run.Error);
        Assert.Contains("CompleteSubmissions: registration results:", app.App.HostLog, StringComparison.Ordinal);

        var json = JsonDocument.Parse(await ReadAsync(RegistrationResultPaths.Json(employer, id))).RootElement;
        Assert.Equal("complete", json.GetProperty("status").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([(2, "registered"), (3, "registered"), (4, "rejected")], rows.Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("status").GetString()!)));
        Assert.Equal(MemberIds.ForInsured(employer, "A1"), rows[0].GetProperty("memberId").GetString());
        Assert.Equal("MYNUMBER_BELONGS_TO_OTHER_MEMBER", Assert.Single(rows[2].GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
        var csv = await ReadAsync(RegistrationResultPaths.Csv(employer, id));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("\"4\",\"B1\",\"被保険者 資格取得\",\"登録不可\"", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
        Assert.DoesNotContain(taken, Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        var marked = (await app.Store.FindAsync(id))!;
        Assert.Equal(("complete", 2, 1), (marked.RegistrationResult, marked.Registered, marked.RegistrationRejected));
        Assert.Contains(await app.AuditAsync($"submission:{id}"), a => a.Action == "registration_result");
        // The first submission completed on the same runs (its result was due as soon as R1 was registered).
        Assert.True(await ExistsAsync(RegistrationResultPaths.Csv(employer, first.PartitionKey)));
    }

    private static async Task RegisterAsync(MemberPipeline pipeline, IReadOnlyList<RegistrationRequest> requests)
    {
        var queue = new Queue<RegistrationRequest>(requests);
        for (var steps = 0; queue.TryDequeue(out var request); steps++)
        {
            Assert.True(steps < 100, "registration does not settle");
            foreach (var again in (await pipeline.Registration.RegisterAsync(request)).Registrations) queue.Enqueue(again);
        }
    }

    private async Task<bool> ExistsAsync(string path) =>
        (await app.App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(path).ExistsAsync()).Value;

    private async Task<byte[]> ReadAsync(string path) =>
        (await app.App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(path).DownloadContentAsync()).Value.Content.ToArray();
}
