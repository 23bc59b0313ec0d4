namespace Hub.Core.Ingestion.FanOut;

/// <summary>
/// The <c>submission-fanout</c> message: a range of a submission's staged rows to turn into registration requests.
/// Deterministic (a retried IngestSubmission emits the same chunks) and free of personal data. Field names avoid the
/// Service Bus binding-data keys the host would overwrite.
/// </summary>
/// <param name="SubmissionId">The submission (staged row partition).</param>
/// <param name="EmployerCode">The employer.</param>
/// <param name="Chunk">1-based chunk number.</param>
/// <param name="ChunkCount">How many chunks the submission has.</param>
/// <param name="FirstRow">First row number of the range (inclusive).</param>
/// <param name="LastRow">Last row number of the range (inclusive).</param>
public sealed record SubmissionChunk(string SubmissionId, string EmployerCode, int Chunk, int ChunkCount, int FirstRow, int LastRow);
