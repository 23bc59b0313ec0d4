using System.Globalization;
using Azure;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Members;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// Per-employer 番号 (被保険者番号) assignment and the employer's roster of insured persons, in table
/// <c>Counters</c>, partition <c>ins-{employerCode}</c>:
/// <list type="bullet">
/// <item><c>counter</c>: the last number reserved (ETag-guarded increment by <see cref="BlockSize"/>: each process
/// reserves a block and hands its numbers out in turn, so concurrent enrolments do not all contend for one
/// entity; the rest of a block is skipped if the process stops, so 番号 are unique and stable, in order, but
/// not necessarily gap-free);</item>
/// <item><c>emp-{hash of 社員番号}</c>: the employee's 番号 and member id (stable once given, so a redelivery
/// finds it);</item>
/// <item><c>num-{番号}</c>: who holds a number (numbers given by employers and by the counter never collide);</item>
/// <item><c>wait-{hash of 社員番号}</c>: the dependant rows waiting for that insured person, whose row is in the
/// same submission but not registered yet (one entity, so the insured person's registration needs one point read);</item>
/// <item><c>rej-{hash of 社員番号}-{hash of submission}</c>: the insured person's row of that submission was rejected.</item>
/// </list>
/// The number and the roster entry are written in one transaction.
/// </summary>
public sealed class InsuredRoster(HubStorage storage)
{
    /// <summary>How many numbers a process reserves from the counter at a time.</summary>
    public const int BlockSize = 10;

    private const string CounterKey = "counter";
    private readonly TableClient _table = storage.Table(HubStorage.Tables.Counters);

    // Per employer: the block of numbers this process reserved, handed out in turn.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    /// <summary>The partition of an employer.</summary>
    public static string PartitionFor(string employerCode) => "ins-" + employerCode;

    /// <summary>The roster entry of an employee, or null.</summary>
    public async Task<RosterEntry?> FindAsync(string employerCode, string employeeId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<RosterEntry>(PartitionFor(employerCode), RosterEntry.KeyFor(employeeId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// The employee's 番号: the one on record, else <paramref name="requested"/> (a number the employer gives on
    /// enrolment) if nobody holds it, else the next number from the employer's counter.
    /// </summary>
    /// <returns>The number, or a rejection (INSURED_NUMBER_TAKEN, INSURED_NUMBER_MISMATCH).</returns>
    public async Task<(string? Number, RegistrationRejection? Rejection)> AssignAsync(
        string employerCode, string employeeId, string memberId, string? requested, int width, CancellationToken cancellationToken = default)
    {
        var partition = PartitionFor(employerCode);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(employerCode, employeeId, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                return requested is not null && Canonical(requested) != Canonical(entry.InsuredNumber)
                    ? (null, RegistrationRejections.InsuredNumberMismatch(entry.InsuredNumber))
                    : (entry.InsuredNumber, null);
            }

            string canonical;
            if (requested is not null)
            {
                canonical = Canonical(requested);
                var holder = await _table.GetEntityIfExistsAsync<NumberEntry>(partition, NumberEntry.KeyFor(canonical), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (holder.HasValue && holder.Value!.EmployeeKey != RosterEntry.KeyFor(employeeId))
                    return (null, RegistrationRejections.InsuredNumberTaken(requested));
            }
            else
            {
                canonical = Canonical(await NextFromCounterAsync(employerCode, cancellationToken).ConfigureAwait(false));
            }

            var number = Format(canonical, width);
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new NumberEntry
                    {
                        PartitionKey = partition, RowKey = NumberEntry.KeyFor(canonical), EmployeeKey = RosterEntry.KeyFor(employeeId), MemberId = memberId,
                    }),
                    new TableTransactionAction(TableTransactionActionType.Add, new RosterEntry
                    {
                        PartitionKey = partition, RowKey = RosterEntry.KeyFor(employeeId), InsuredNumber = number, MemberId = memberId,
                    }),
                ], cancellationToken).ConfigureAwait(false);
                return (number, null);
            }
            catch (StorageRequestFailedException e) when (e.IsConflict && attempt < ConcurrencyRetry.MaxAttempts * 4)
            {
                // The number was given by an employer (take the next), or the employee got one meanwhile (found above),
                // or a racing request took the requested number (refused above).
            }
        }
    }

    /// <summary>The next number of this process's block, reserving a new block from the counter when it is spent.</summary>
    private async Task<long> NextFromCounterAsync(string employerCode, CancellationToken cancellationToken)
    {
        var block = _blocks.GetOrAdd(employerCode, _ => new Block());
        await block.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (block.Next > block.Last)
            {
                var partition = PartitionFor(employerCode);
                var last = await ConcurrencyRetry.RunAsync(async () =>
                {
                    var counter = await _table.GetEntityIfExistsAsync<CounterEntity>(partition, CounterKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                    var reserved = new CounterEntity { PartitionKey = partition, RowKey = CounterKey, Value = (counter.HasValue ? counter.Value!.Value : 0) + BlockSize };
                    if (counter.HasValue) await _table.UpdateEntityAsync(reserved, counter.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    else await _table.AddEntityAsync(reserved, cancellationToken).ConfigureAwait(false);
                    return reserved.Value;
                }, cancellationToken).ConfigureAwait(false);
                (block.Next, block.Last) = (last - BlockSize + 1, last);
            }
            return block.Next++;
        }
        finally
        {
            block.Turn.Release();
        }
    }

    /// <summary>Records that a dependant row waits for its insured person to be registered.</summary>
    public Task WaitForInsuredAsync(string employerCode, string insuredEmployeeId, RegistrationRequest request, CancellationToken cancellationToken = default) =>
        ChangeWaitingAsync(employerCode, insuredEmployeeId, list => { if (!list.Contains(request)) list.Add(request); }, cancellationToken);

    /// <summary>Removes a dependant row from the waiting list (no error when it is not there).</summary>
    public Task StopWaitingAsync(string employerCode, string insuredEmployeeId, RegistrationRequest request, CancellationToken cancellationToken = default) =>
        ChangeWaitingAsync(employerCode, insuredEmployeeId, list => list.Remove(request), cancellationToken);

    /// <summary>The dependant rows waiting for an insured person (one point read: asked on every insured registration).</summary>
    public async Task<IReadOnlyList<RegistrationRequest>> WaitingForAsync(string employerCode, string insuredEmployeeId, CancellationToken cancellationToken = default)
    {
        var read = await _table.GetEntityIfExistsAsync<WaitingList>(PartitionFor(employerCode), WaitingList.KeyFor(insuredEmployeeId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return read.HasValue ? read.Value!.Read() : [];
    }

    private Task ChangeWaitingAsync(string employerCode, string insuredEmployeeId, Action<List<RegistrationRequest>> change, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(async () =>
        {
            var partition = PartitionFor(employerCode);
            var key = WaitingList.KeyFor(insuredEmployeeId);
            var read = await _table.GetEntityIfExistsAsync<WaitingList>(partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            var list = read.HasValue ? read.Value!.Read().ToList() : [];
            var before = list.Count;
            change(list);
            if (list.Count == before && (list.Count > 0 || !read.HasValue)) return true; // nothing to change
            if (list.Count == 0)
            {
                await _table.DeleteEntityAsync(partition, key, read.Value!.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            var updated = new WaitingList { PartitionKey = partition, RowKey = key, Requests = System.Text.Json.JsonSerializer.Serialize(list, WaitingList.Json) };
            if (read.HasValue) await _table.UpdateEntityAsync(updated, read.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            else await _table.AddEntityAsync(updated, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Records that an insured person's row of a submission was rejected (dependants of that submission then stop waiting).</summary>
    public Task RecordInsuredRejectionAsync(string employerCode, string employeeId, string submissionId, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(new TableEntity(PartitionFor(employerCode), RejectionKey(employeeId, submissionId)) { ["SubmissionId"] = submissionId },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Whether the insured person's row of <paramref name="submissionId"/> was rejected.</summary>
    public async Task<bool> InsuredRejectedAsync(string employerCode, string employeeId, string submissionId, CancellationToken cancellationToken = default) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(PartitionFor(employerCode), RejectionKey(employeeId, submissionId), cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue;

    private static string RejectionKey(string employeeId, string submissionId) =>
        $"rej-{MemberIds.KeyHash(employeeId)}-{MemberIds.KeyHash(submissionId)}";

    /// <summary>A 番号 without leading zeros (how rows give it), for comparison.</summary>
    public static string Canonical(string number)
    {
        var trimmed = number.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static string Canonical(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Printed zero-padded to the insurer's width (a longer number given by an employer is kept as is).
    private static string Format(string canonical, int width) => canonical.Length >= width ? canonical : canonical.PadLeft(width, '0');

    private sealed class CounterEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public long Value { get; set; }
    }

    private sealed class Block
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public long Next { get; set; } = 1;

        public long Last { get; set; }
    }

    private sealed class NumberEntry : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string EmployeeKey { get; set; } = "";
        public string MemberId { get; set; } = "";

        public static string KeyFor(string canonical) => "num-" + canonical;
    }

    private sealed class WaitingList : ITableEntity
    {
        public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Requests { get; set; } = "[]";

        public static string KeyFor(string employeeId) => $"wait-{MemberIds.KeyHash(employeeId)}";

        public IReadOnlyList<RegistrationRequest> Read() => System.Text.Json.JsonSerializer.Deserialize<List<RegistrationRequest>>(Requests, Json) ?? [];
    }
}

/// <summary>An insured person on an employer's roster: the 番号 given and the member id.</summary>
public sealed class RosterEntry : ITableEntity
{
    /// <summary><c>ins-{employerCode}</c>.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><c>emp-{hash of 社員番号}</c> (社員番号 may hold characters table keys cannot).</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The printed 番号.</summary>
    public string InsuredNumber { get; set; } = "";

    /// <summary>The insured person's member id.</summary>
    public string MemberId { get; set; } = "";

    /// <summary>The row key of an employee.</summary>
    public static string KeyFor(string employeeId) => "emp-" + MemberIds.KeyHash(employeeId);
}
