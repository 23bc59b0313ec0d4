using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Safety;
using Hub.Webhooks.Signing;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// Delivers events to endpoints. <see cref="DispatchAsync"/> (DeliverWebhooks) loads the event a dispatch points
/// at, creates one delivery per subscribed endpoint idempotently and attempts it at once (plus the 5 s retry
/// in the same invocation); <see cref="RunDueAsync"/> (RetryWebhooks) picks the attempts that came due from
/// the schedule table. Every attempt first claims its delivery (ETag), so two workers never send the same
/// attempt, and a crashed worker's claim simply expires and the attempt is made again.
/// </summary>
public sealed class DeliveryEngine
{
    private readonly HubStorage _storage;
    private readonly EndpointStore _endpoints;
    private readonly DeliveryStore _deliveries;
    private readonly RetryQueue _queue;
    private readonly WebhookSender _sender;
    private readonly DocumentLinks _links;
    private readonly EndpointUrlPolicy _policy;
    private readonly WebhookOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly TimeProvider _clock;
    private readonly TimeProvider _timers;
    private readonly Action<string> _log;

    // How long a schedule entry that does not match its delivery is left alone before it is removed as stale.
    private static readonly TimeSpan StaleEntryGrace = TimeSpan.FromMinutes(1);

    /// <summary>Creates the engine; <paramref name="clock"/> says what time it is, <paramref name="timers"/> waits (the inline retry).</summary>
    public DeliveryEngine(HubStorage storage, EndpointStore endpoints, DeliveryStore deliveries, RetryQueue queue, WebhookSender sender,
        DocumentLinks links, EndpointUrlPolicy policy, WebhookOptions options, TimeProvider clock, TimeProvider timers, Action<string> log)
    {
        (_storage, _endpoints, _deliveries, _queue, _sender, _links, _policy) = (storage, endpoints, deliveries, queue, sender, links, policy);
        (_options, _clock, _timers, _log) = (options, clock, timers, log);
        _schedule = new RetrySchedule(options);
    }

    /// <summary>Handles one <c>webhook-delivery</c> message.</summary>
    public async Task<DeliveryOutcome> DispatchAsync(EventDispatch dispatch, CancellationToken cancellationToken = default)
    {
        var outcome = new DeliveryOutcome();
        if (!HubStorage.Tables.All.Contains(dispatch.Table))
        {
            _log($"dispatch for {dispatch.EventId} names unknown table '{dispatch.Table}'; ignored");
            return outcome;
        }
        var e = await EventOutbox.LoadAsync(_storage.Table(dispatch.Table), dispatch, cancellationToken).ConfigureAwait(false);
        if (e is null)
        {
            // The dispatch is only sent after the event's transaction committed, so this is not a race: a bad pointer.
            _log($"event {dispatch.EventId} not found at {dispatch.Table}/{dispatch.PartitionKey}/{dispatch.EventRowKey}; ignored");
            return outcome;
        }

        var endpoints = (await _endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Where(x => x.Filter.Matches(e.Type)).ToList();
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (endpoint, ct) => await DeliverAsync(e, endpoint, outcome, ct).ConfigureAwait(false)).ConfigureAwait(false);

        if (e.Type == EventTypes.EndpointDisabled && dispatch.Table == HubStorage.Tables.WebhookEndpoints)
            await _endpoints.MarkDisabledEventDispatchedAsync(dispatch.PartitionKey, dispatch.EventRowKey, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Makes the attempts that are due (RetryWebhooks), within the run budget; relays lost endpoint events.</summary>
    public async Task<DeliveryOutcome> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var outcome = new DeliveryOutcome();
        var watch = Stopwatch.StartNew();
        var endpoints = new ConcurrentDictionary<string, Task<WebhookEndpoint?>>(StringComparer.Ordinal);
        var seen = new HashSet<DueAttempt>();
        while (watch.Elapsed < _options.RetryRunBudget)
        {
            var due = await _queue.DueAsync(_clock.GetUtcNow(), 100, cancellationToken).ConfigureAwait(false);
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0) break;
            await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = _options.RetryParallelism, CancellationToken = cancellationToken },
                async (entry, ct) => await RunOneAsync(entry, endpoints, outcome, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        foreach (var dispatch in await _endpoints.UndispatchedDisableEventsAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false))
            outcome.Emit(dispatch);
        return outcome;
    }

    private async Task DeliverAsync(HubEvent e, WebhookEndpoint endpoint, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var data = e.Data.ToJsonString();
        var record = new WebhookDelivery
        {
            EndpointId = endpoint.Id,
            EventId = e.Id,
            EventType = e.Type,
            Subject = e.Subject,
            Sequence = e.Sequence,
            OccurredAt = e.OccurredAt,
            EventData = data.Length <= WebhookMessage.MaxChars ? data : "{}",
            CreatedAt = now,
        };
        if (!endpoint.Enabled)
        {
            record = record with { Status = DeliveryStatus.Skipped, Reason = "endpoint disabled when the event happened", CompletedAt = now };
            if ((await _deliveries.CreateOrGetAsync(record, ct).ConfigureAwait(false)).Created) outcome.Finished(DeliveryStatus.Skipped);
            return;
        }

        string body;
        try
        {
            body = WebhookMessage.Render(e.Type, e.Id, e.OccurredAt, e.Subject, e.Sequence, await _links.ResolveAsync(e.Data, now, ct).ConfigureAwait(false));
        }
        catch (WebhookException refused)
        {
            // A producer bug (a My Number or a raw-file link in the data): record it for ops, send nothing.
            record = record with { Status = DeliveryStatus.Failed, Reason = refused.Message, CompletedAt = now };
            if ((await _deliveries.CreateOrGetAsync(record, ct).ConfigureAwait(false)).Created) outcome.Finished(DeliveryStatus.Failed);
            _log($"webhook {record.Id} refused before sending: {refused.Code}");
            return;
        }

        // Created already claimed by this invocation, due again when the claim ends. No schedule entry yet: if this
        // invocation dies, the message is redelivered and the branch below writes the entry for the claim's end.
        var claimEnd = now + _options.ClaimWindow;
        record = record with { Body = body, Status = DeliveryStatus.Pending, NextAttemptTicks = claimEnd.UtcTicks, ClaimedUntil = claimEnd };
        var (delivery, created) = await _deliveries.CreateOrGetAsync(record, ct).ConfigureAwait(false);
        if (created)
        {
            await AttemptAsync(delivery, endpoint, outcome, ct, hasScheduleEntry: false).ConfigureAwait(false);
            return;
        }

        // A redelivered or duplicate dispatch: never a second delivery; only make sure a stalled one moves on.
        if (delivery.Status != DeliveryStatus.Pending) return;
        if (delivery.ClaimedUntil > now || delivery.NextAttemptTicks > now.UtcTicks)
        {
            await _queue.EnsureAsync(delivery, ct).ConfigureAwait(false);
            return;
        }
        if (await TryClaimAsync(delivery, now, ct).ConfigureAwait(false) is { } claimed)
            await AttemptAsync(claimed, endpoint, outcome, ct).ConfigureAwait(false);
    }

    private async Task RunOneAsync(DueAttempt entry, ConcurrentDictionary<string, Task<WebhookEndpoint?>> endpoints, DeliveryOutcome outcome, CancellationToken ct)
    {
        var delivery = await _deliveries.GetAsync(entry.EndpointId, entry.EventId, ct).ConfigureAwait(false);
        var now = _clock.GetUtcNow();
        if (delivery is null || delivery.Status != DeliveryStatus.Pending || delivery.NextAttemptTicks != entry.DueTicks)
        {
            // Entries are written just before the delivery record moves to them: a young mismatch may be a write in
            // progress (a replay makes entries due at once), so only entries past a grace period count as stale.
            if (entry.DueTicks > (now - StaleEntryGrace).UtcTicks)
            {
                outcome.WasBusy();
                return;
            }
            await _queue.RemoveAsync(entry.EndpointId, entry.EventId, entry.DueTicks, ct).ConfigureAwait(false);
            outcome.WasStale();
            return;
        }
        if (delivery.ClaimedUntil > now)
        {
            outcome.WasBusy();
            return;
        }
        var endpoint = await endpoints.GetOrAdd(entry.EndpointId, id => _endpoints.FindAsync(id, ct)).ConfigureAwait(false);
        if (endpoint is not { Enabled: true })
        {
            var skipped = delivery with
            {
                Status = DeliveryStatus.Skipped, Reason = endpoint is null ? "endpoint deleted" : "endpoint disabled",
                NextAttemptTicks = null, ClaimedUntil = null, CompletedAt = now,
            };
            if (await _deliveries.TryReplaceAsync(skipped, ct).ConfigureAwait(false) is not null)
            {
                await _queue.RemoveAsync(entry.EndpointId, entry.EventId, entry.DueTicks, ct).ConfigureAwait(false);
                outcome.Finished(DeliveryStatus.Skipped);
            }
            return;
        }
        if (await TryClaimAsync(delivery, now, ct).ConfigureAwait(false) is not { } claimed) return;
        var disabled = await AttemptAsync(claimed, endpoint, outcome, ct).ConfigureAwait(false);
        if (disabled) endpoints[endpoint.Id] = Task.FromResult<WebhookEndpoint?>(endpoint with { Enabled = false });
    }

    private async Task<WebhookDelivery?> TryClaimAsync(WebhookDelivery delivery, DateTimeOffset now, CancellationToken ct) =>
        await _deliveries.TryReplaceAsync(delivery with { ClaimedUntil = now + _options.ClaimWindow }, ct).ConfigureAwait(false);

    // Makes the attempt(s) of a claimed delivery, records them and schedules what follows. True if the endpoint got disabled.
    private async Task<bool> AttemptAsync(WebhookDelivery delivery, WebhookEndpoint endpoint, DeliveryOutcome outcome, CancellationToken ct,
        bool hasScheduleEntry = true)
    {
        var records = new List<AttemptRecord>();
        var roundAttempts = delivery.RoundAttempts;
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        Uri? uri = null;
        WebhookException? refusal = null;
        try
        {
            uri = _policy.Parse(endpoint.Url);
            WebhookMessage.Guard(delivery.Body);
        }
        catch (WebhookException e)
        {
            refusal = e;
        }

        string kind;
        TimeSpan? nextDelay = null;
        DateTimeOffset? firstFailure = null;
        while (true)
        {
            var now = _clock.GetUtcNow();
            AttemptRecord attempt;
            if (refusal is not null)
            {
                attempt = new AttemptRecord(delivery.Attempts + records.Count + 1, delivery.Round, now, null, 0, "refused", refusal.Message, null, null);
                kind = "refused";
            }
            else
            {
                var timestamp = now.ToUnixTimeSeconds();
                var signature = WebhookSignature.Header(_endpoints.SigningSecrets(endpoint, now), delivery.WebhookId, timestamp, body);
                var sent = await _sender.SendAsync(uri!, delivery.WebhookId, timestamp, signature, body, ct).ConfigureAwait(false);
                kind = sent.StatusCode switch
                {
                    >= 200 and < 300 => "delivered",
                    410 => "gone",
                    _ => sent.Refused ? "refused" : "failed",
                };
                var retryAfter = sent.StatusCode is 429 or 503 ? RetryAfter.Parse(sent.RetryAfterHeader, now) : null;
                var error = sent.Error ?? (sent.StatusCode is >= 300 and < 400 ? $"HTTP {sent.StatusCode}: redirects are not followed" : kind == "delivered" ? null : $"HTTP {sent.StatusCode}");
                attempt = new AttemptRecord(delivery.Attempts + records.Count + 1, delivery.Round, now, sent.StatusCode, (long)sent.Latency.TotalMilliseconds,
                    kind, error, sent.ResponseExcerpt, retryAfter?.TotalSeconds);
                if (kind is "failed" or "refused") nextDelay = _schedule.NextDelay(roundAttempts + 1, retryAfter);
                firstFailure ??= kind == "delivered" ? null : now;
            }
            records.Add(attempt);
            roundAttempts++;
            _log($"webhook {delivery.Id} attempt {attempt.Number} (round {delivery.Round}): {kind}" +
                 (attempt.StatusCode is { } code ? $" HTTP {code}" : "") + $" in {attempt.LatencyMs} ms" + (attempt.Error is { } err && attempt.StatusCode is null ? $" ({err})" : ""));
            // The 5 s retry happens here, in the same invocation, unless the receiver asked for longer.
            if (kind is "failed" or "refused" && refusal is null && records.Count == 1 && nextDelay is { } wait && wait <= _options.InlineRetryLimit)
            {
                await Task.Delay(wait, _timers, ct).ConfigureAwait(false);
                continue;
            }
            break;
        }
        outcome.Attempted(refusal is null ? records.Count : 0);

        var done = _clock.GetUtcNow();
        var last = records[^1];
        var status = kind switch
        {
            "delivered" => DeliveryStatus.Delivered,
            "gone" => DeliveryStatus.Failed,
            _ when refusal is not null || nextDelay is null => DeliveryStatus.Failed,
            _ => DeliveryStatus.Pending,
        };
        var reason = status switch
        {
            DeliveryStatus.Failed when kind == "gone" => "the endpoint answered 410 Gone and was disabled",
            DeliveryStatus.Failed when refusal is not null => refusal.Message,
            DeliveryStatus.Failed => $"all {roundAttempts} attempts of round {delivery.Round} failed (last: {last.Error})",
            _ => null,
        };
        var updated = delivery with
        {
            Status = status,
            Reason = reason,
            NextAttemptTicks = status == DeliveryStatus.Pending ? (done + nextDelay!.Value).UtcTicks : null,
            Attempts = delivery.Attempts + records.Count,
            RoundAttempts = roundAttempts,
            ClaimedUntil = null,
            DeliveredAt = status == DeliveryStatus.Delivered ? last.At : delivery.DeliveredAt,
            CompletedAt = status == DeliveryStatus.Pending ? null : done,
            LastStatusCode = last.StatusCode,
            LastError = last.Error,
            AttemptLog = [.. delivery.AttemptLog.Concat(records).TakeLast(_options.AttemptLogSize)],
        };
        if (status == DeliveryStatus.Pending) await _queue.EnsureAsync(updated, ct).ConfigureAwait(false);
        if (await _deliveries.TryReplaceAsync(updated, ct).ConfigureAwait(false) is null)
        {
            // Our claim ran out and another worker took the delivery over; its record wins.
            _log($"webhook {delivery.Id}: claim lost, result of attempt {last.Number} not recorded");
            return false;
        }
        if (hasScheduleEntry && delivery.NextAttemptTicks is { } old && old != updated.NextAttemptTicks)
            await _queue.RemoveAsync(delivery.EndpointId, delivery.EventId, old, ct).ConfigureAwait(false);
        outcome.Finished(status);
        if (status == DeliveryStatus.Pending) _log($"webhook {delivery.Id}: next attempt at {updated.NextAttemptAt:O}");

        return await UpdateHealthAsync(endpoint, kind, refusal is not null, firstFailure, last.StatusCode, outcome, ct).ConfigureAwait(false);
    }

    // 410 disables at once; otherwise the failure clock runs from the first failure after a success.
    private async Task<bool> UpdateHealthAsync(WebhookEndpoint endpoint, string kind, bool bodyRefused, DateTimeOffset? firstFailure, int? lastStatus,
        DeliveryOutcome outcome, CancellationToken ct)
    {
        if (kind == "delivered")
        {
            if (endpoint.FailingSince is not null) await _endpoints.MarkHealthyAsync(endpoint.Id, ct).ConfigureAwait(false);
            return false;
        }
        if (bodyRefused) return false; // our refusal says nothing about the endpoint
        EventDispatch? dispatch = null;
        if (kind == "gone")
        {
            dispatch = await _endpoints.DisableAutomaticallyAsync(endpoint.Id, DisableCause.Gone, "the endpoint answered 410 Gone", 410, ct).ConfigureAwait(false);
        }
        else
        {
            var current = endpoint.FailingSince is null && firstFailure is { } at
                ? await _endpoints.MarkFailingAsync(endpoint.Id, at, ct).ConfigureAwait(false)
                : endpoint;
            if (current.FailingSince is { } since && _clock.GetUtcNow() - since >= _options.DisableAfterFailingFor)
                dispatch = await _endpoints.DisableAutomaticallyAsync(endpoint.Id, DisableCause.Failing,
                    $"every attempt failed since {WebhookMessage.Iso(since)}", lastStatus, ct).ConfigureAwait(false);
        }
        if (dispatch is null) return false;
        _log($"endpoint {endpoint.Id} disabled ({(kind == "gone" ? "410 Gone" : "failing")}); event {dispatch.EventId} recorded");
        outcome.Emit(dispatch);
        return true;
    }
}
