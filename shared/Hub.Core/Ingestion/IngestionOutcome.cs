using Hub.Core.Events;
using Hub.Core.Ingestion.FanOut;

namespace Hub.Core.Ingestion;

/// <summary>What one IngestSubmission invocation decided, and the messages it must output.</summary>
/// <param name="Result">What happened (see the factory names).</param>
/// <param name="SubmissionId">The submission (or quarantine) id, when one was assigned.</param>
/// <param name="Chunks">Fan-out chunk messages for <c>submission-fanout</c>.</param>
/// <param name="Dispatches">Outbox dispatches for <c>webhook-delivery</c>.</param>
/// <param name="Summary">One log line: ids and counts only, never personal data.</param>
public sealed record IngestionOutcome(string Result, string? SubmissionId, IReadOnlyList<SubmissionChunk> Chunks, IReadOnlyList<EventDispatch> Dispatches, string Summary)
{
    /// <summary>The upload no longer exists (already disposed, or deleted by the employer): nothing to do.</summary>
    /// <param name="employerFolder">The upload folder (logged; the file name is not, as employers may name files after people).</param>
    public static IngestionOutcome Gone(string employerFolder) => new("gone", null, [], [], $"an upload of {employerFolder} no longer exists; nothing to do");

    /// <summary>Moved to quarantine unread.</summary>
    public static IngestionOutcome Quarantined(string quarantineId, string code) => new("quarantined", quarantineId, [], [], $"quarantined as {quarantineId} ({code})");
}
