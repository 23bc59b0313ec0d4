using System.Text.Json.Nodes;
using Azure;
using Hub.Core.Events;
using Hub.Core.Ingestion.FanOut;
using Hub.Core.Ingestion.Reading;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Staging;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion;

/// <summary>
/// IngestSubmission's work on one upload <c>submissions/{employer}/{name}</c>: check the path and the employer
/// (else quarantine), read the file twice as a stream, stage accepted rows, write the result report, record the
/// submission with its <c>submission.processed</c> event, and hand back the fan-out chunks and event dispatch to
/// output. Thread-safe; one instance per process.
/// </summary>
/// <remarks>
/// <para><b>Crash safety.</b> The blob trigger retries a failed invocation (5 times, then poison), so every step is
/// idempotent and keyed by the submission id, which is deterministic per upload version (employer, name, ETag):</para>
/// <list type="number">
/// <item>Staging writes rows keyed (submission, row): a retry upserts them, never duplicates them.</item>
/// <item>The report blobs are committed whole, after staging, and a retry overwrites them.</item>
/// <item>Only then is the submission marked final, in one transaction with its outbox event. "Final" means the
/// report exists and every accepted row is staged; a retry that finds it final computes nothing again and only
/// re-emits the outputs (below).</item>
/// <item>Outputs (fan-out chunks, event dispatch) are written by the host after the invocation succeeds; if that
/// fails, the invocation is retried and re-emits the same deterministic messages. A retry re-emits only chunks with
/// no fan-out marker yet, FanOutSubmission re-reads rows still <c>Staged</c>, and RegisterMember dedupes by operation
/// id, so a chunk delivered twice registers nothing twice.</item>
/// <item>Deletion (disposal) comes last. A file with accepted rows is deleted by FanOutSubmission once every chunk
/// has been received — the proof that this invocation's outputs were written. Deleting it here would be unsafe: the
/// host drops a retry whose blob is gone, so a lost output would never be re-emitted. Files with nothing to fan out
/// (refused, duplicate, no accepted row) are deleted here, after the final commit.</item>
/// </list>
/// <para><b>Poison.</b> The blob trigger has no delivery count, so attempts are counted on the submission. The last
/// attempt (<see cref="IngestionSettings.MaxAttempts"/>) first writes a FAILED report (PROCESSING_FAILED), which a
/// success overwrites: even a crash on the last attempt leaves the employer a report.</para>
/// </remarks>
public sealed class SubmissionIngestion
{
    private readonly HubServices _services;
    private readonly IngestionSettings _settings;
    private readonly SubmissionStore _store;
    private readonly SubmissionQuarantine _quarantine;
    private readonly UploadDisposal _disposal;
    private readonly string _actor;

    /// <summary>Creates the service; <paramref name="actor"/> names it in audit records.</summary>
    public SubmissionIngestion(HubServices services, IngestionSettings settings, string actor = "IngestSubmission")
    {
        _services = services;
        _settings = settings;
        _actor = actor;
        _store = new SubmissionStore(services.Storage);
        _quarantine = new SubmissionQuarantine(services, settings, actor);
        _disposal = new UploadDisposal(services, _store);
    }

    /// <summary>The submissions table.</summary>
    public SubmissionStore Store => _store;

    /// <summary>Processes the upload <c>submissions/{employerFolder}/{fileName}</c> (the trigger's path parameters).</summary>
    public async Task<IngestionOutcome> IngestAsync(string employerFolder, string fileName, CancellationToken cancellationToken)
    {
        var upload = _services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient(employerFolder + "/" + fileName);
        BlobProperties properties;
        try
        {
            properties = (await upload.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return IngestionOutcome.Gone(SubmissionErrorCatalog.Quote(employerFolder, 40));
        }

        // Authorisation and hostile input first: nothing is read from a file that fails these.
        if (SubmissionBlobPath.Check(employerFolder, fileName) is { } pathError)
            return IngestionOutcome.Quarantined(await _quarantine.QuarantineAsync(upload, properties, employerFolder, fileName, pathError, cancellationToken).ConfigureAwait(false), pathError.Code);
        if (await _services.Employers.FindAsync(employerFolder, cancellationToken).ConfigureAwait(false) is null)
        {
            var error = SubmissionFileErrors.EmployerNotRegistered(employerFolder);
            return IngestionOutcome.Quarantined(await _quarantine.QuarantineAsync(upload, properties, employerFolder, fileName, error, cancellationToken).ConfigureAwait(false), error.Code);
        }

        var submission = await _store.BeginAttemptAsync(new SubmissionEntity
        {
            PartitionKey = SubmissionIds.Submission(employerFolder, fileName, properties.ETag, properties.LastModified),
            EmployerCode = employerFolder,
            FileName = fileName,
            BlobETag = properties.ETag.ToString(),
            ReceivedAt = properties.LastModified,
            Bytes = properties.ContentLength,
        }, cancellationToken).ConfigureAwait(false);
        if (submission.IsFinal) return await OutputsAsync(submission, null, cancellationToken).ConfigureAwait(false);

        var last = submission.Attempts >= _settings.MaxAttempts;
        if (last) await WriteFailedReportAsync(submission, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessAsync(submission, upload, properties, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (last && e is not OperationCanceledException)
        {
            await MarkFailedAsync(submission.PartitionKey, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IngestionOutcome> ProcessAsync(SubmissionEntity submission, BlobClient upload, BlobProperties properties, CancellationToken cancellationToken)
    {
        var heading = new ReportHeading(submission.PartitionKey, submission.EmployerCode, submission.FileName, submission.ReceivedAt);
        if (properties.ContentLength > _settings.MaxFileBytes)
            return await RefuseAsync(submission, heading, [SubmissionFileErrors.FileTooLarge(_settings.MaxFileBytes)], cancellationToken).ConfigureAwait(false);

        // Both passes read exactly the version that triggered (If-Match): a replacement mid-way fails the read.
        SubmissionContentOpener open = async ct =>
            (await upload.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = new RequestConditions { IfMatch = properties.ETag } }, ct).ConfigureAwait(false)).Value.Content;
        var scan = new SubmissionScan(submission.EmployerCode, _services.Clock.TodayInJapan, _settings, DeclaredCharset.From(properties.ContentType, properties.Metadata));
        try
        {
            try
            {
                await scan.CollectAsync(open, cancellationToken).ConfigureAwait(false);
            }
            catch (SubmissionFileException e)
            {
                // Say how the file was read when that is known (a header error in a UTF-8 file); an encoding that did not
                // decode is not "known", so ENCODING_INVALID leaves it out.
                var encodingKnown = !e.Errors.Any(x => x.Code == SubmissionErrorCodes.EncodingInvalid);
                heading = Describe(submission, heading, scan.DetectedFormat, encodingKnown, scan.Sha256);
                return await RefuseAsync(submission, heading, e.Errors, cancellationToken).ConfigureAwait(false);
            }

            await StepAsync(IngestionStep.Collect, submission.Attempts).ConfigureAwait(false);
            heading = Describe(submission, heading, scan.Format!, encodingKnown: true, scan.Sha256);

            if (await _store.ClaimContentAsync(submission.EmployerCode, scan.Sha256!, submission.PartitionKey, cancellationToken).ConfigureAwait(false) is { } original)
                return await DuplicateAsync(submission, heading with { DuplicateOf = original.PartitionKey }, original, cancellationToken).ConfigureAwait(false);

            var registered = await RegisteredInsured.LoadAsync(_services.Storage, submission.EmployerCode, scan.EmployeeIds, cancellationToken).ConfigureAwait(false);
            scan.IsInsuredRegistered = registered;
            return await ValidateAndStageAsync(submission, heading, scan, open, registered, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsPreconditionFailed || e.IsNotFound)
        {
            if (!await UploadChangedAsync(upload, properties.ETag, cancellationToken).ConfigureAwait(false)) throw;
            return await SupersedeAsync(submission.PartitionKey, heading, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IngestionOutcome> ValidateAndStageAsync(SubmissionEntity submission, ReportHeading heading, SubmissionScan scan, SubmissionContentOpener open,
        Func<InsuredReference, bool> registered, CancellationToken cancellationToken)
    {
        var employer = submission.EmployerCode;
        var staging = new StagingWriter(_services.Storage.Table(HubStorage.Tables.StagedRows), submission.PartitionKey, _services.MyNumbers,
            _services.Clock.GetUtcNow(), _settings.StagingParallelism, firstAttempt: submission.Attempts == 1);
        var chunks = new ChunkPlanner(_settings.ChunkRows);
        int accepted = 0, rejected = 0;
        await using (var report = await ResultReportWriter.OpenAsync(_services.Storage.Container(HubStorage.Containers.Results), heading, [], cancellationToken).ConfigureAwait(false))
        {
            await scan.ValidateAsync(open, async row =>
            {
                string? memberId = null;
                if (row.Record is { } record)
                {
                    accepted++;
                    await staging.AddAsync(record, cancellationToken).ConfigureAwait(false);
                    chunks.Add(row.RowNumber);
                    memberId = KnownMemberId(employer, record, registered);
                }
                else
                {
                    rejected++;
                }

                await report.WriteRowAsync(row, memberId, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            await staging.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await StepAsync(IngestionStep.Stage, submission.Attempts).ConfigureAwait(false);
            await report.CompleteAsync(SubmissionStatus.Completed, accepted + rejected, accepted, rejected, _services.Clock.GetUtcNow(), cancellationToken,
                accepted > 0 ? [ReportNote.HandedToRegistration(submission.PartitionKey)] : null).ConfigureAwait(false);
        }

        await StepAsync(IngestionStep.Report, submission.Attempts).ConfigureAwait(false);
        // Before the final commit, so a final submission with accepted rows always awaits its registration result
        // (CompleteSubmissions writes it and takes the entry off); a retry writes the same entry.
        if (accepted > 0)
            await _store.MarkRegistrationDueAsync(submission.PartitionKey, submission.EmployerCode, _services.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        submission.Status = SubmissionStatus.Completed;
        submission.Rows = accepted + rejected;
        submission.Accepted = accepted;
        submission.Rejected = rejected;
        submission.Chunks = chunks.ToJson();
        submission.ChunkCount = chunks.Count;
        var e = await CommitFinalAsync(submission, cancellationToken).ConfigureAwait(false);
        await StepAsync(IngestionStep.Commit, submission.Attempts).ConfigureAwait(false);
        return await OutputsAsync(submission, e, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The member id an accepted row registers, when the row alone decides it (registration derives ids the same way,
    /// <see cref="MemberIds"/>): an insured person's, from employer and employee id; a dependant added to an insured
    /// person not registered yet (so enrolled by this file), whose household is new — the id of a dependant first
    /// registered with these facts. Otherwise null: registration finds the dependant within a registered household.
    /// </summary>
    private static string? KnownMemberId(string employer, SubmissionRecord record, Func<InsuredReference, bool> registered) => record switch
    {
        { RecordType: RecordType.Insured } => MemberIds.ForInsured(employer, record.EmployeeId),
        { Action: SubmissionAction.Add } when !registered(new InsuredReference(employer, record.EmployeeId, null)) =>
            MemberIds.ForDependant(employer, record.EmployeeId, record.BirthDate, record.NameKana),
        _ => null,
    };

    /// <summary>
    /// Records on the submission what pass 1 learnt about the file — hash, syntax and, when <paramref name="encodingKnown"/>,
    /// the encoding — and returns the report heading saying the same.
    /// </summary>
    private static ReportHeading Describe(SubmissionEntity submission, ReportHeading heading, SubmissionFileFormat? format, bool encodingKnown, string? sha256)
    {
        submission.Sha256 = sha256;
        submission.Format = format is null ? null : format.Syntax == SubmissionSyntax.Json ? "json" : "csv";
        submission.Encoding = format is not null && encodingKnown ? TextEncodings.NameOf(format.Encoding) : null;
        return heading with
        {
            Sha256 = sha256,
            Format = submission.Format,
            Encoding = submission.Encoding,
            EncodingSource = submission.Encoding is null ? null : format!.HowDecided,
        };
    }

    private async Task<IngestionOutcome> RefuseAsync(SubmissionEntity submission, ReportHeading heading, IReadOnlyList<SubmissionError> errors, CancellationToken cancellationToken)
    {
        await WriteReportAsync(heading, errors, SubmissionStatus.Refused, 0, 0, 0, cancellationToken).ConfigureAwait(false);
        submission.Status = SubmissionStatus.Refused;
        submission.ErrorCodes = string.Join(",", errors.Select(x => x.Code).Distinct());
        var e = await CommitFinalAsync(submission, cancellationToken).ConfigureAwait(false);
        return await OutputsAsync(submission, e, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IngestionOutcome> DuplicateAsync(SubmissionEntity submission, ReportHeading heading, SubmissionEntity original, CancellationToken cancellationToken)
    {
        await WriteReportAsync(heading, [], SubmissionStatus.Duplicate, original.Rows, original.Accepted, original.Rejected, cancellationToken,
            [ReportNote.Duplicate(original.PartitionKey)]).ConfigureAwait(false);
        submission.Status = SubmissionStatus.Duplicate;
        submission.DuplicateOf = original.PartitionKey;
        submission.Rows = original.Rows;
        submission.Accepted = original.Accepted;
        submission.Rejected = original.Rejected;
        var e = await CommitFinalAsync(submission, cancellationToken).ConfigureAwait(false);
        return await OutputsAsync(submission, e, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The upload changed while it was read: abandon this version (its staged rows were never fanned out, so they go).</summary>
    private async Task<IngestionOutcome> SupersedeAsync(string submissionId, ReportHeading heading, CancellationToken cancellationToken)
    {
        var submission = await _store.FindAsync(submissionId, cancellationToken).ConfigureAwait(false);
        if (submission is null) return new IngestionOutcome(SubmissionStatus.Superseded, submissionId, [], [], $"submission {submissionId}: upload changed while processed");
        if (submission.IsFinal) return await OutputsAsync(submission, null, cancellationToken).ConfigureAwait(false);
        await DeleteStagedRowsAsync(submissionId, cancellationToken).ConfigureAwait(false);
        await WriteReportAsync(heading, [SubmissionFileErrors.FileReplaced()], SubmissionStatus.Superseded, 0, 0, 0, cancellationToken).ConfigureAwait(false);
        submission.Status = SubmissionStatus.Superseded;
        submission.ErrorCodes = SubmissionErrorCodes.FileReplaced;
        submission.CompletedAt = _services.Clock.GetUtcNow();
        await _store.UpdateAsync(submission, cancellationToken).ConfigureAwait(false);
        await _services.AuditLog.RecordAsync($"submission:{submissionId}", SubmissionStatus.Superseded,
            "upload replaced or deleted while it was processed; staged rows removed, nothing fanned out", _actor, cancellationToken).ConfigureAwait(false);
        return new IngestionOutcome(SubmissionStatus.Superseded, submissionId, [], [], $"submission {submissionId}: superseded (upload changed while processed)");
    }

    /// <summary>Marks the submission final with its event (one transaction) and records it in the audit log.</summary>
    private async Task<HubEvent> CommitFinalAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        submission.CompletedAt = _services.Clock.GetUtcNow();
        var e = SubmissionEvent(submission);
        await _store.CommitFinalAsync(submission, e, cancellationToken).ConfigureAwait(false);
        await _services.AuditLog.RecordAsync($"submission:{submission.PartitionKey}", submission.Status,
            $"{submission.Rows} rows, {submission.Accepted} accepted, {submission.Rejected} rejected"
            + (submission.ErrorCodes is { } codes ? $", refused: {codes}" : "")
            + (submission.DuplicateOf is { } dup ? $", duplicate of {dup}" : "")
            + $"; report results/{ResultReportWriter.JsonPath(submission.EmployerCode, submission.PartitionKey)}", _actor, cancellationToken).ConfigureAwait(false);
        return e;
    }

    /// <summary>
    /// What a final submission outputs — now, or again on a retry: the chunks not yet fanned out and the event
    /// dispatch; and for a submission with nothing to fan out, the disposal of the upload.
    /// </summary>
    private async Task<IngestionOutcome> OutputsAsync(SubmissionEntity submission, HubEvent? e, CancellationToken cancellationToken)
    {
        var id = submission.PartitionKey;
        if (submission.Status is SubmissionStatus.Failed or SubmissionStatus.Superseded)
            return new IngestionOutcome(submission.Status, id, [], [], $"submission {id}: already {submission.Status}; nothing to do");

        var fresh = e is not null; // just committed by this invocation (else a retry re-emits)
        e ??= await _store.FindEventAsync(id, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<EventDispatch> dispatches = e is null ? [] : [EventOutbox.Dispatch(HubStorage.Tables.Submissions, id, e)];
        var chunks = new List<SubmissionChunk>();
        var ranges = submission.ChunkRanges();
        if (ranges.Count == 0)
        {
            await _disposal.DisposeAsync(submission, submission.Status switch
            {
                SubmissionStatus.Refused => $"file refused ({submission.ErrorCodes}); report written",
                SubmissionStatus.Duplicate => $"duplicate of {submission.DuplicateOf}; report written",
                _ => "report written; no accepted row to fan out",
            }, _actor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Chunks FanOutSubmission has received are not sent again (it disposes of the upload after the last one).
            var done = fresh ? new HashSet<int>() : await _store.FannedOutChunksAsync(id, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ranges.Count; i++)
                if (!done.Contains(i + 1))
                    chunks.Add(new SubmissionChunk(id, submission.EmployerCode, i + 1, ranges.Count, ranges[i].FirstRow, ranges[i].LastRow));
        }

        return new IngestionOutcome(submission.Status, id, chunks, dispatches,
            $"submission {id} (employer {submission.EmployerCode}): {submission.Status}, {submission.Rows} rows, {submission.Accepted} accepted, " +
            $"{submission.Rejected} rejected; {chunks.Count} of {ranges.Count} chunk(s) out" + (fresh ? "" : " (re-emitted)"));
    }

    private async Task StepAsync(IngestionStep step, int attempt)
    {
        _settings.Fault?.Trip(step, attempt);
        if (_settings.AfterStep is { } hook) await hook(step, attempt).ConfigureAwait(false);
    }

    private async Task WriteFailedReportAsync(SubmissionEntity submission, CancellationToken cancellationToken) =>
        await WriteReportAsync(new ReportHeading(submission.PartitionKey, submission.EmployerCode, submission.FileName, submission.ReceivedAt),
            [SubmissionFileErrors.ProcessingFailed(submission.Attempts, submission.PartitionKey)], SubmissionStatus.Failed, 0, 0, 0, cancellationToken).ConfigureAwait(false);

    /// <summary>Best effort on the last attempt: the submission says failed (the report already does). The original error is rethrown.</summary>
    private async Task MarkFailedAsync(string submissionId, Exception error, CancellationToken cancellationToken)
    {
        try
        {
            var submission = await _store.FindAsync(submissionId, cancellationToken).ConfigureAwait(false);
            if (submission is null || submission.IsFinal) return;
            submission.Status = SubmissionStatus.Failed;
            submission.ErrorCodes = SubmissionErrorCodes.ProcessingFailed;
            submission.CompletedAt = _services.Clock.GetUtcNow();
            await _store.UpdateAsync(submission, cancellationToken).ConfigureAwait(false);
            await _services.AuditLog.RecordAsync($"submission:{submissionId}", SubmissionStatus.Failed,
                $"gave up after {submission.Attempts} attempts ({error.GetType().Name}); FAILED report written, upload kept for another try", _actor, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage is failing too; the FAILED report was written first, and the host poisons the upload.
        }
    }

    private async Task WriteReportAsync(ReportHeading heading, IReadOnlyList<SubmissionError> errors, string status, int rows, int accepted, int rejected,
        CancellationToken cancellationToken, IReadOnlyList<ReportNote>? notes = null)
    {
        await using var report = await ResultReportWriter.OpenAsync(_services.Storage.Container(HubStorage.Containers.Results), heading, errors, cancellationToken, status)
            .ConfigureAwait(false);
        await report.CompleteAsync(status, rows, accepted, rejected, _services.Clock.GetUtcNow(), cancellationToken, notes).ConfigureAwait(false);
    }

    private async Task DeleteStagedRowsAsync(string submissionId, CancellationToken cancellationToken)
    {
        var table = _services.Storage.Table(HubStorage.Tables.StagedRows);
        var batch = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {submissionId}"),
                           select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row));
            if (batch.Count == StagingWriter.BatchSize)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch = [];
            }
        }

        if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> UploadChangedAsync(BlobClient upload, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            return (await upload.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag != etag;
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return true;
        }
    }

    private HubEvent SubmissionEvent(SubmissionEntity s)
    {
        var subject = $"submission/{s.PartitionKey}";
        var data = new JsonObject
        {
            ["submissionId"] = s.PartitionKey,
            ["employerCode"] = s.EmployerCode,
            ["status"] = s.Status,
            ["counts"] = new JsonObject { ["rows"] = s.Rows, ["accepted"] = s.Accepted, ["rejected"] = s.Rejected },
            ["duplicateOf"] = s.DuplicateOf,
            ["errorCodes"] = new JsonArray((s.ErrorCodes?.Split(',') ?? []).Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["reportJsonBlob"] = $"{HubStorage.Containers.Results}/{ResultReportWriter.JsonPath(s.EmployerCode, s.PartitionKey)}",
            ["reportCsvBlob"] = $"{HubStorage.Containers.Results}/{ResultReportWriter.CsvPath(s.EmployerCode, s.PartitionKey)}",
        };
        return new HubEvent(HubEvent.DeterministicId(subject, EventTypes.SubmissionProcessed, s.PartitionKey), EventTypes.SubmissionProcessed, subject, 1,
            s.CompletedAt ?? _services.Clock.GetUtcNow(), data);
    }
}
