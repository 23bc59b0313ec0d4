using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>Reads members and commits <see cref="MemberChangeSet"/>s (table <c>Members</c>).</summary>
public sealed class MemberStore(HubStorage storage)
{
    /// <summary>The table.</summary>
    public TableClient Table { get; } = storage.Table(HubStorage.Tables.Members);

    /// <summary>A member, or null.</summary>
    public async Task<Member?> FindAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<Member>(memberId, Member.EntityRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The record of an operation applied to a member, or null.</summary>
    public async Task<MemberOperation?> FindOperationAsync(string memberId, string operationId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<MemberOperation>(memberId, MemberOperation.KeyFor(operationId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The member's timeline, oldest first.</summary>
    public Task<List<MemberTimelineEntry>> TimelineAsync(string memberId, CancellationToken cancellationToken = default) =>
        RangeAsync<MemberTimelineEntry>(memberId, MemberTimelineEntry.RowKeyPrefix, cancellationToken);

    /// <summary>The member's outbox events, by sequence.</summary>
    public async Task<List<HubEvent>> EventsAsync(string memberId, CancellationToken cancellationToken = default) =>
        (await RangeAsync<TableEntity>(memberId, EventOutbox.RowKeyPrefix, cancellationToken).ConfigureAwait(false)).Select(EventOutbox.FromEntity).ToList();

    /// <summary>The operations applied to the member.</summary>
    public Task<List<MemberOperation>> OperationsAsync(string memberId, CancellationToken cancellationToken = default) =>
        RangeAsync<MemberOperation>(memberId, MemberOperation.RowKeyPrefix, cancellationToken);

    /// <summary>Every member, optionally of one employer (a scan: for ops tools and local runs, not for the pipeline).</summary>
    public async IAsyncEnumerable<Member> ListAsync(string? employerCode = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = employerCode is null
            ? TableClient.CreateQueryFilter($"RowKey eq {Member.EntityRowKey}")
            : TableClient.CreateQueryFilter($"RowKey eq {Member.EntityRowKey} and EmployerCode eq {employerCode}");
        await foreach (var m in Table.QueryAsync<Member>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return m;
    }

    /// <summary>
    /// Commits the change set in one entity-group transaction: the member (created, or replaced if its ETag is
    /// unchanged), the operation record, timeline entries and outbox events. A lost race throws
    /// <see cref="Hub.Storage.StorageRequestFailedException"/> (412/409) and nothing is written.
    /// </summary>
    /// <returns>The outputs to send (dispatches of the committed events and the follow-up messages).</returns>
    public async Task<StepOutputs> CommitAsync(MemberChangeSet changes, CancellationToken cancellationToken = default)
    {
        var actions = changes.BuildActions();
        await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return changes.Outputs;
    }

    private async Task<List<T>> RangeAsync<T>(string memberId, string prefix, CancellationToken cancellationToken) where T : class, ITableEntity, new()
    {
        var list = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {memberId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        await foreach (var e in Table.QueryAsync<T>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(e);
        return list;
    }
}
