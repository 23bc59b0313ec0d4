using Hub.Core.Ingestion.FanOut;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Ingestion;

/// <summary>
/// FanOutSubmission (serviceBusTrigger <c>submission-fanout</c>): turns one chunk of a submission's staged rows into
/// <c>member-registration</c> messages, one per row still staged; after the last chunk it disposes of the upload
/// (see <see cref="SubmissionFanOut"/>). Messages carry ids only, never a My Number.
/// </summary>
public sealed class FanOutSubmissionFunction(SubmissionFanOut fanOut, ILogger<FanOutSubmissionFunction> logger) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "FanOutSubmission";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var chunk = request.Data("chunk").AsObject<SubmissionChunk>();
        var sequenceNumber = request.TryMetadata("SequenceNumber")?.AsInt64();
        var requests = await fanOut.FanOutAsync(chunk, sequenceNumber, cancellationToken).ConfigureAwait(false);
        result.SetMessages("registrations", requests);
        var summary = $"submission {chunk.SubmissionId} chunk {chunk.Chunk}/{chunk.ChunkCount} (rows {chunk.FirstRow}–{chunk.LastRow}): {requests.Count} registration request(s)";
        result.Log(summary);
        logger.LogInformation("FanOutSubmission {InvocationId}: {Summary}", request.InvocationId, summary);
    }
}
