using Azure;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// Outputs in flight. A timer's outputs (event dispatches, certificate requests) leave only when the invocation returns,
/// and a failed timer invocation is not retried — so before committing a member's reminders the sweep notes the member
/// operation here (table <c>ReminderLedger</c>, partition <c>~pending</c>), and removes the note once the invocation has
/// handed its outputs over. A note older than <see cref="Abandoned"/> belongs to a run that crashed or timed out: the
/// next sweep re-sends the outputs recorded on the operation (receivers dedupe by event and request id) and finishes
/// its outbox lines.
/// </summary>
public sealed class ReminderJournal(HubStorage storage)
{
    /// <summary>The partition of the notes (sorts after the day partitions).</summary>
    public const string Partition = "~pending";

    /// <summary>Older notes belong to a dead run (well above the 10-minute function timeout).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(15);

    private readonly TableClient _table = storage.Table(HubStorage.Tables.ReminderLedger);

    /// <summary>Notes an operation about to be committed.</summary>
    public async Task<PendingReminders> AddAsync(string memberId, string employerCode, string operationId, IEnumerable<string> reminderIds, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var note = new PendingReminders
        {
            PartitionKey = Partition,
            RowKey = $"{memberId}-{MemberIds.KeyHash(operationId)}",
            MemberId = memberId,
            EmployerCode = employerCode,
            OperationId = operationId,
            ReminderIds = string.Join(';', reminderIds),
            CreatedAt = now,
        };
        await _table.UpsertEntityAsync(note, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return note;
    }

    /// <summary>Notes older than <see cref="Abandoned"/> (optionally of one employer).</summary>
    public async Task<IReadOnlyList<PendingReminders>> AbandonedAsync(DateTimeOffset now, string? employerCode = null, CancellationToken cancellationToken = default)
    {
        var list = new List<PendingReminders>();
        var filter = employerCode is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and CreatedAt lt {now - Abandoned}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and CreatedAt lt {now - Abandoned} and EmployerCode eq {employerCode}");
        await foreach (var note in _table.QueryAsync<PendingReminders>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(note);
        return list;
    }

    /// <summary>Removes notes whose outputs were handed over (absent ones are fine).</summary>
    public Task RemoveAsync(IEnumerable<PendingReminders> notes, CancellationToken cancellationToken = default) =>
        Parallel.ForEachAsync(notes.DistinctBy(n => n.RowKey), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (note, ct) => await _table.DeleteEntityAsync(Partition, note.RowKey, cancellationToken: ct).ConfigureAwait(false));
}

/// <summary>A note of a member operation whose outputs are not known to have left.</summary>
public sealed class PendingReminders : ITableEntity
{
    /// <summary><see cref="ReminderJournal.Partition"/>.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><c>{memberId}-{hash of the operation id}</c>.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The member.</summary>
    public string MemberId { get; set; } = "";

    /// <summary>The member's employer.</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>The member operation (its outputs are recorded on it).</summary>
    public string OperationId { get; set; } = "";

    /// <summary>The reminder ids (ledger row keys) the operation commits, separated by <c>;</c>.</summary>
    public string ReminderIds { get; set; } = "";

    /// <summary>When the note was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
