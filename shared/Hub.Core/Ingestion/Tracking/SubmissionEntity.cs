using System.Text.Json;
using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.Tracking;

/// <summary>
/// One uploaded file version (table <c>Submissions</c>, partition = submission id, row key <c>submission</c>): where
/// its processing stands. Its partition also holds the fan-out chunk markers and the submission's outbox event, so
/// the status change and the event commit in one transaction. No personal data: ids, counts, hashes and names of
/// blobs.
/// </summary>
public sealed class SubmissionEntity : ITableEntity
{
    /// <summary>The row key of the submission entity in its partition.</summary>
    public const string Key = "submission";

    /// <summary>The submission id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>Always <see cref="Key"/>.</summary>
    public string RowKey { get; set; } = Key;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The employer (upload folder).</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>The file name as uploaded (below the employer folder).</summary>
    public string FileName { get; set; } = "";

    /// <summary>The upload's ETag: the version this submission is about (disposal deletes only this version).</summary>
    public string BlobETag { get; set; } = "";

    /// <summary>When the upload was written (its Last-Modified).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Where processing stands (see <see cref="SubmissionStatus"/>).</summary>
    public string Status { get; set; } = SubmissionStatus.Processing;

    /// <summary>Invocations that reached this file version (the blob trigger has no delivery count of its own).</summary>
    public int Attempts { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; set; }

    /// <summary>SHA-256 of the content (hex), once read.</summary>
    public string? Sha256 { get; set; }

    /// <summary><c>csv</c> or <c>json</c>.</summary>
    public string? Format { get; set; }

    /// <summary><c>utf-8</c> or <c>shift_jis</c>.</summary>
    public string? Encoding { get; set; }

    /// <summary>The earlier submission with the same content (status Duplicate).</summary>
    public string? DuplicateOf { get; set; }

    /// <summary>Data rows.</summary>
    public int Rows { get; set; }

    /// <summary>Rows accepted (staged).</summary>
    public int Accepted { get; set; }

    /// <summary>Rows rejected.</summary>
    public int Rejected { get; set; }

    /// <summary>File-level error codes, comma-separated (status Refused/Failed).</summary>
    public string? ErrorCodes { get; set; }

    /// <summary>Fan-out chunks as JSON <c>[[firstRow,lastRow],…]</c> (accepted rows only).</summary>
    public string? Chunks { get; set; }

    /// <summary>Number of fan-out chunks.</summary>
    public int ChunkCount { get; set; }

    /// <summary>When processing finished.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the raw upload was deleted.</summary>
    public DateTimeOffset? DisposedAt { get; set; }

    /// <summary>
    /// The registration result (登録結果) written for the employer (<see cref="RegistrationResultStatus"/>): null until
    /// written, <c>pending</c> when written with rows still unfinished after the waiting time, <c>complete</c> once every
    /// accepted row is registered or refused.
    /// </summary>
    public string? RegistrationResult { get; set; }

    /// <summary>When the registration result was last written (marked).</summary>
    public DateTimeOffset? RegistrationResultAt { get; set; }

    /// <summary>Rows the last registration result reports as registered.</summary>
    public int Registered { get; set; }

    /// <summary>Rows the last registration result reports as refused at registration.</summary>
    public int RegistrationRejected { get; set; }

    /// <summary>Rows the last registration result reports as still pending.</summary>
    public int RegistrationPending { get; set; }

    /// <summary>The token of the completion run writing the registration result now (a lease; see <see cref="RegistrationClaimedAt"/>).</summary>
    public string? RegistrationClaim { get; set; }

    /// <summary>When <see cref="RegistrationClaim"/> was taken; a claim older than the completion's claim timeout may be taken over.</summary>
    public DateTimeOffset? RegistrationClaimedAt { get; set; }

    /// <summary>The fan-out chunk ranges.</summary>
    public IReadOnlyList<(int FirstRow, int LastRow)> ChunkRanges() =>
        Chunks is null ? [] : JsonSerializer.Deserialize<int[][]>(Chunks)!.Select(c => (c[0], c[1])).ToList();

    /// <summary>True when processing reached an end (nothing is left to compute; outputs may still need re-emitting).</summary>
    public bool IsFinal => Status != SubmissionStatus.Processing;
}

/// <summary>States of a submission's registration result (<see cref="SubmissionEntity.RegistrationResult"/>).</summary>
public static class RegistrationResultStatus
{
    /// <summary>Written with rows still unfinished after the waiting time; rewritten once they finish.</summary>
    public const string Pending = "pending";

    /// <summary>Written with every accepted row registered or refused: final.</summary>
    public const string Complete = "complete";
}

/// <summary>Submission statuses.</summary>
public static class SubmissionStatus
{
    /// <summary>Being processed (possibly retrying).</summary>
    public const string Processing = "processing";

    /// <summary>Validated: report written, accepted rows staged and fanned out.</summary>
    public const string Completed = "completed";

    /// <summary>Refused as a whole (file-level errors); no row staged.</summary>
    public const string Refused = "refused";

    /// <summary>Same content as an earlier submission of the employer; nothing done again.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Kept failing (a system fault); the FAILED report says so and the upload is left for another try.</summary>
    public const string Failed = "failed";

    /// <summary>The upload was replaced or deleted while processed; abandoned.</summary>
    public const string Superseded = "superseded";
}
