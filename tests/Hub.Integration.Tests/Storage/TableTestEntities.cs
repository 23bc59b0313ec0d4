using System.Runtime.Serialization;
using Azure;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Storage;

/// <summary>A membership status, stored by name.</summary>
public enum TestMemberStatus
{
    Pending,
    Active,
    Lapsed,
}

/// <summary>A typed entity using every supported property type.</summary>
public sealed class TestMemberEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Name { get; set; }
    public int Age { get; set; }
    public long Counter { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset EnrolledOn { get; set; } = new(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));
    public DateTime UpdatedUtc { get; set; } = new(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
    public Guid Id { get; set; }
    public byte[]? Photo { get; set; }
    public BinaryData? Attachment { get; set; }
    public double Score { get; set; }
    public TestMemberStatus Status { get; set; }
    public DateOnly BirthDate { get; set; }
    public int? OptionalInt { get; set; }
    public long? OptionalLong { get; set; }
    public Guid? OptionalGuid { get; set; }

    [DataMember(Name = "Kana")]
    public string? NameKana { get; set; }

    [IgnoreDataMember]
    public object? NotStored { get; set; }

    /// <summary>Read-only: not mapped.</summary>
    public string Display => $"{Name} ({Age})";
}

/// <summary>A small typed entity.</summary>
public sealed class TestNoteEntity : ITableEntity
{
    public TestNoteEntity()
    {
    }

    public TestNoteEntity(string partitionKey, string rowKey, string? text = null)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
        Text = text;
    }

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Text { get; set; }
    public int Version { get; set; }
}
