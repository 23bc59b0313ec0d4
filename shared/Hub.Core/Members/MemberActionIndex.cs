using System.Globalization;
using Azure;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// Members indexed by their next action date for the reminder sweeps: table <c>ActionIndex</c>, partition =
/// the date (<c>yyyyMMdd</c>), row = member id. A day's work is then a range query over partitions up to
/// that day. The entry for the new date is written before the member change commits and the old one removed
/// after, so the member is never missing from the index; an entry is current only while
/// <see cref="Member.NextActionDate"/> equals its date (sweeps skip and delete stale entries).
/// </summary>
public sealed class MemberActionIndex(HubStorage storage)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.ActionIndex);

    /// <summary>The partition key of a date.</summary>
    public static string PartitionFor(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Adds (or keeps) the entry of a member under <paramref name="date"/>.</summary>
    public Task AddAsync(DateOnly date, string memberId, string employerCode, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new ActionIndexEntry { PartitionKey = PartitionFor(date), RowKey = memberId, EmployerCode = employerCode },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Removes the entry of a member under <paramref name="date"/> (no error when absent).</summary>
    public Task RemoveAsync(DateOnly date, string memberId, CancellationToken cancellationToken = default) =>
        _table.DeleteEntityAsync(PartitionFor(date), memberId, cancellationToken: cancellationToken);

    /// <summary>The members indexed under <paramref name="date"/>.</summary>
    public async Task<IReadOnlyList<ActionIndexEntry>> OnAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        var list = new List<ActionIndexEntry>();
        await foreach (var e in _table.QueryAsync<ActionIndexEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionFor(date)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(e);
        return list;
    }
}

/// <summary>One member under one action date.</summary>
public sealed class ActionIndexEntry : ITableEntity
{
    /// <summary>The date, <c>yyyyMMdd</c>.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The member id.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The member's employer (for per-employer outboxes).</summary>
    public string EmployerCode { get; set; } = "";
}
