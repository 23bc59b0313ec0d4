using Azure;

namespace Hub.Webhooks.Endpoints;

/// <summary>An insurer endpoint subscribed to webhooks (table <c>WebhookEndpoints</c>, one partition per endpoint).</summary>
public sealed record WebhookEndpoint
{
    /// <summary><c>ep_</c> + 16 hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>Where messages are POSTed.</summary>
    public required string Url { get; init; }

    /// <summary>A note for ops (e.g. which insurer system).</summary>
    public string Description { get; init; } = "";

    /// <summary>The event types it receives.</summary>
    public required EventTypeFilter Filter { get; init; }

    /// <summary>Whether messages are sent.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last disabled.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Who or what disabled it.</summary>
    public DisableCause? DisabledBy { get; init; }

    /// <summary>Why (e.g. "410 Gone", "failing since 2026-11-16T…", or the operator's note).</summary>
    public string? DisabledReason { get; init; }

    /// <summary>The first failed attempt since the last success (null while healthy).</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Signing secrets (encrypted), newest first; rotation keeps the old one active for a grace period.</summary>
    public required IReadOnlyList<EndpointSecret> Secrets { get; init; }

    /// <summary>Sequence of the endpoint's own events (<c>endpoint.disabled</c>).</summary>
    public long EventSequence { get; init; }

    /// <summary>Row key of the last <c>endpoint.disabled</c> event in this partition.</summary>
    public string? DisabledEventRowKey { get; init; }

    /// <summary>Whether DeliverWebhooks has processed that event (else RetryWebhooks dispatches it again).</summary>
    public bool DisabledEventDispatched { get; init; }

    /// <summary>The stored version.</summary>
    public ETag ETag { get; init; }

    /// <summary>The secrets that sign now.</summary>
    public IEnumerable<EndpointSecret> ActiveSecrets(DateTimeOffset now) => Secrets.Where(s => s.IsActive(now));
}

/// <summary>One encrypted signing secret of an endpoint.</summary>
/// <param name="Id">Secret id (<c>s1</c>, <c>s2</c>, …), part of the encryption's associated data.</param>
/// <param name="Ciphertext">The secret encrypted by <see cref="SecretProtector"/>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops signing (set when a newer secret replaces it); null = active.</param>
public sealed record EndpointSecret(string Id, string Ciphertext, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether it signs at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => ExpiresAt is not { } end || end > now;
}

/// <summary>Why an endpoint was disabled.</summary>
public enum DisableCause
{
    /// <summary>By an operator (<c>./hub webhooks disable</c>).</summary>
    Operator,

    /// <summary>It answered 410 Gone.</summary>
    Gone,

    /// <summary>Every attempt failed for the configured period (5 days).</summary>
    Failing,
}
