using Azure;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// One event for one endpoint (table <c>WebhookDeliveries</c>: partition = endpoint id, row = event id, so a
/// redelivered or duplicated dispatch finds the same record and never makes a second delivery). Its
/// <see cref="WebhookId"/> is the event id: stable across retries and replays.
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>The endpoint.</summary>
    public required string EndpointId { get; init; }

    /// <summary>The event (and the <c>webhook-id</c>).</summary>
    public required string EventId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>The event's subject (<c>member/…</c>).</summary>
    public required string Subject { get; init; }

    /// <summary>The event's per-subject sequence.</summary>
    public long Sequence { get; init; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event data as stored by the producer (with <c>…Blob</c> paths), kept to re-mint links on replay.</summary>
    public required string EventData { get; init; }

    /// <summary>The exact body sent (links minted when the round started); empty until a round starts.</summary>
    public string Body { get; init; } = "";

    /// <summary>Where it stands.</summary>
    public DeliveryStatus Status { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Reason { get; init; }

    /// <summary>When the record was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next attempt is due (pending only); its schedule entry is keyed by these ticks.</summary>
    public long? NextAttemptTicks { get; init; }

    /// <summary>Attempts over all rounds.</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts in the current round (the retry schedule restarts with each replay).</summary>
    public int RoundAttempts { get; init; }

    /// <summary>1 for the first delivery, +1 per replay or resend.</summary>
    public int Round { get; init; } = 1;

    /// <summary>An attempt in progress holds the delivery until then.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>When a 2xx arrived.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When it reached delivered, failed or skipped.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The last attempt's HTTP status, if any.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>The last attempt's error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>The most recent attempts (status, latency, truncated response), oldest first.</summary>
    public IReadOnlyList<AttemptRecord> AttemptLog { get; init; } = [];

    /// <summary>The stored version.</summary>
    public ETag ETag { get; init; }

    /// <summary>The delivery id ops use: <c>{endpointId}.{eventId}</c>.</summary>
    public string Id => $"{EndpointId}.{EventId}";

    /// <summary>The <c>webhook-id</c> header: the event id.</summary>
    public string WebhookId => EventId;

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset? NextAttemptAt => NextAttemptTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Splits a delivery id into endpoint and event ids.</summary>
    public static bool TryParseId(string id, out string endpointId, out string eventId)
    {
        var dot = id.IndexOf('.');
        endpointId = dot > 0 ? id[..dot] : "";
        eventId = dot > 0 ? id[(dot + 1)..] : "";
        return endpointId.Length > 0 && eventId.Length > 0 && !eventId.Contains('.');
    }
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Attempts are scheduled.</summary>
    Pending,

    /// <summary>A 2xx arrived.</summary>
    Delivered,

    /// <summary>The round's attempts ran out, the endpoint answered 410, or the body was refused.</summary>
    Failed,

    /// <summary>The endpoint was disabled when the event happened or came due (replay after enabling sends it).</summary>
    Skipped,
}

/// <summary>One attempt, as logged in the delivery record.</summary>
/// <param name="Number">1-based over all rounds.</param>
/// <param name="Round">The round it belongs to.</param>
/// <param name="At">When it was sent (its <c>webhook-timestamp</c>).</param>
/// <param name="StatusCode">HTTP status, or null when no response arrived.</param>
/// <param name="LatencyMs">Time to the response headers (or to the failure).</param>
/// <param name="Outcome"><c>delivered</c>, <c>failed</c>, <c>gone</c> or <c>refused</c>.</param>
/// <param name="Error">What went wrong, never a secret.</param>
/// <param name="Response">The response body, truncated to 1 KiB.</param>
/// <param name="RetryAfterSeconds">The Retry-After the receiver asked for, if any.</param>
public sealed record AttemptRecord(int Number, int Round, DateTimeOffset At, int? StatusCode, long LatencyMs, string Outcome,
    string? Error, string? Response, double? RetryAfterSeconds);
