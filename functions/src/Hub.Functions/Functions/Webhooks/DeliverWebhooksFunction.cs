using Hub.Core.Events;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;
using Hub.Webhooks;

namespace Hub.Functions.Functions.Webhooks;

/// <summary>
/// DeliverWebhooks (serviceBusTrigger <c>webhook-delivery</c>): one <see cref="EventDispatch"/> per message. Creates
/// the event's delivery for every subscribed endpoint (idempotently: a redelivered or duplicate message finds
/// the same records), sends at once and retries after 5 s; later retries go to the schedule that
/// RetryWebhooks works through. <c>endpoint.disabled</c> events it records go out on <c>webhooks</c>.
/// </summary>
public sealed class DeliverWebhooksFunction(WebhookServices webhooks) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "DeliverWebhooks";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var dispatch = request.Data("delivery").AsObject<EventDispatch>();
        var outcome = await webhooks.Engine.DispatchAsync(dispatch, cancellationToken).ConfigureAwait(false);
        result.SetMessages("webhooks", outcome.Dispatches);
        result.Log($"event {dispatch.EventId} ({dispatch.EventType}): {outcome}");
    }
}
