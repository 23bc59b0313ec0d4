using System.Text.Json;
using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// The record that an operation (a registration row, a notice version, a certificate request…) was applied
/// to a member: row <c>op-{hash}</c> in the member's partition, created in the same transaction as the change.
/// A redelivered message finds it, changes nothing, and re-sends exactly the outputs recorded here (the
/// dispatches of the events it committed and the follow-up messages).
/// </summary>
public sealed class MemberOperation : ITableEntity
{
    /// <summary>Row key prefix.</summary>
    public const string RowKeyPrefix = "op-";

    /// <summary>The member id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><c>op-{hash of the operation id}</c>.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The operation id, e.g. <c>reg:{submissionId}:{row}</c>, <c>notice:{memberId}:v2</c>.</summary>
    public string OperationId { get; set; } = "";

    /// <summary>The step that applied it (RegisterMember, GenerateNotice, IssueCertificate, …).</summary>
    public string Step { get; set; } = "";

    /// <summary>When it was applied.</summary>
    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>What it did, in a word (registered, updated, unchanged, withdrawn, issued, not_required, …).</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The outputs it produced (JSON of <see cref="StepOutputs"/>).</summary>
    public string Outputs { get; set; } = "{}";

    /// <summary>The row key of an operation id.</summary>
    public static string KeyFor(string operationId) => RowKeyPrefix + MemberIds.KeyHash(operationId);

    /// <summary>The outputs recorded.</summary>
    public StepOutputs ReadOutputs() => JsonSerializer.Deserialize<StepOutputs>(Outputs, StepOutputs.Json) ?? new StepOutputs();
}
