using Hub.Functions.Hosting;
using Hub.Functions.Protocol;
using Hub.Webhooks;

namespace Hub.Functions.Functions.Webhooks;

/// <summary>
/// RetryWebhooks (timer <c>%WebhookRetrySchedule%</c>, every minute): makes the attempts that came due, found by
/// a range query on the schedule table, so retries survive restarts; also re-dispatches <c>endpoint.disabled</c>
/// events whose message was lost.
/// </summary>
public sealed class RetryWebhooksFunction(WebhookServices webhooks) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "RetryWebhooks";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var outcome = await webhooks.Engine.RunDueAsync(cancellationToken).ConfigureAwait(false);
        result.SetMessages("webhooks", outcome.Dispatches);
        result.Log($"retry run: {outcome}");
    }
}
