using Hub.Core.Security;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.Staging;

/// <summary>
/// Stages accepted rows as <see cref="StagedRow"/> entities (partition = submission id) in transactions of 100, a few
/// in flight at once. A retry upserts (replace), so it rewrites the same rows instead of duplicating them; the first
/// attempt inserts (<paramref name="firstAttempt"/>), which costs the table one lookup less per row and fails loudly
/// (409, then a retry that upserts) if a concurrent invocation of the same upload got there first. The My Number is
/// stored only encrypted (<see cref="MyNumberProtector.Protect"/>) and as its keyed hash.
/// </summary>
/// <remarks>
/// Throughput is the table's, not ours (encryption, hashing and the record JSON cost ~15 µs a row): every row of a
/// submission shares one partition, which Azure Table storage serves at ~2,000 entities/s, and in which Azurite's
/// in-memory store scans the whole partition on each insert (so a long file slows down as it is staged). Spreading a
/// submission's rows over several partitions would lift both, but the partition is the registration step's contract
/// (it reads rows by submission id and row number).
/// </remarks>
public sealed class StagingWriter(TableClient table, string submissionId, MyNumberProtector protector, DateTimeOffset stagedAt, int parallelism, bool firstAttempt = false)
{
    /// <summary>Entities per transaction (the table service's limit).</summary>
    public const int BatchSize = 100;

    private readonly List<Task> _inFlight = [];
    private List<TableTransactionAction> _batch = new(BatchSize);

    /// <summary>Rows staged (or in flight).</summary>
    public int Count { get; private set; }

    /// <summary>Adds an accepted row; waits only when <c>parallelism</c> transactions are already in flight.</summary>
    public async ValueTask AddAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        var staged = record.MyNumber is { } number
            ? StagedRow.Create(submissionId, record, protector.Protect(number), protector.IndexHash(number), stagedAt)
            : StagedRow.Create(submissionId, record, null, null, stagedAt);
        _batch.Add(new TableTransactionAction(firstAttempt ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, staged));
        Count++;
        if (_batch.Count == BatchSize) await SubmitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits what is left and waits for every transaction; throws the first failure.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count > 0) await SubmitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        _inFlight.Clear();
    }

    private async Task SubmitAsync(CancellationToken cancellationToken)
    {
        var batch = _batch;
        _batch = new List<TableTransactionAction>(BatchSize);
        _inFlight.Add(table.SubmitTransactionAsync(batch, cancellationToken));
        if (_inFlight.Count < parallelism) return;
        var done = await Task.WhenAny(_inFlight).ConfigureAwait(false);
        _inFlight.Remove(done);
        await done.ConfigureAwait(false); // surfaces a failure now rather than at the end
    }
}
