using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Submissions;

/// <summary>
/// An accepted row waiting for (or done with) registration, in table <c>StagedRows</c>: partition =
/// submission id, row key = row number (D7). The normalised record is stored as JSON WITHOUT the My
/// Number; the My Number is stored only encrypted (<see cref="ProtectedMyNumber"/>) and as its keyed
/// hash (<see cref="MyNumberHash"/>), so the table never holds it in clear.
/// </summary>
public sealed class StagedRow : ITableEntity
{
    /// <summary>The submission id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The row number, zero-padded to 7 digits.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The employer code of the upload folder.</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>The normalised record as JSON, My Number removed.</summary>
    public string Record { get; set; } = "";

    /// <summary>The My Number encrypted with <c>MyNumberProtector</c>, or null when the row has none.</summary>
    public string? ProtectedMyNumber { get; set; }

    /// <summary>The keyed hash of the My Number (uniqueness lookups), or null.</summary>
    public string? MyNumberHash { get; set; }

    /// <summary>Where the row is: Staged, Registered, Rejected.</summary>
    public string Status { get; set; } = StagedRowStatus.Staged;

    /// <summary>The member the row was registered as (once registered).</summary>
    public string? MemberId { get; set; }

    /// <summary>Why registration refused it (stable error code), if it did.</summary>
    public string? RejectionCode { get; set; }

    /// <summary>When the row was staged.</summary>
    public DateTimeOffset StagedAt { get; set; }

    /// <summary>The row number.</summary>
    public int RowNumber => int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The row key for a row number.</summary>
    public static string KeyFor(int rowNumber) => rowNumber.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a staged row from an accepted record; the caller supplies the ciphertext and hash.</summary>
    public static StagedRow Create(string submissionId, SubmissionRecord record, string? protectedMyNumber, string? myNumberHash, DateTimeOffset now) => new()
    {
        PartitionKey = submissionId,
        RowKey = KeyFor(record.RowNumber),
        EmployerCode = record.EmployerCode,
        Record = JsonSerializer.Serialize(record with { MyNumber = null }, RecordJson),
        ProtectedMyNumber = protectedMyNumber,
        MyNumberHash = myNumberHash,
        StagedAt = now,
    };

    /// <summary>The record (its <c>MyNumber</c> is null: reveal <see cref="ProtectedMyNumber"/> when needed).</summary>
    public SubmissionRecord ReadRecord() =>
        JsonSerializer.Deserialize<SubmissionRecord>(Record, RecordJson) ?? throw new InvalidDataException($"Staged row {PartitionKey}/{RowKey} has no record.");

    private static readonly JsonSerializerOptions RecordJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Staged row statuses.</summary>
public static class StagedRowStatus
{
    /// <summary>Accepted by validation, waiting for registration.</summary>
    public const string Staged = "Staged";

    /// <summary>Registered as a member.</summary>
    public const string Registered = "Registered";

    /// <summary>Refused by registration (e.g. MYNUMBER_BELONGS_TO_OTHER_MEMBER).</summary>
    public const string Rejected = "Rejected";
}

/// <summary>
/// The <c>member-registration</c> message: which staged row to register. It carries no personal data.
/// <see cref="OperationId"/> (<c>{submissionId}:{row}</c>) is the idempotency key: a redelivered or
/// duplicated message is recognised by it. Field names avoid Service Bus binding-data keys.
/// </summary>
/// <param name="SubmissionId">The submission (staged row partition).</param>
/// <param name="RowNumber">The row.</param>
/// <param name="EmployerCode">The employer.</param>
public sealed record RegistrationRequest(string SubmissionId, int RowNumber, string EmployerCode)
{
    /// <summary>The idempotency key of this registration.</summary>
    public string OperationId => $"{SubmissionId}:{RowNumber}";
}
