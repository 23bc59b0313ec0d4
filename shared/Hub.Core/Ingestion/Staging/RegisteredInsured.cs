using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.Staging;

/// <summary>
/// Which insured persons of an employer are registered, for UNKNOWN_INSURED (validation itself does no I/O): read
/// from the employer's roster (<see cref="InsuredRoster"/>) between the two passes — one point read per employee id
/// of a small file, or one scan of the roster partition for a large one. A reference that gives a 被保険者番号 must
/// match the registered one.
/// </summary>
public static class RegisteredInsured
{
    private const int ParallelReads = 16;

    /// <summary>Loads the lookup for <paramref name="employeeIds"/> (null: every insured person of the employer).</summary>
    public static async Task<Func<InsuredReference, bool>> LoadAsync(HubStorage storage, string employerCode, IReadOnlyCollection<string>? employeeIds,
        CancellationToken cancellationToken)
    {
        // Roster row key (hash of the employee id) → 番号 without leading zeros.
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (employeeIds is not null)
        {
            var roster = new InsuredRoster(storage);
            var found = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(employeeIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
                async (id, ct) =>
                {
                    if (await roster.FindAsync(employerCode, id, ct).ConfigureAwait(false) is { } entry)
                        found[entry.RowKey] = InsuredRoster.Canonical(entry.InsuredNumber);
                }).ConfigureAwait(false);
            foreach (var (key, number) in found) numbers[key] = number;
        }
        else
        {
            var table = storage.Table(HubStorage.Tables.Counters);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {InsuredRoster.PartitionFor(employerCode)} and RowKey ge {"emp-"} and RowKey lt {"emp."}");
            await foreach (var entry in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "InsuredNumber"], cancellationToken: cancellationToken).ConfigureAwait(false))
                numbers[entry.RowKey] = InsuredRoster.Canonical(entry.GetString("InsuredNumber") ?? "");
        }

        return reference =>
            numbers.TryGetValue(RosterEntry.KeyFor(reference.EmployeeId), out var number)
            && (reference.InsuredNumber is null || InsuredRoster.Canonical(reference.InsuredNumber) == number);
    }
}
