using Azure;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Auditing;

/// <summary>
/// What happened to a submission or member, for ops and for the insurer's inquiries (table <c>AuditLog</c>,
/// one partition per subject, oldest first). Entries carry ids and reasons, never personal data.
/// </summary>
public sealed class AuditLog(HubStorage storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.AuditLog);

    /// <summary>Appends an entry, e.g. ("submission:S1", "disposed", "raw upload deleted after fan-out", "IngestSubmission").</summary>
    public async Task RecordAsync(string subject, string action, string detail, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var entity = new TableEntity(subject, now.UtcTicks.ToString("D19") + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["Action"] = action,
            ["Detail"] = detail,
            ["Actor"] = actor,
            ["At"] = now,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A subject's entries, oldest first.</summary>
    public AsyncPageable<TableEntity> ReadAsync(string subject, CancellationToken cancellationToken = default) =>
        _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}"), cancellationToken: cancellationToken);
}
