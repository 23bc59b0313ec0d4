using System.Text.Json.Nodes;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;

namespace Hub.Webhooks.Replay;

/// <summary>
/// Sends deliveries again (<c>./hub webhooks replay</c> and <c>resend</c>). A replay starts a new round for the
/// delivery: the retry schedule restarts, document links are minted afresh, and the <c>webhook-id</c> stays
/// the event id, so a receiver that already processed the message recognises it. The attempt itself is
/// made by RetryWebhooks (the function app's network and identity), within a minute.
/// </summary>
public sealed class ReplayService(EndpointStore endpoints, DeliveryStore deliveries, RetryQueue queue, DocumentLinks links, TimeProvider clock)
{
    /// <summary>Requeues the deliveries of events that occurred since <paramref name="since"/> (all endpoints, or one).</summary>
    /// <param name="since">Events at or after this time.</param>
    /// <param name="endpointId">Only this endpoint.</param>
    /// <param name="onlyFailed">Only failed and skipped deliveries (default: delivered ones too, for a receiver that lost data).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<ReplayOutcome> ReplayAsync(DateTimeOffset since, string? endpointId = null, bool onlyFailed = false, CancellationToken cancellationToken = default)
    {
        var targets = endpointId is null
            ? (await endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.Enabled).ToList()
            : [RequireEnabled(await endpoints.GetAsync(endpointId, cancellationToken).ConfigureAwait(false))];
        int requeued = 0, pending = 0, refused = 0;
        foreach (var endpoint in targets)
        {
            await foreach (var delivery in deliveries.QueryAsync(endpoint.Id, occurredSince: since, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (delivery.Status == DeliveryStatus.Pending)
                {
                    pending++;
                    continue;
                }
                if (onlyFailed && delivery.Status == DeliveryStatus.Delivered) continue;
                try
                {
                    await RequeueAsync(delivery, cancellationToken).ConfigureAwait(false);
                    requeued++;
                }
                catch (WebhookException)
                {
                    refused++;
                }
            }
        }
        return new ReplayOutcome(targets.Count, requeued, pending, refused);
    }

    /// <summary>Sends one delivery again (a pending one is brought forward to now; one being attempted right now is left as it is).</summary>
    /// <exception cref="WebhookException">No such delivery, its endpoint is disabled, or its body is refused.</exception>
    public async Task<WebhookDelivery> ResendAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await deliveries.GetAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        RequireEnabled(await endpoints.GetAsync(delivery.EndpointId, cancellationToken).ConfigureAwait(false));
        return await RequeueAsync(delivery, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookDelivery> RequeueAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            WebhookDelivery updated;
            if (delivery.Status == DeliveryStatus.Pending)
            {
                // Already in a round: due now, unless an attempt is running (its result decides what comes next).
                if (delivery.ClaimedUntil > now) return delivery;
                updated = delivery with { NextAttemptTicks = now.UtcTicks };
            }
            else
            {
                var data = JsonNode.Parse(delivery.EventData) as JsonObject ?? [];
                updated = delivery with
                {
                    Body = WebhookMessage.Render(delivery.EventType, delivery.EventId, delivery.OccurredAt, delivery.Subject, delivery.Sequence, await links.ResolveAsync(data, now, ct).ConfigureAwait(false)),
                    Status = DeliveryStatus.Pending,
                    Reason = null,
                    Round = delivery.Round + 1,
                    RoundAttempts = 0,
                    NextAttemptTicks = now.UtcTicks,
                    ClaimedUntil = null,
                    CompletedAt = null,
                };
            }
            await queue.EnsureAsync(updated, ct).ConfigureAwait(false);
            if (await deliveries.TryReplaceAsync(updated, ct).ConfigureAwait(false) is { } saved)
            {
                if (delivery.NextAttemptTicks is { } old && old != saved.NextAttemptTicks)
                    await queue.RemoveAsync(delivery.EndpointId, delivery.EventId, old, ct).ConfigureAwait(false);
                return saved;
            }
            // Changed meanwhile (an attempt finished): the entry just written is stale and will be dropped; read again.
            if (attempt >= 3) throw new InvalidOperationException($"Delivery {delivery.Id} keeps changing; try again.");
            delivery = await deliveries.GetAsync(delivery.Id, ct).ConfigureAwait(false);
        }
    }

    private static WebhookEndpoint RequireEnabled(WebhookEndpoint endpoint) => endpoint.Enabled
        ? endpoint
        : throw new WebhookException(WebhookErrorCodes.EndpointDisabled,
            $"Endpoint {endpoint.Id} is disabled ({endpoint.DisabledReason}); enable it first.",
            $"エンドポイント {endpoint.Id} は無効です（{endpoint.DisabledReason}）。先に有効にしてください。");
}

/// <summary>What a replay did.</summary>
/// <param name="Endpoints">Endpoints looked at.</param>
/// <param name="Requeued">Deliveries that will be sent again.</param>
/// <param name="AlreadyPending">Deliveries left alone because they are still being retried.</param>
/// <param name="Refused">Deliveries whose body could not be rebuilt safely.</param>
public sealed record ReplayOutcome(int Endpoints, int Requeued, int AlreadyPending, int Refused);
