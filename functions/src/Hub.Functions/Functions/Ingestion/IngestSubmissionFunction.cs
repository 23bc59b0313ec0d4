using Hub.Core.Ingestion;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Ingestion;

/// <summary>
/// IngestSubmission (blobTrigger <c>submissions/{employer}/{name}</c>): validates an employer's upload row by row,
/// writes its result report, stages accepted rows and outputs one <c>submission-fanout</c> chunk per ≤1,000 of
/// them plus the <c>submission.processed</c> event dispatch (see <see cref="SubmissionIngestion"/> for the order of
/// steps and why it is crash-safe). The trigger's payload is never read: the host inlines the whole file as base64,
/// so the binding is streamed past unread and the service streams the blob itself, twice.
/// </summary>
public sealed class IngestSubmissionFunction(SubmissionIngestion ingestion, ILogger<IngestSubmissionFunction> logger) : IHubFunction
{
    private static readonly IReadOnlySet<string> Streamed = new HashSet<string> { "submission" };

    /// <inheritdoc />
    public string Name => "IngestSubmission";

    /// <inheritdoc />
    public IReadOnlySet<string> StreamedBindings => Streamed;

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        // {employer} matches greedily (E0001/sub/x.csv → employer "E0001/sub"); the service checks and quarantines such paths.
        var employer = request.Metadata("employer").AsString();
        var name = request.Metadata("name").AsString();
        var outcome = await ingestion.IngestAsync(employer, name, cancellationToken).ConfigureAwait(false);
        result.SetMessages("fanout", outcome.Chunks);
        result.SetMessages("webhooks", outcome.Dispatches);
        result.Log(outcome.Summary);
        logger.LogInformation("IngestSubmission {InvocationId}: {Summary}", request.InvocationId, outcome.Summary);
    }
}
