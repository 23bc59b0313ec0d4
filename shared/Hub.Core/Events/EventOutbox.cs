using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Events;

/// <summary>
/// The transactional outbox: an event is stored as an entity in the SAME table partition and the SAME
/// entity-group transaction as the state change it reports (e.g. the member's partition of
/// <c>Members</c>), so a crash can neither lose nor invent it. After the commit, the function emits a
/// <see cref="EventDispatch"/> message to <c>webhook-delivery</c>; if that is lost, the trigger's retry
/// re-runs the (idempotent) step, which finds the events already committed and emits their dispatches
/// again. Deliveries dedupe by event id and endpoint.
/// </summary>
public static class EventOutbox
{
    /// <summary>Row key prefix of event entities.</summary>
    public const string RowKeyPrefix = "evt-";

    /// <summary>The row key of event <paramref name="sequence"/> (sorts by sequence).</summary>
    public static string RowKey(long sequence) => $"{RowKeyPrefix}{sequence:D10}";

    /// <summary>The transaction action that stores <paramref name="e"/> in <paramref name="partitionKey"/> (create-only).</summary>
    public static TableTransactionAction Append(string partitionKey, HubEvent e) =>
        new(TableTransactionActionType.Add, ToEntity(partitionKey, e));

    /// <summary>The entity for an event.</summary>
    public static TableEntity ToEntity(string partitionKey, HubEvent e) => new(partitionKey, RowKey(e.Sequence))
    {
        ["EventId"] = e.Id,
        ["Type"] = e.Type,
        ["Subject"] = e.Subject,
        ["Sequence"] = e.Sequence,
        ["OccurredAt"] = e.OccurredAt,
        ["Data"] = e.Data.ToJsonString(),
    };

    /// <summary>Reads an event entity back.</summary>
    public static HubEvent FromEntity(TableEntity entity) => new(
        entity.GetString("EventId")!,
        entity.GetString("Type")!,
        entity.GetString("Subject")!,
        entity.GetInt64("Sequence") ?? 0,
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        JsonNode.Parse(entity.GetString("Data") ?? "{}")!.AsObject());

    /// <summary>The dispatch message for a stored event.</summary>
    public static EventDispatch Dispatch(string table, string partitionKey, HubEvent e) =>
        new(table, partitionKey, RowKey(e.Sequence), e.Id, e.Type);

    /// <summary>Loads the event a dispatch points at (null if it does not exist).</summary>
    public static async Task<HubEvent?> LoadAsync(TableClient table, EventDispatch dispatch, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(dispatch.PartitionKey, dispatch.EventRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }
}

/// <summary>
/// The <c>webhook-delivery</c> message: where an outbox event is stored. Field names avoid the
/// Service Bus binding-data keys (MessageId, Subject, …) because the host promotes body fields into
/// trigger metadata and would overwrite them.
/// </summary>
/// <param name="Table">Table holding the event.</param>
/// <param name="PartitionKey">Its partition.</param>
/// <param name="EventRowKey">Its row key.</param>
/// <param name="EventId">The event id.</param>
/// <param name="EventType">The event type.</param>
public sealed record EventDispatch(string Table, string PartitionKey, string EventRowKey, string EventId, string EventType);
