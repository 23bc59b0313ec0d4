using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Safety;
using Hub.Webhooks.Signing;

namespace Hub.Webhooks.Endpoints;

/// <summary>
/// Endpoints in table <c>WebhookEndpoints</c>: partition = endpoint id, row <c>endpoint</c> for the endpoint and
/// <c>evt-…</c> rows for its own outbox events (<c>endpoint.disabled</c>), written in the same transaction as
/// the change. Every read-modify-write is conditional on the ETag.
/// </summary>
public sealed class EndpointStore
{
    /// <summary>The row key of the endpoint entity.</summary>
    public const string EndpointRowKey = "endpoint";

    private readonly TableClient _table;
    private readonly Lazy<SecretProtector> _protector;
    private readonly EndpointUrlPolicy _policy;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store.</summary>
    /// <remarks>The protector is created on first use, so verbs and functions that never touch a secret do not need its key.</remarks>
    public EndpointStore(HubStorage storage, Func<SecretProtector> protector, EndpointUrlPolicy policy, TimeProvider clock)
    {
        _table = storage.Table(HubStorage.Tables.WebhookEndpoints);
        _protector = new Lazy<SecretProtector>(protector);
        _policy = policy;
        _clock = clock;
    }

    /// <summary>Adds an endpoint after checking its URL; returns it with its secret (shown to the owner once).</summary>
    public async Task<(WebhookEndpoint Endpoint, WebhookSecret Secret)> AddAsync(string url, EventTypeFilter filter, string? description = null,
        WebhookSecret? secret = null, CancellationToken cancellationToken = default)
    {
        var uri = await _policy.ValidateAsync(url, cancellationToken).ConfigureAwait(false);
        secret ??= WebhookSecret.Generate();
        var now = _clock.GetUtcNow();
        var id = "ep_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var endpoint = new WebhookEndpoint
        {
            Id = id,
            Url = uri.AbsoluteUri,
            Description = description ?? "",
            Filter = filter,
            CreatedAt = now,
            Secrets = [new EndpointSecret("s1", _protector.Value.Protect(secret, id, "s1"), now, null)],
        };
        await _table.AddEntityAsync(ToEntity(endpoint), cancellationToken).ConfigureAwait(false);
        return (await GetAsync(id, cancellationToken).ConfigureAwait(false), secret);
    }

    /// <summary>An endpoint by id.</summary>
    /// <exception cref="WebhookException">No such endpoint.</exception>
    public async Task<WebhookEndpoint> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new WebhookException(WebhookErrorCodes.EndpointNotFound, $"No webhook endpoint '{id}'.", $"Webhook エンドポイント '{id}' はありません。");

    /// <summary>An endpoint by id, or null.</summary>
    public async Task<WebhookEndpoint?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsEndpointId(id)) return null;
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, EndpointRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Every endpoint, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<WebhookEndpoint>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {EndpointRowKey}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(FromEntity(entity));
        return list.OrderBy(e => e.CreatedAt).ToList();
    }

    /// <summary>Disables an endpoint by an operator's decision (no event: ops know).</summary>
    public Task<WebhookEndpoint> DisableAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        ModifyAsync(id, e => e.Enabled ? e with { Enabled = false, DisabledAt = _clock.GetUtcNow(), DisabledBy = DisableCause.Operator, DisabledReason = reason } : null,
            cancellationToken);

    /// <summary>Enables an endpoint again (its failure clock restarts).</summary>
    public Task<WebhookEndpoint> EnableAsync(string id, CancellationToken cancellationToken = default) =>
        ModifyAsync(id, e => e.Enabled ? null : e with { Enabled = true, FailingSince = null }, cancellationToken);

    /// <summary>
    /// Adds a new secret; the ones active now keep signing for <paramref name="grace"/> (receivers switch
    /// meanwhile: the signature header carries one signature per active secret). Returns the new secret.
    /// </summary>
    public async Task<(WebhookEndpoint Endpoint, WebhookSecret Secret)> RotateSecretAsync(string id, TimeSpan grace, WebhookSecret? secret = null,
        CancellationToken cancellationToken = default)
    {
        secret ??= WebhookSecret.Generate();
        var endpoint = await ModifyAsync(id, e =>
        {
            var now = _clock.GetUtcNow();
            var end = now + grace;
            var next = e.Secrets.Select(s => int.TryParse(s.Id.AsSpan(1), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            var secretId = "s" + next;
            // Secrets that already stopped signing are dropped; active ones end at now + grace at the latest.
            var kept = e.Secrets.Where(s => s.IsActive(now))
                .Select(s => s.ExpiresAt is { } x && x <= end ? s : s with { ExpiresAt = end });
            return e with { Secrets = [new EndpointSecret(secretId, _protector.Value.Protect(secret, e.Id, secretId), now, null), .. kept] };
        }, cancellationToken).ConfigureAwait(false);
        return (endpoint, secret);
    }

    /// <summary>The decrypted secrets that sign at <paramref name="now"/>, newest first.</summary>
    public IReadOnlyList<WebhookSecret> SigningSecrets(WebhookEndpoint endpoint, DateTimeOffset now) =>
        endpoint.ActiveSecrets(now).Select(s => _protector.Value.Unprotect(s.Ciphertext, endpoint.Id, s.Id)).ToList();

    /// <summary>Records the first failure since the last success (no write if already failing).</summary>
    public async Task<WebhookEndpoint> MarkFailingAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ModifyAsync(id, e => e.FailingSince is null ? e with { FailingSince = at } : null, cancellationToken).ConfigureAwait(false);

    /// <summary>Clears the failure clock after a success (no write if healthy).</summary>
    public async Task<WebhookEndpoint> MarkHealthyAsync(string id, CancellationToken cancellationToken = default) =>
        await ModifyAsync(id, e => e.FailingSince is null ? null : e with { FailingSince = null }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Disables an endpoint automatically (410, or failing too long) and records an <c>endpoint.disabled</c>
    /// event in the same transaction. Returns the dispatch to emit, or null if it was already disabled.
    /// </summary>
    public async Task<EventDispatch?> DisableAutomaticallyAsync(string id, DisableCause cause, string reason, int? lastStatusCode,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var endpoint = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (!endpoint.Enabled) return null;
            var now = _clock.GetUtcNow();
            var sequence = endpoint.EventSequence + 1;
            var subject = $"endpoint/{id}";
            var data = new JsonObject
            {
                ["endpointId"] = id,
                ["url"] = endpoint.Url,
                ["reason"] = cause == DisableCause.Gone ? "gone" : "failing",
                ["detail"] = reason,
                ["disabledAt"] = WebhookMessage.Iso(now),
                ["failingSince"] = endpoint.FailingSince is { } since ? WebhookMessage.Iso(since) : null,
                ["lastStatusCode"] = lastStatusCode,
            };
            var e = new HubEvent(HubEvent.DeterministicId(subject, EventTypes.EndpointDisabled, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), EventTypes.EndpointDisabled,
                subject, sequence, now, data);
            var updated = endpoint with
            {
                Enabled = false, DisabledAt = now, DisabledBy = cause, DisabledReason = reason, EventSequence = sequence,
                DisabledEventRowKey = EventOutbox.RowKey(sequence), DisabledEventDispatched = false,
            };
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(updated), endpoint.ETag),
                    EventOutbox.Append(id, e),
                ], cancellationToken).ConfigureAwait(false);
                return EventOutbox.Dispatch(HubStorage.Tables.WebhookEndpoints, id, e);
            }
            catch (StorageRequestFailedException ex) when ((ex.IsPreconditionFailed || ex.IsConflict) && attempt < 5)
            {
                // Someone changed the endpoint meanwhile: read again and decide again.
            }
        }
    }

    /// <summary>Notes that DeliverWebhooks processed the endpoint's disable event (stops the relay re-dispatching it).</summary>
    public async Task MarkDisabledEventDispatchedAsync(string id, string eventRowKey, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } endpoint || endpoint.DisabledEventRowKey != eventRowKey) return;
        await ModifyAsync(id, e => e.DisabledEventRowKey == eventRowKey && !e.DisabledEventDispatched ? e with { DisabledEventDispatched = true } : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Dispatches for disable events written more than <paramref name="olderThan"/> ago that DeliverWebhooks has
    /// not processed (the output message was lost): the outbox relay.
    /// </summary>
    public async Task<IReadOnlyList<EventDispatch>> UndispatchedDisableEventsAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        var result = new List<EventDispatch>();
        foreach (var endpoint in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (endpoint.DisabledEventRowKey is not { } rowKey || endpoint.DisabledEventDispatched || endpoint.DisabledAt > now - olderThan) continue;
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(endpoint.Id, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (stored.HasValue) result.Add(EventOutbox.Dispatch(HubStorage.Tables.WebhookEndpoints, endpoint.Id, EventOutbox.FromEntity(stored.Value!)));
        }
        return result;
    }

    /// <summary>Whether <paramref name="id"/> has the form of an endpoint id.</summary>
    public static bool IsEndpointId(string id) =>
        id.Length == 19 && id.StartsWith("ep_", StringComparison.Ordinal) && id.AsSpan(3).ContainsAnyExcept("0123456789abcdef") is false;

    // Reads, applies the change (null = nothing to do), writes with the ETag; re-reads on a conflict.
    private async Task<WebhookEndpoint> ModifyAsync(string id, Func<WebhookEndpoint, WebhookEndpoint?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var endpoint = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (change(endpoint) is not { } updated) return endpoint;
            try
            {
                var response = await _table.UpdateEntityAsync(ToEntity(updated), endpoint.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return updated with { ETag = response.Headers.ETag ?? default };
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed && attempt < 5)
            {
            }
        }
    }

    private static TableEntity ToEntity(WebhookEndpoint e) => new(e.Id, EndpointRowKey)
    {
        ["Url"] = e.Url,
        ["Description"] = e.Description,
        ["EventTypes"] = e.Filter.ToString(),
        ["Enabled"] = e.Enabled,
        ["CreatedAt"] = e.CreatedAt,
        ["DisabledAt"] = e.DisabledAt,
        ["DisabledBy"] = e.DisabledBy?.ToString(),
        ["DisabledReason"] = e.DisabledReason,
        ["FailingSince"] = e.FailingSince,
        ["Secrets"] = JsonSerializer.Serialize(e.Secrets.Select(s => new SecretRecord(s.Id, s.Ciphertext, s.CreatedAt, s.ExpiresAt)).ToList(), Json),
        ["EventSequence"] = e.EventSequence,
        ["DisabledEventRowKey"] = e.DisabledEventRowKey,
        ["DisabledEventDispatched"] = e.DisabledEventDispatched,
    };

    private static WebhookEndpoint FromEntity(TableEntity t) => new()
    {
        Id = t.PartitionKey,
        Url = t.GetString("Url")!,
        Description = t.GetString("Description") ?? "",
        Filter = EventTypeFilter.Parse(t.GetString("EventTypes")),
        Enabled = t.GetBoolean("Enabled") ?? false,
        CreatedAt = t.GetDateTimeOffset("CreatedAt") ?? default,
        DisabledAt = t.GetDateTimeOffset("DisabledAt"),
        DisabledBy = Enum.TryParse<DisableCause>(t.GetString("DisabledBy"), out var cause) ? cause : null,
        DisabledReason = t.GetString("DisabledReason"),
        FailingSince = t.GetDateTimeOffset("FailingSince"),
        Secrets = (JsonSerializer.Deserialize<List<SecretRecord>>(t.GetString("Secrets") ?? "[]", Json) ?? [])
            .Select(s => new EndpointSecret(s.Id, s.Ciphertext, s.CreatedAt, s.ExpiresAt)).ToList(),
        EventSequence = t.GetInt64("EventSequence") ?? 0,
        DisabledEventRowKey = t.GetString("DisabledEventRowKey"),
        DisabledEventDispatched = t.GetBoolean("DisabledEventDispatched") ?? false,
        ETag = t.ETag,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record SecretRecord(string Id, string Ciphertext, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
}
