using Hub.Core;
using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Reminders;

/// <summary>What a reminder service test works with: services on a hand-set clock, the real member pipeline and sweep.</summary>
internal sealed class ReminderTestContext(HubServices services, MemberPipeline pipeline, ReminderSweep sweep, ReminderTestClock clock, string employer)
{
    public HubServices Services { get; } = services;

    public MemberPipeline Pipeline { get; } = pipeline;

    public ReminderSweep Sweep { get; } = sweep;

    public ReminderTestClock Clock { get; } = clock;

    public string Employer { get; } = employer;

    /// <summary>
    /// Registers a member as the pipeline does on the clock's day — staged as ingestion stages it, RegisterMember, then
    /// (unless <paramref name="followUps"/> is false) its notice and certificate decision — and returns its id.
    /// </summary>
    public async Task<string> RegisterAsync(SubmissionRecord record, bool followUps = true)
    {
        var submissionId = "S" + Guid.NewGuid().ToString("N")[..16];
        var protector = Services.MyNumbers;
        await Pipeline.StagedRows.AddEntityAsync(StagedRow.Create(submissionId, record,
            record.MyNumber is { } n ? protector.Protect(n) : null, record.MyNumber is { } h ? protector.IndexHash(h) : null, Services.Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.FromSeconds(1)); // rows staged later apply later (field stamps)
        var outputs = await Pipeline.Registration.RegisterAsync(new RegistrationRequest(submissionId, record.RowNumber, record.EmployerCode));
        if (followUps) await RunFollowUpsAsync(outputs);
        return MemberIds.ForInsured(record.EmployerCode, record.EmployeeId);
    }

    /// <summary>Runs notice and certificate steps in process, as the host would.</summary>
    public async Task RunFollowUpsAsync(StepOutputs outputs)
    {
        var notices = new Queue<NoticeRequest>(outputs.Notices);
        var certificates = new Queue<CertificateRequest>(outputs.Certificates);
        while (notices.Count + certificates.Count > 0)
        {
            var next = notices.TryDequeue(out var n)
                ? await Pipeline.Notices.IssueAsync(n, "test")
                : await Pipeline.Certificates.IssueAsync(certificates.Dequeue());
            foreach (var x in next.Notices) notices.Enqueue(x);
            foreach (var x in next.Certificates) certificates.Enqueue(x);
        }
    }

    /// <summary>A sweep of this employer's members at the clock's time, its outputs handed over (journal completed) unless told otherwise.</summary>
    public async Task<ReminderSweepResult> SweepAsync(ReminderKind kind = ReminderKind.All, bool complete = true)
    {
        var result = await Sweep.RunAsync(kind, Options());
        Assert.Empty(result.Failures);
        if (complete) await Sweep.CompleteAsync(result);
        return result;
    }

    /// <summary>The options this context sweeps with.</summary>
    public ReminderRunOptions Options() => new() { EmployerCode = Employer, Actor = "test" };

    public async Task<Member> MemberAsync(string memberId) => (await Pipeline.Store.FindAsync(memberId))!;

    /// <summary>The member's ledger entries.</summary>
    public async Task<List<ReminderMarker>> LedgerAsync(string memberId)
    {
        var list = new List<ReminderMarker>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {memberId} and RowKey ge {ReminderKeys.MarkerPrefix} and RowKey lt {ReminderKeys.MarkerPrefix + "~"}");
        await foreach (var m in Pipeline.Store.Table.QueryAsync<ReminderMarker>(filter)) list.Add(m);
        return list;
    }

    /// <summary>The member's <c>reminder.sent</c> events.</summary>
    public async Task<List<HubEvent>> ReminderEventsAsync(string memberId) =>
        (await Pipeline.Store.EventsAsync(memberId)).Where(e => e.Type == EventTypes.ReminderSent).ToList();

    /// <summary>The member's index entries (a scan: tests only).</summary>
    public async Task<List<string>> IndexDatesAsync(string memberId)
    {
        var list = new List<string>();
        await foreach (var e in Services.Storage.Table(HubStorage.Tables.ActionIndex).QueryAsync<ActionIndexEntry>(TableClient.CreateQueryFilter($"RowKey eq {memberId}")))
            list.Add(e.PartitionKey);
        return list;
    }

    /// <summary>The employer's outbox CSV of a day, or null.</summary>
    public async Task<byte[]?> CsvAsync(DateOnly day)
    {
        try
        {
            return (await Services.Storage.Container(HubStorage.Containers.Outbox).GetBlobClient(ReminderKeys.CsvBlobName(Employer, day)).DownloadContentAsync()).Value.Content.ToArray();
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>A blob's bytes by its <c>{container}/{name}</c> path.</summary>
    public async Task<byte[]> DownloadAsync(string path)
    {
        var slash = path.IndexOf('/');
        return (await Services.Storage.Container(path[..slash]).GetBlobClient(path[(slash + 1)..]).DownloadContentAsync()).Value.Content.ToArray();
    }
}
