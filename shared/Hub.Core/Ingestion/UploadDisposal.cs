using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Storage;

namespace Hub.Core.Ingestion;

/// <summary>
/// Deletes a processed upload — it holds My Numbers in clear — and records when and why in the audit log
/// (<c>submission:{id}</c>, action <c>disposed</c>). Only the version the submission read is deleted (If-Match its
/// ETag): a newer upload under the same name is a submission of its own. Runs once the report is written and the
/// rows are fanned out; safe to repeat.
/// </summary>
public sealed class UploadDisposal(HubServices services, SubmissionStore store)
{
    /// <summary>Disposes of the submission's upload unless already done; <paramref name="why"/> goes into the audit record.</summary>
    public async Task DisposeAsync(SubmissionEntity submission, string why, string actor, CancellationToken cancellationToken)
    {
        if (submission.DisposedAt is not null) return;
        var upload = services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{submission.EmployerCode}/{submission.FileName}");
        var outcome = await SubmissionQuarantine.DeleteVersionAsync(upload, new Azure.ETag(submission.BlobETag), cancellationToken).ConfigureAwait(false);

        // Audit before marking: after a crash in between, a second record is better than none.
        await services.AuditLog.RecordAsync($"submission:{submission.PartitionKey}", "disposed",
            $"raw upload (ETag {submission.BlobETag}) {outcome}: {why}", actor, cancellationToken).ConfigureAwait(false);
        for (var tries = 0; ; tries++)
        {
            submission.DisposedAt = services.Clock.GetUtcNow();
            try
            {
                await store.UpdateAsync(submission, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed && tries < 5)
            {
                var current = await store.FindAsync(submission.PartitionKey, cancellationToken).ConfigureAwait(false);
                if (current is null || current.DisposedAt is not null) return;
                submission = current;
            }
        }
    }
}
