using System.Diagnostics;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Completion;

/// <summary>
/// CompleteSubmissions' work: for every submission waiting for its registration result (登録結果), write
/// <c>results/{employer}/{submissionId}.registration.json</c> and <c>.csv</c> once every accepted row is registered or
/// refused — or, after <see cref="CompletionSettings.PendingAfter"/>, with the unfinished rows <c>pending</c> (rewritten
/// once they finish) — and mark the submission. Thread-safe; one instance per process.
/// </summary>
/// <remarks>
/// <para><b>Cheap.</b> A run reads one partition (<see cref="SubmissionStore.RegistrationDuePartition"/>: only the
/// submissions not completed yet) and, per submission, the submission entity and the first staged row still
/// <c>Staged</c> from where the last check stopped — nothing when nothing changed. Only a submission that is ready is read
/// whole, as a stream of its staged rows in row order.</para>
/// <para><b>Crash-safe and idempotent.</b> The files hold no time of writing, so writing the same state again gives the
/// same bytes. Order: claim, write both files, audit, mark, take the submission off the waiting list. A crash before the
/// mark leaves it waiting: the next run rewrites the same files and marks it once; a crash after the mark leaves only the
/// waiting entry, which the next run removes.</para>
/// <para><b>Concurrent runs.</b> Writing is guarded by a claim on the submission entity (token and time, set with its
/// ETag): a second run finds it held and leaves the submission alone, so two runs never interleave their writes (a
/// pending result can never land over a complete one). The claim lapses after <see cref="CompletionSettings.ClaimTimeout"/>,
/// longer than a run can live, so a run that died does not block the submission for long. The mark is ETag-guarded too
/// and only succeeds for the claim's holder.</para>
/// </remarks>
public sealed class SubmissionCompletion
{
    /// <summary>The timer function's name (its folder).</summary>
    public const string FunctionName = "CompleteSubmissions";

    private readonly HubServices _services;
    private readonly CompletionSettings _settings;
    private readonly SubmissionStore _store;
    private readonly TableClient _staged;
    private readonly string _actor;

    /// <summary>Creates the service; <paramref name="actor"/> names it in audit records.</summary>
    public SubmissionCompletion(HubServices services, CompletionSettings settings, string actor = FunctionName)
    {
        _services = services;
        _settings = settings;
        _actor = actor;
        _store = new SubmissionStore(services.Storage);
        _staged = services.Storage.Table(HubStorage.Tables.StagedRows);
    }

    /// <summary>The settings in use.</summary>
    public CompletionSettings Settings => _settings;

    /// <summary>One run over every waiting submission, oldest first, until the time budget is spent.</summary>
    public async Task<CompletionRunOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        var outcome = new CompletionRunOutcome();
        var watch = Stopwatch.StartNew();
        await foreach (var entry in _store.RegistrationDueAsync(cancellationToken).ConfigureAwait(false))
        {
            if (watch.Elapsed > _settings.Budget)
            {
                outcome.Deferred++;
                continue;
            }

            try
            {
                outcome.Add(await CompleteAsync(entry, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One submission's trouble (e.g. storage hiccup) must not stop the others; it stays waiting for the next run.
                outcome.Failures.Add((entry.SubmissionId, $"{e.GetType().Name}: {e.Message}"));
            }
        }

        return outcome;
    }

    /// <summary>Completes one submission now if it is waiting and ready (what a run does for it).</summary>
    public async Task<CompletionResult> CompleteAsync(string submissionId, CancellationToken cancellationToken = default) =>
        await _store.FindRegistrationDueAsync(submissionId, cancellationToken).ConfigureAwait(false) is { } entry
            ? await CompleteAsync(entry, cancellationToken).ConfigureAwait(false)
            : CompletionResult.NotDue;

    private async Task<CompletionResult> CompleteAsync(RegistrationDueEntry entry, CancellationToken ct)
    {
        var id = entry.SubmissionId;
        var submission = await _store.FindAsync(id, ct).ConfigureAwait(false);
        switch (submission?.Status)
        {
            case SubmissionStatus.Processing:
                return CompletionResult.Waiting; // ingestion (or its retry) is still at it
            case SubmissionStatus.Completed when submission.Accepted > 0:
                break;
            default:
                // Failed, superseded or gone: no row of it is registered, so there is nothing to report.
                await _store.RemoveRegistrationDueAsync(id, ct).ConfigureAwait(false);
                return CompletionResult.Dropped;
        }

        if (submission.RegistrationResult == RegistrationResultStatus.Complete)
        {
            await _store.RemoveRegistrationDueAsync(id, ct).ConfigureAwait(false);
            return CompletionResult.AlreadyComplete;
        }

        var now = _services.Clock.GetUtcNow();
        if (await FirstStagedRowAsync(id, entry.FirstStagedRow, ct).ConfigureAwait(false) is { } staged)
        {
            if (staged != entry.FirstStagedRow) await _store.NoteFirstStagedRowAsync(id, staged, ct).ConfigureAwait(false);
            if (submission.RegistrationResult == RegistrationResultStatus.Pending) return CompletionResult.StillPending;
            if (now - (submission.CompletedAt ?? entry.Since) < _settings.PendingAfter) return CompletionResult.Waiting;
        }

        var token = Guid.NewGuid().ToString("N");
        var claimed = await ClaimAsync(submission, token, now, ct).ConfigureAwait(false);
        if (claimed is null) return CompletionResult.Busy;
        submission = claimed;
        await StepAsync(CompletionStep.Claimed, id).ConfigureAwait(false);

        RegistrationCounts counts;
        try
        {
            counts = await WriteAsync(submission, ct).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await ReleaseAsync(id, token, ct).ConfigureAwait(false);
            throw;
        }

        await StepAsync(CompletionStep.Written, id).ConfigureAwait(false);
        var status = counts.Pending == 0 ? RegistrationResultStatus.Complete : RegistrationResultStatus.Pending;
        // Audit before marking: after a crash in between, a second record is better than none.
        await _services.AuditLog.RecordAsync($"submission:{id}", "registration_result",
            $"{status}: {counts.Accepted} accepted rows, {counts.Registered} registered, {counts.Rejected} refused, {counts.Pending} pending; " +
            $"results/{RegistrationResultPaths.Csv(submission.EmployerCode, id)}", _actor, ct).ConfigureAwait(false);
        if (!await MarkAsync(submission, token, status, counts, ct).ConfigureAwait(false)) return CompletionResult.Busy;
        await StepAsync(CompletionStep.Marked, id).ConfigureAwait(false);
        if (status == RegistrationResultStatus.Complete) await _store.RemoveRegistrationDueAsync(id, ct).ConfigureAwait(false);
        return status == RegistrationResultStatus.Complete ? CompletionResult.Completed : CompletionResult.WrittenPending;
    }

    /// <summary>The first row at or after <paramref name="from"/> still Staged, or null when every row is final (stops at the first).</summary>
    private async Task<int?> FirstStagedRowAsync(string submissionId, int from, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {submissionId} and RowKey ge {StagedRow.KeyFor(Math.Max(from, 0))} and Status eq {StagedRowStatus.Staged}");
        await foreach (var row in _staged.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
            return int.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>
    /// Streams the staged rows in row order into the result files; returns the counts. A dependant refused as
    /// UNKNOWN_INSURED names its insured person's row when that row came earlier and was refused too (only refused
    /// insured rows are remembered: a handful, not the file).
    /// </summary>
    private async Task<RegistrationCounts> WriteAsync(SubmissionEntity submission, CancellationToken ct)
    {
        var id = submission.PartitionKey;
        var refusedInsured = new Dictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, registered = 0, rejected = 0, pending = 0;
        DateTimeOffset? settledAt = null;
        await using var writer = await RegistrationResultWriter.OpenAsync(_services.Storage.Container(HubStorage.Containers.Results), submission, ct)
            .ConfigureAwait(false);
        // The ciphertext is never read: a staged row still waiting keeps it, and the result has no use for it.
        var rows = _staged.QueryAsync<StagedRow>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), maxPerPage: 1000,
            select: ["EmployerCode", "Record", "Status", "MemberId", "RejectionCode", "StagedAt", "Timestamp"], cancellationToken: ct);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            accepted++;
            var record = row.ReadRecord();
            var identity = RowIdentity.Of(record);
            switch (row.Status)
            {
                case StagedRowStatus.Registered:
                    registered++;
                    settledAt = Latest(settledAt, row.Timestamp);
                    await writer.WriteRowAsync(record.RowNumber, identity, RegistrationRowStatus.Registered, row.MemberId, [], ct).ConfigureAwait(false);
                    break;
                case StagedRowStatus.Rejected:
                    rejected++;
                    settledAt = Latest(settledAt, row.Timestamp);
                    int? insuredRow = record.RecordType == RecordType.Dependant && refusedInsured.TryGetValue(record.EmployeeId, out var r) ? r : null;
                    if (record.RecordType == RecordType.Insured) refusedInsured.TryAdd(record.EmployeeId, record.RowNumber);
                    await writer.WriteRowAsync(record.RowNumber, identity, RegistrationRowStatus.Rejected, null,
                        [RegistrationErrors.ForRejection(row.RejectionCode, record, insuredRow)], ct).ConfigureAwait(false);
                    break;
                default:
                    pending++;
                    await writer.WriteRowAsync(record.RowNumber, identity, RegistrationRowStatus.Pending, null,
                        [RegistrationErrors.Pending(record.RowNumber, _settings.PendingAfter)], ct).ConfigureAwait(false);
                    break;
            }
        }

        var counts = new RegistrationCounts(accepted, registered, rejected, pending);
        var complete = pending == 0;
        List<ReportNote> notes = complete ? [RegistrationResultNotes.Complete(id, counts)] : [RegistrationResultNotes.Pending(counts, _settings.PendingAfter)];
        if (complete && submission.RegistrationResult == RegistrationResultStatus.Pending) notes.Add(RegistrationResultNotes.UpdatedAfterPending());
        await writer.CompleteAsync(complete ? RegistrationResultStatus.Complete : RegistrationResultStatus.Pending, counts, notes, settledAt, ct).ConfigureAwait(false);
        return counts;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>
    /// Takes the submission for this run (token and time, ETag-guarded); returns the claimed entity, or null when another
    /// run holds a live claim. A 412 from an unrelated change (the upload's disposal) is retried on a fresh read.
    /// </summary>
    private async Task<SubmissionEntity?> ClaimAsync(SubmissionEntity submission, string token, DateTimeOffset now, CancellationToken ct)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            if (submission.RegistrationResult == RegistrationResultStatus.Complete) return null;
            if (submission.RegistrationClaim is not null && submission.RegistrationClaimedAt is { } at && now - at < _settings.ClaimTimeout) return null;
            submission.RegistrationClaim = token;
            submission.RegistrationClaimedAt = now;
            try
            {
                await _store.UpdateAsync(submission, ct).ConfigureAwait(false);
                return submission;
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
            {
                if (await _store.FindAsync(submission.PartitionKey, ct).ConfigureAwait(false) is not { } current) return null;
                submission = current;
            }
        }

        return null;
    }

    /// <summary>Records the result on the submission and lets go of the claim; false when the claim was taken over meanwhile.</summary>
    private async Task<bool> MarkAsync(SubmissionEntity submission, string token, string status, RegistrationCounts counts, CancellationToken ct)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            submission.RegistrationResult = status;
            submission.RegistrationResultAt = _services.Clock.GetUtcNow();
            submission.Registered = counts.Registered;
            submission.RegistrationRejected = counts.Rejected;
            submission.RegistrationPending = counts.Pending;
            submission.RegistrationClaim = null;
            submission.RegistrationClaimedAt = null;
            try
            {
                await _store.UpdateAsync(submission, ct).ConfigureAwait(false);
                return true;
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
            {
                // Changed by someone else (e.g. the upload's disposal): mark on a fresh read while the claim is still ours.
                var current = await _store.FindAsync(submission.PartitionKey, ct).ConfigureAwait(false);
                if (current is null || current.RegistrationClaim != token) return false;
                submission = current;
            }
        }

        return false;
    }

    /// <summary>Best effort: lets go of a claim after a failed write, so the next run need not wait for it to lapse.</summary>
    private async Task ReleaseAsync(string submissionId, string token, CancellationToken ct)
    {
        try
        {
            if (await _store.FindAsync(submissionId, ct).ConfigureAwait(false) is { } current && current.RegistrationClaim == token)
            {
                current.RegistrationClaim = null;
                current.RegistrationClaimedAt = null;
                await _store.UpdateAsync(current, ct).ConfigureAwait(false);
            }
        }
        catch (StorageRequestFailedException)
        {
            // The claim lapses by itself.
        }
    }

    private async Task StepAsync(CompletionStep step, string submissionId)
    {
        if (_settings.AfterStep is { } hook) await hook(step, submissionId).ConfigureAwait(false);
    }
}
