using System.Globalization;
using Azure;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.Tracking;

/// <summary>
/// The <c>Submissions</c> table: one partition per submission (its entity, fan-out chunk markers, its outbox event)
/// and one partition per employer of content-hash claims (<c>content-{employer}</c> / SHA-256), which recognise the
/// same file uploaded again; and one partition, <see cref="RegistrationDuePartition"/>, listing the submissions whose
/// registration result is not final yet. Every read-modify-write is ETag-guarded.
/// </summary>
public sealed class SubmissionStore(HubStorage storage)
{
    /// <summary>The partition of <see cref="RegistrationDueEntry"/> (submission ids start with <c>S</c>, so it never collides).</summary>
    public const string RegistrationDuePartition = "registration-due";

    private const string ChunkPrefix = "chunk-";
    private readonly TableClient _table = storage.Table(HubStorage.Tables.Submissions);

    /// <summary>The table.</summary>
    public TableClient Table => _table;

    /// <summary>The submission, or null.</summary>
    public async Task<SubmissionEntity?> FindAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<SubmissionEntity>(submissionId, SubmissionEntity.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Counts one more attempt at a file version: creates the submission on the first (from <paramref name="fresh"/>,
    /// Attempts = 1), else increments Attempts. Returns the stored entity with its ETag.
    /// </summary>
    public async Task<SubmissionEntity> BeginAttemptAsync(SubmissionEntity fresh, CancellationToken cancellationToken = default)
    {
        for (var tries = 0; ; tries++)
        {
            var existing = await FindAsync(fresh.PartitionKey, cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing is null)
                {
                    fresh.Attempts = 1;
                    await _table.AddEntityAsync(fresh, cancellationToken).ConfigureAwait(false);
                    return (await FindAsync(fresh.PartitionKey, cancellationToken).ConfigureAwait(false))!;
                }

                existing.Attempts++;
                await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (await FindAsync(fresh.PartitionKey, cancellationToken).ConfigureAwait(false))!;
            }
            catch (StorageRequestFailedException e) when ((e.IsConflict || e.IsPreconditionFailed) && tries < 5)
            {
                // Another invocation of the same version moved first; count again on top of it.
            }
        }
    }

    /// <summary>Replaces the entity if unchanged since read (412 otherwise); refreshes its ETag.</summary>
    public async Task UpdateAsync(SubmissionEntity entity, CancellationToken cancellationToken = default)
    {
        var response = await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (response.Headers.ETag is { } etag) entity.ETag = etag;
    }

    /// <summary>
    /// Commits a final status and its event in ONE transaction (same partition): a crash can neither lose the event
    /// nor record it without the status. Fails with 412 when another invocation changed the submission first.
    /// </summary>
    public async Task CommitFinalAsync(SubmissionEntity entity, HubEvent? e, CancellationToken cancellationToken = default)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, entity, entity.ETag) };
        if (e is not null) actions.Add(EventOutbox.Append(entity.PartitionKey, e));
        await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        entity.ETag = (await FindAsync(entity.PartitionKey, cancellationToken).ConfigureAwait(false))!.ETag;
    }

    /// <summary>The submission's event (sequence 1), if committed.</summary>
    public async Task<HubEvent?> FindEventAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(submissionId, EventOutbox.RowKey(1), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? EventOutbox.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Claims <paramref name="sha256"/> for <paramref name="submissionId"/> among the employer's uploads. Returns null when
    /// this submission holds the claim (or may proceed), or the earlier submission it duplicates.
    /// </summary>
    /// <remarks>
    /// A claim binds only while its holder is completed (or still processing it the first time round): a claim held by
    /// a failed, refused or superseded submission is taken over, so a re-upload after a system failure is processed.
    /// When the holder is still processing (two identical uploads at once), this one proceeds unclaimed rather than be
    /// disposed as a duplicate of something that might yet fail; downstream dedupes by operation id, not content.
    /// </remarks>
    public async Task<SubmissionEntity?> ClaimContentAsync(string employerCode, string sha256, string submissionId, CancellationToken cancellationToken = default)
    {
        var partition = "content-" + employerCode;
        for (var tries = 0; ; tries++)
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity(partition, sha256) { ["SubmissionId"] = submissionId }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (StorageRequestFailedException e) when (e.IsConflict)
            {
            }

            var claim = (await _table.GetEntityIfExistsAsync<TableEntity>(partition, sha256, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (claim is null) continue;
            var holderId = claim.GetString("SubmissionId")!;
            if (holderId == submissionId) return null;
            var holder = await FindAsync(holderId, cancellationToken).ConfigureAwait(false);
            switch (holder?.Status)
            {
                case SubmissionStatus.Completed:
                    return holder;
                case SubmissionStatus.Processing:
                    return null;
            }

            try
            {
                claim["SubmissionId"] = submissionId;
                await _table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed && tries < 5)
            {
            }
        }
    }

    /// <summary>Records that chunk <paramref name="chunk"/> was fanned out (by the message with <paramref name="sequenceNumber"/>).</summary>
    public Task MarkChunkAsync(string submissionId, int chunk, long? sequenceNumber, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new TableEntity(submissionId, ChunkKey(chunk))
        {
            ["SequenceNumber"] = sequenceNumber ?? 0,
            ["FannedOutAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The chunks (1-based) fanned out so far.</summary>
    public async Task<IReadOnlySet<int>> FannedOutChunksAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var chunks = new HashSet<int>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {submissionId} and RowKey ge {ChunkPrefix} and RowKey lt {"chunk."}");
        await foreach (var marker in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            chunks.Add(int.Parse(marker.RowKey.AsSpan(ChunkPrefix.Length), CultureInfo.InvariantCulture));
        return chunks;
    }

    /// <summary>
    /// Lists the submission as waiting for its registration result (idempotent: a retry writes the same entry). Written
    /// before the submission is marked final, so a completed submission with accepted rows always has one until its final
    /// result is written.
    /// </summary>
    public Task MarkRegistrationDueAsync(string submissionId, string employerCode, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new RegistrationDueEntry { RowKey = submissionId, EmployerCode = employerCode, Since = since },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>The submissions waiting for their registration result, oldest id first (one partition query).</summary>
    public IAsyncEnumerable<RegistrationDueEntry> RegistrationDueAsync(CancellationToken cancellationToken = default) =>
        _table.QueryAsync<RegistrationDueEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {RegistrationDuePartition}"), cancellationToken: cancellationToken);

    /// <summary>The waiting entry of one submission, or null.</summary>
    public async Task<RegistrationDueEntry?> FindRegistrationDueAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<RegistrationDueEntry>(RegistrationDuePartition, submissionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Remembers the lowest row still staged: a hint, merged without an ETag since rows only ever leave Staged (a later
    /// note never moves it backwards in a way that matters). Nothing happens when the entry is gone meanwhile.
    /// </summary>
    public async Task NoteFirstStagedRowAsync(string submissionId, int row, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(RegistrationDuePartition, submissionId) { ["FirstStagedRow"] = row }, ETag.All,
                TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            // Completed by another run meanwhile.
        }
    }

    /// <summary>Takes the submission off the waiting list (its final registration result is written); absent is fine.</summary>
    public Task RemoveRegistrationDueAsync(string submissionId, CancellationToken cancellationToken = default) =>
        _table.DeleteEntityAsync(RegistrationDuePartition, submissionId, cancellationToken: cancellationToken);

    private static string ChunkKey(int chunk) => ChunkPrefix + chunk.ToString("D5", CultureInfo.InvariantCulture);
}
