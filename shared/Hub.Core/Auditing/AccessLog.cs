using Azure;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Auditing;

/// <summary>
/// The record of every access to a decrypted My Number (特定個人情報の取扱記録): table <c>AccessLog</c>,
/// one partition per Japan-time day, newest first.
/// </summary>
public sealed class AccessLog(HubStorage storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.AccessLog);

    /// <summary>Records one access.</summary>
    public async Task RecordAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var entity = new TableEntity(DayKey(now), ReverseTicks(now) + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["Subject"] = access.Subject,
            ["Actor"] = access.Actor,
            ["Purpose"] = access.Purpose,
            ["InvocationId"] = access.InvocationId,
            ["AccessedAt"] = now,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accesses recorded on a Japan-time day, newest first.</summary>
    public AsyncPageable<TableEntity> ReadDayAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {day.ToString("yyyyMMdd")}"), cancellationToken: cancellationToken);

    internal static string DayKey(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(9)).ToString("yyyyMMdd");

    internal static string ReverseTicks(DateTimeOffset time) => (DateTimeOffset.MaxValue.Ticks - time.UtcTicks).ToString("D19");
}
