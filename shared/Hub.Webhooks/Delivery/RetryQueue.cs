using System.Globalization;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// Due attempts indexed by time (table <c>WebhookSchedule</c>): partition = the due hour (<c>yyyyMMddHH</c>, UTC),
/// row = <c>{due ticks:D19}.{endpointId}.{eventId}</c>, so "everything due by now" is one range query over
/// sorted keys. An entry is only a pointer: it is acted on only if the delivery is still pending with exactly
/// this due time; anything else is stale and removed. So a crash between writes never loses a retry (the
/// entry is written before the delivery moves on) nor sends one twice (the delivery is claimed by ETag).
/// </summary>
public sealed class RetryQueue(HubStorage storage)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.WebhookSchedule);

    /// <summary>Makes sure a pending delivery's next attempt has its entry (idempotent).</summary>
    public async Task EnsureAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        if (delivery.NextAttemptTicks is not { } ticks) return;
        var entity = new TableEntity(Partition(ticks), Row(ticks, delivery.EndpointId, delivery.EventId))
        {
            ["EndpointId"] = delivery.EndpointId,
            ["EventId"] = delivery.EventId,
            ["DueAt"] = new DateTimeOffset(ticks, TimeSpan.Zero),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the entry for a due time (no error if it is gone).</summary>
    public Task RemoveAsync(string endpointId, string eventId, long ticks, CancellationToken cancellationToken = default) =>
        _table.DeleteEntityAsync(Partition(ticks), Row(ticks, endpointId, eventId), cancellationToken: cancellationToken);

    /// <summary>Entries due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<DueAttempt>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var ticks = now.UtcTicks;
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(ticks)} and RowKey lt {(ticks + 1).ToString("D19", CultureInfo.InvariantCulture)}");
        var list = new List<DueAttempt>();
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken)
                           .AsPages().ConfigureAwait(false))
        {
            foreach (var e in page.Values)
                if (long.TryParse(e.RowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var due))
                    list.Add(new DueAttempt(e.GetString("EndpointId")!, e.GetString("EventId")!, due));
            if (list.Count >= max) break;
        }
        return list;
    }

    /// <summary>How many entries are due by <paramref name="now"/> (for idleness checks), counting at most <paramref name="limit"/>.</summary>
    public async Task<int> CountDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        (await DueAsync(now, limit, cancellationToken).ConfigureAwait(false)).Count;

    private static string Partition(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string Row(long ticks, string endpointId, string eventId) =>
        $"{ticks.ToString("D19", CultureInfo.InvariantCulture)}.{endpointId}.{eventId}";
}

/// <summary>A due schedule entry.</summary>
/// <param name="EndpointId">The endpoint.</param>
/// <param name="EventId">The event.</param>
/// <param name="DueTicks">The due time (UTC ticks) the entry was written for.</param>
public sealed record DueAttempt(string EndpointId, string EventId, long DueTicks);
