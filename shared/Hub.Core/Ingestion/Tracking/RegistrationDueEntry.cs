using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Ingestion.Tracking;

/// <summary>
/// A submission whose registration result (登録結果) is not final yet, in the <c>Submissions</c> table's partition
/// <see cref="SubmissionStore.RegistrationDuePartition"/> (row key = submission id). Ingestion adds it for every
/// completed submission with accepted rows; CompleteSubmissions removes it once the final result is written. Reading
/// this one partition is how the timer finds its work without scanning every submission.
/// </summary>
public sealed class RegistrationDueEntry : ITableEntity
{
    /// <summary>Always <see cref="SubmissionStore.RegistrationDuePartition"/>.</summary>
    public string PartitionKey { get; set; } = SubmissionStore.RegistrationDuePartition;

    /// <summary>The submission id.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The employer.</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>When ingestion handed the rows to registration (the waiting time for pending rows counts from here).</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>
    /// The lowest row found still <c>Staged</c> by the last check (0: not checked yet). Rows only ever leave
    /// <c>Staged</c>, so the next check starts there instead of at the top of a long submission.
    /// </summary>
    public int FirstStagedRow { get; set; }

    /// <summary>The submission id.</summary>
    public string SubmissionId => RowKey;
}
