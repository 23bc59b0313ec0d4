using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Webhooks.Delivery;

/// <summary>Delivery records in table <c>WebhookDeliveries</c> (partition = endpoint id, row = event id); writes are ETag-conditional.</summary>
public sealed class DeliveryStore(HubStorage storage)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.WebhookDeliveries);

    /// <summary>
    /// Creates the record unless one exists for the same event and endpoint; returns the stored record and
    /// whether this call created it. This is what makes deliveries idempotent across redelivered dispatches.
    /// </summary>
    public async Task<(WebhookDelivery Delivery, bool Created)> CreateOrGetAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(delivery), cancellationToken).ConfigureAwait(false);
            return (delivery with { ETag = response.Headers.ETag ?? default }, true);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict)
        {
            return (await GetAsync(delivery.EndpointId, delivery.EventId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("A delivery conflicted on create but cannot be read."), false);
        }
    }

    /// <summary>A delivery, or null.</summary>
    public async Task<WebhookDelivery?> GetAsync(string endpointId, string eventId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(endpointId, eventId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>A delivery by its id (<c>{endpointId}.{eventId}</c>).</summary>
    /// <exception cref="WebhookException">Malformed id or no such delivery.</exception>
    public async Task<WebhookDelivery> GetAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        var found = WebhookDelivery.TryParseId(deliveryId, out var endpointId, out var eventId)
            ? await GetAsync(endpointId, eventId, cancellationToken).ConfigureAwait(false)
            : null;
        return found ?? throw new WebhookException(WebhookErrorCodes.DeliveryNotFound,
            $"No webhook delivery '{deliveryId}' (ids look like ep_….evt_…).", $"Webhook 配信 '{deliveryId}' はありません（ID の形式は ep_….evt_…）。");
    }

    /// <summary>Writes a changed record if it is still the version read; returns it with its new ETag, or null if someone else changed it.</summary>
    public async Task<WebhookDelivery?> TryReplaceAsync(WebhookDelivery updated, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(updated), updated.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return updated with { ETag = response.Headers.ETag ?? default };
        }
        catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Deliveries, optionally of one endpoint, one status, or events since a time.</summary>
    public async IAsyncEnumerable<WebhookDelivery> QueryAsync(string? endpointId = null, DeliveryStatus? status = null, DateTimeOffset? occurredSince = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clauses = new List<string>();
        if (endpointId is not null) clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {endpointId}"));
        if (status is { } s) clauses.Add(TableClient.CreateQueryFilter($"Status eq {StatusText(s)}"));
        if (occurredSince is { } since) clauses.Add(TableClient.CreateQueryFilter($"OccurredAt ge {since}"));
        var filter = clauses.Count == 0 ? null : string.Join(" and ", clauses);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return FromEntity(entity);
    }

    /// <summary>The stored name of a status.</summary>
    public static string StatusText(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    private static TableEntity ToEntity(WebhookDelivery d) => new(d.EndpointId, d.EventId)
    {
        ["EventType"] = d.EventType,
        ["Subject"] = d.Subject,
        ["Sequence"] = d.Sequence,
        ["OccurredAt"] = d.OccurredAt,
        ["EventData"] = d.EventData,
        ["Body"] = d.Body,
        ["Status"] = StatusText(d.Status),
        ["Reason"] = d.Reason,
        ["CreatedAt"] = d.CreatedAt,
        ["NextAttemptTicks"] = d.NextAttemptTicks,
        ["NextAttemptAt"] = d.NextAttemptAt,
        ["Attempts"] = d.Attempts,
        ["RoundAttempts"] = d.RoundAttempts,
        ["Round"] = d.Round,
        ["ClaimedUntil"] = d.ClaimedUntil,
        ["DeliveredAt"] = d.DeliveredAt,
        ["CompletedAt"] = d.CompletedAt,
        ["LastStatusCode"] = d.LastStatusCode,
        ["LastError"] = d.LastError,
        ["AttemptLog"] = SerializeLog(d.AttemptLog),
    };

    private static WebhookDelivery FromEntity(TableEntity t) => new()
    {
        EndpointId = t.PartitionKey,
        EventId = t.RowKey,
        EventType = t.GetString("EventType") ?? "",
        Subject = t.GetString("Subject") ?? "",
        Sequence = t.GetInt64("Sequence") ?? 0,
        OccurredAt = t.GetDateTimeOffset("OccurredAt") ?? default,
        EventData = t.GetString("EventData") ?? "{}",
        Body = t.GetString("Body") ?? "",
        Status = Enum.TryParse<DeliveryStatus>(t.GetString("Status"), ignoreCase: true, out var s) ? s : DeliveryStatus.Pending,
        Reason = t.GetString("Reason"),
        CreatedAt = t.GetDateTimeOffset("CreatedAt") ?? default,
        NextAttemptTicks = t.GetInt64("NextAttemptTicks"),
        Attempts = t.GetInt32("Attempts") ?? 0,
        RoundAttempts = t.GetInt32("RoundAttempts") ?? 0,
        Round = t.GetInt32("Round") ?? 1,
        ClaimedUntil = t.GetDateTimeOffset("ClaimedUntil"),
        DeliveredAt = t.GetDateTimeOffset("DeliveredAt"),
        CompletedAt = t.GetDateTimeOffset("CompletedAt"),
        LastStatusCode = t.GetInt32("LastStatusCode"),
        LastError = t.GetString("LastError"),
        AttemptLog = JsonSerializer.Deserialize<List<AttemptRecord>>(t.GetString("AttemptLog") ?? "[]", Json) ?? [],
        ETag = t.ETag,
    };

    // Keeps the newest attempts that fit one Table string property.
    private static string SerializeLog(IReadOnlyList<AttemptRecord> log)
    {
        var kept = log.ToList();
        while (true)
        {
            var text = JsonSerializer.Serialize(kept, Json);
            if (text.Length <= 30_000 || kept.Count == 0) return text;
            kept.RemoveAt(0);
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
