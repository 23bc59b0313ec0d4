using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Documents;
using Hub.Domain.Eligibility;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// The daily reminder sweep behind SendExpiryReminders and SendOverseasReminders (and <c>./hub reminders run</c>).
/// <list type="number">
/// <item>Sends again the outputs of runs that died before handing them over (<see cref="ReminderJournal"/>).</item>
/// <item>Reads the <c>ActionIndex</c> partitions dated today (Japan) or earlier — one range query, so the cost follows
/// the members due, not the member count, and days missed are caught up.</item>
/// <item>Handles each member (<see cref="MemberReminderStep"/>): reminders of the sweep's kind not yet in the ledger are
/// committed with their <c>reminder.sent</c> events; letters for members who must act; hand-offs to
/// <c>certificate-issuance</c>; the member re-indexed at its next action date.</item>
/// <item>Regenerates the touched employers' daily outbox CSVs from the ledger.</item>
/// <item>Optionally deletes the My Numbers due for deletion (the daily expiry sweep).</item>
/// </list>
/// The caller sends <see cref="ReminderSweepResult.Dispatches"/> and <see cref="ReminderSweepResult.CertificateRequests"/>,
/// then calls <see cref="CompleteAsync"/>. Thread-safe; safe to run concurrently with itself and the member pipeline.
/// </summary>
public sealed class ReminderSweep
{
    /// <summary>The function that sends expiry reminders.</summary>
    public const string ExpiryFunction = "SendExpiryReminders";

    /// <summary>The function that sends overseas reminders.</summary>
    public const string OverseasFunction = "SendOverseasReminders";

    private readonly MemberPipeline _pipeline;
    private readonly TableClient _index;
    private readonly MemberReminderStep _step;

    /// <summary>A sweep over the pipeline's storage; windows from settings unless given.</summary>
    /// <exception cref="HubConfigurationException">A reminder setting is invalid.</exception>
    public ReminderSweep(MemberPipeline pipeline, ReminderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        Settings = settings ?? ReminderConfiguration.FromSettings(pipeline.Services.Settings);
        var storage = pipeline.Services.Storage;
        _index = storage.Table(HubStorage.Tables.ActionIndex);
        Outbox = new ReminderOutbox(storage);
        Journal = new ReminderJournal(storage);
        Letters = new ReminderLetters(storage, pipeline.Settings);
        _step = new MemberReminderStep(pipeline, Settings, Letters, Outbox, Journal);
    }

    /// <summary>The reminder windows.</summary>
    public ReminderSettings Settings { get; }

    /// <summary>The daily outboxes.</summary>
    public ReminderOutbox Outbox { get; }

    /// <summary>Outputs in flight.</summary>
    public ReminderJournal Journal { get; }

    /// <summary>Reminder letters.</summary>
    public ReminderLetters Letters { get; }

    /// <summary>Runs one sweep for today (Japan, from the hub's clock).</summary>
    /// <exception cref="HubConfigurationException">Settings the letters need are missing (insurer, fonts): the run stops.</exception>
    public async Task<ReminderSweepResult> RunAsync(ReminderKind kind, ReminderRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReminderRunOptions();
        var watch = Stopwatch.StartNew();
        var today = _pipeline.Services.Clock.TodayInJapan;
        var result = new ReminderSweepResult(kind, today);
        var touched = new ConcurrentDictionary<(DateOnly, string), byte>();

        await RecoverAsync(result, options.EmployerCode, touched, cancellationToken).ConfigureAwait(false);

        var entries = await DueEntriesAsync(today, options.EmployerCode, cancellationToken).ConfigureAwait(false);
        var members = entries.GroupBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        result.IndexEntriesRead = entries.Count;
        result.MembersDue = members.Count;
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (member, ct) =>
            {
                if (options.Budget is { } budget && watch.Elapsed > budget)
                {
                    result.CountLeft();
                    return;
                }
                try
                {
                    await _step.RunAsync(member.Key, member.ToList(), kind, today, options, result, touched, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (IsMemberFailure(e))
                {
                    // The member keeps its index entries: the next run tries again.
                    result.Failures.Enqueue((member.Key, Describe(e)));
                }
            }).ConfigureAwait(false);

        foreach (var (day, employer) in touched.Keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2, StringComparer.Ordinal))
            result.OutboxFiles.Enqueue(await Outbox.RegenerateAsync(day, employer, cancellationToken).ConfigureAwait(false));

        if (options.PurgeMyNumbers)
        {
            try
            {
                result.MyNumbersDeleted = (await _pipeline.Retention.PurgeDueAsync(today, options.Actor, cancellationToken).ConfigureAwait(false)).Count;
            }
            catch (Exception e) when (IsMemberFailure(e))
            {
                // Reminders must still go out; the purge's schedule entries stay and the next run retries.
                result.PurgeError = Describe(e);
            }
        }
        result.Elapsed = watch.Elapsed;
        return result;
    }

    /// <summary>Forgets the journal notes of a run whose outputs were handed over (call after sending them).</summary>
    public Task CompleteAsync(ReminderSweepResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Journal.RemoveAsync(result.Handed, cancellationToken);
    }

    /// <summary>The index entries dated <paramref name="today"/> or earlier (optionally of one employer).</summary>
    public async Task<IReadOnlyList<ActionIndexEntry>> DueEntriesAsync(DateOnly today, string? employerCode = null, CancellationToken cancellationToken = default)
    {
        var until = MemberActionIndex.PartitionFor(today);
        var filter = employerCode is null
            ? TableClient.CreateQueryFilter($"PartitionKey le {until}")
            : TableClient.CreateQueryFilter($"PartitionKey le {until} and EmployerCode eq {employerCode}");
        var list = new List<ActionIndexEntry>();
        await foreach (var entry in _index.QueryAsync<ActionIndexEntry>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(entry);
        return list;
    }

    /// <summary>Sends again the outputs of operations whose run died before handing them over, and finishes their outbox lines.</summary>
    private async Task RecoverAsync(ReminderSweepResult result, string? employerCode, ConcurrentDictionary<(DateOnly, string), byte> touched, CancellationToken ct)
    {
        foreach (var note in await Journal.AbandonedAsync(_pipeline.Services.Clock.GetUtcNow(), employerCode, ct).ConfigureAwait(false))
        {
            try
            {
                var operation = await _pipeline.Store.FindOperationAsync(note.MemberId, note.OperationId, ct).ConfigureAwait(false);
                var member = operation is null ? null : await _pipeline.Store.FindAsync(note.MemberId, ct).ConfigureAwait(false);
                if (operation is not null && member is not null)
                {
                    result.AddOutputs(operation.ReadOutputs());
                    foreach (var id in note.ReminderIds.Split(';', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var marker = await _pipeline.Store.Table.GetEntityIfExistsAsync<ReminderMarker>(note.MemberId, id, cancellationToken: ct).ConfigureAwait(false);
                        if (!marker.HasValue) continue;
                        await Outbox.WriteLineAsync(ReminderLine.From(member, marker.Value!), ct).ConfigureAwait(false);
                        touched.TryAdd((marker.Value!.SentOn, member.EmployerCode), 0);
                    }
                    result.CountRecovered();
                }
                // Without an operation the commit never happened: the member is still indexed and is handled normally.
                result.Handed.Enqueue(note);
            }
            catch (Exception e) when (IsMemberFailure(e))
            {
                result.Failures.Enqueue((note.MemberId, "recovery: " + Describe(e)));
            }
        }
    }

    // Configuration problems (insurer, fonts, licence) stop the run loudly; everything else is one member's problem.
    private static bool IsMemberFailure(Exception e) =>
        e is not (HubConfigurationException or OperationCanceledException)
        && !(e is DocumentException d && d.Code is DocumentErrorCodes.FontsNotFound or DocumentErrorCodes.RuntimeConflict or DocumentErrorCodes.LicenseInvalid);

    // Exception messages of this code base carry no personal data (codes, ids and setting names).
    private static string Describe(Exception e) => e switch
    {
        Hub.Storage.StorageRequestFailedException s => $"{s.GetType().Name} {s.Status} {s.ErrorCode}",
        DocumentException d => $"{d.Code}",
        MemberPipelineException m => m.Code,
        _ => e.GetType().Name,
    };
}
