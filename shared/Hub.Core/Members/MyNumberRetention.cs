using System.Globalization;
using Azure;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// Deletion of My Numbers once no longer needed (特定個人情報の削除): when a member's qualification ends, the
/// number is kept for the retention period (<c>Hub__MyNumber__RetentionDays</c> after the 資格喪失日) and then
/// deleted irrecoverably — the ciphertext is removed from the member (the entity is replaced, so no copy
/// remains), the index entry is deleted, and the deletion is recorded on the member's timeline (in the same
/// transaction) and in the audit log. The schedule lives in table <c>MyNumberIndex</c>, partitions
/// <c>purge-{yyyyMMdd}</c> (row = member id), so a daily run reads only the days due.
/// <para>The daily reminder sweep (SendExpiryReminders) should call <see cref="PurgeDueAsync"/>;
/// <c>./hub member purge-due</c> runs it by hand.</para>
/// </summary>
public sealed class MyNumberRetention
{
    /// <summary>The step name recorded on operations and in the audit log.</summary>
    public const string StepName = "MyNumberRetention";

    /// <summary>The audit action recorded for a deletion.</summary>
    public const string AuditAction = "mynumber.deleted";

    private const string Prefix = "purge-";
    private readonly MemberPipeline _pipeline;
    private readonly TableClient _schedule;

    internal MyNumberRetention(MemberPipeline pipeline)
    {
        _pipeline = pipeline;
        _schedule = pipeline.Services.Storage.Table(HubStorage.Tables.MyNumberIndex);
    }

    /// <summary>The day the My Number of a member whose qualification ends on <paramref name="lossDate"/> is due for deletion.</summary>
    public DateOnly DueOn(DateOnly lossDate, DateOnly today) =>
        (lossDate > today ? lossDate : today).AddDays(_pipeline.Settings.RetentionDays);

    /// <summary>Schedules a member's deletion (idempotent).</summary>
    public Task ScheduleAsync(string memberId, DateOnly due, CancellationToken cancellationToken = default) =>
        _schedule.UpsertEntityAsync(new ScheduleEntry { PartitionKey = PartitionFor(due), RowKey = memberId }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Deletes every My Number due on or before <paramref name="asOf"/>. A member who rejoined or whose
    /// deletion moved to a later day is skipped (its entry removed). Safe to run concurrently and repeatedly.
    /// </summary>
    /// <param name="asOf">The Japan date to run for (normally today).</param>
    /// <param name="actor">Who runs it (function name or <c>cli:{user}</c>), for the audit log.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The members whose number was deleted.</returns>
    public async Task<IReadOnlyList<string>> PurgeDueAsync(DateOnly asOf, string actor, CancellationToken cancellationToken = default)
    {
        var deleted = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix + "00000000"} and PartitionKey le {PartitionFor(asOf)}");
        var due = new List<ScheduleEntry>();
        await foreach (var entry in _schedule.QueryAsync<ScheduleEntry>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            due.Add(entry);
        foreach (var entry in due)
        {
            if (await PurgeMemberAsync(entry.RowKey, asOf, actor, cancellationToken).ConfigureAwait(false))
                deleted.Add(entry.RowKey);
            await _schedule.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return deleted;
    }

    private async Task<bool> PurgeMemberAsync(string memberId, DateOnly asOf, string actor, CancellationToken cancellationToken)
    {
        var store = _pipeline.Store;
        var due = await ConcurrencyRetry.RunAsync(async () =>
        {
            var member = await store.FindAsync(memberId, cancellationToken).ConfigureAwait(false);
            if (member is null || member.MyNumberDeletionDueOn is not { } dueOn || dueOn > asOf || member.IsInsuredOn(asOf))
                return (DateOnly?)null;
            if (member.ProtectedMyNumber is null && member.MyNumberHash is null)
                return member.MyNumberDeletedAt is null ? null : dueOn; // deleted by an earlier run (audit checked below)
            // The index entry goes first: should the commit fail, the number stays with a withdrawn member, whose
            // claim another member may take over anyway; the schedule entry stays and the next run retries.
            if (member.MyNumberHash is { } hash) await _pipeline.Claims.ReleaseAsync(hash, memberId, cancellationToken).ConfigureAwait(false);
            var now = _pipeline.Services.Clock.GetUtcNow();
            var updated = member.Copy();
            updated.ProtectedMyNumber = null;
            updated.MyNumberHash = null;
            updated.MyNumberDeletedAt = now;
            var dueText = dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var set = new MemberChangeSet(updated, isNew: false, $"purge:{memberId}:{dueText}", StepName, now) { Outcome = "deleted" };
            set.AddTimeline(TimelineKinds.MyNumberDeleted,
                $"保存期間（{dueText}まで）の経過により個人番号を削除しました。",
                $"The My Number was deleted after the retention period (due {dueText}).", dueText);
            // Replace, not merge: the stored entity becomes exactly the new one, without the ciphertext.
            await store.CommitAsync(set, cancellationToken).ConfigureAwait(false);
            return dueOn;
        }, cancellationToken).ConfigureAwait(false);
        if (due is null) return false;

        // The timeline entry is atomic with the deletion; the audit entry follows it, once.
        var subject = $"member:{memberId}";
        await foreach (var entry in _pipeline.Services.AuditLog.ReadAsync(subject, cancellationToken).ConfigureAwait(false))
            if (entry.GetString("Action") == AuditAction) return true;
        await _pipeline.Services.AuditLog.RecordAsync(subject, AuditAction,
            $"My Number ciphertext and index entry deleted irrecoverably; retention ended {due:yyyy-MM-dd}.", actor, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string PartitionFor(DateOnly date) => Prefix + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private sealed class ScheduleEntry : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
    }
}
