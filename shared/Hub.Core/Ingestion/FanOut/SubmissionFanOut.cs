using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.FanOut;

/// <summary>
/// FanOutSubmission's work on one chunk: one <see cref="RegistrationRequest"/> per staged row of the range still
/// <c>Staged</c> (a range query on the submission's partition), a marker that the chunk arrived, and — once every
/// chunk of the submission has arrived — the disposal of the upload.
/// </summary>
/// <remarks>
/// Redelivered or duplicated chunks are answered again (rows registered meanwhile drop out); RegisterMember dedupes
/// by <see cref="RegistrationRequest.OperationId"/>. The marker is written before this invocation's own outputs are:
/// that is safe, because a chunk whose outputs are lost is redelivered by Service Bus, which needs no upload — while
/// the arrival of every chunk proves that IngestSubmission's outputs were written, so its retries are no longer needed
/// and the upload (My Numbers in clear) can go.
/// </remarks>
public sealed class SubmissionFanOut(HubServices services, string actor = "FanOutSubmission")
{
    private readonly SubmissionStore _store = new(services.Storage);
    private readonly TableClient _staged = services.Storage.Table(HubStorage.Tables.StagedRows);

    /// <summary>The registration requests of <paramref name="chunk"/>; <paramref name="sequenceNumber"/> identifies the delivering message.</summary>
    public async Task<IReadOnlyList<RegistrationRequest>> FanOutAsync(SubmissionChunk chunk, long? sequenceNumber, CancellationToken cancellationToken)
    {
        // The employer is the upload folder's (as registered), which is what the registration step looks up.
        var requests = new List<RegistrationRequest>(Math.Min(chunk.LastRow - chunk.FirstRow + 1, 1000));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {chunk.SubmissionId} and RowKey ge {StagedRow.KeyFor(chunk.FirstRow)} and RowKey le {StagedRow.KeyFor(chunk.LastRow)} and Status eq {StagedRowStatus.Staged}");
        await foreach (var row in _staged.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            requests.Add(new RegistrationRequest(chunk.SubmissionId, int.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture), chunk.EmployerCode));

        await _store.MarkChunkAsync(chunk.SubmissionId, chunk.Chunk, sequenceNumber, services.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (await _store.FindAsync(chunk.SubmissionId, cancellationToken).ConfigureAwait(false) is { DisposedAt: null } submission
            && (await _store.FannedOutChunksAsync(chunk.SubmissionId, cancellationToken).ConfigureAwait(false)).Count >= submission.ChunkCount)
        {
            await new UploadDisposal(services, _store).DisposeAsync(submission,
                $"report written and all {submission.Accepted} accepted rows fanned out in {submission.ChunkCount} chunk(s)", actor, cancellationToken).ConfigureAwait(false);
        }

        return requests;
    }
}
