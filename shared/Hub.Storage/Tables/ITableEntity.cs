using Azure;

namespace Hub.Storage.Tables;

/// <summary>
/// A table entity: the keys and system properties every entity has. Implement it on a class with public
/// get/set properties for typed (POCO) entities, or use <see cref="TableEntity"/> for a dictionary entity.
/// Mirrors <c>Azure.Data.Tables.ITableEntity</c>.
/// </summary>
/// <remarks>
/// Typed entities map every public get/set property (skip one with <c>[IgnoreDataMember]</c>, rename it with
/// <c>[DataMember(Name = "…")]</c>). Property types, also nullable: string; int (Edm.Int32); long (Edm.Int64);
/// bool; double (Edm.Double); DateTimeOffset and DateTime (Edm.DateTime, stored as UTC with 100 ns precision; a
/// DateTime of unspecified kind is refused, DateTime reads back with Kind Utc); Guid; byte[] and BinaryData
/// (Edm.Binary); DateOnly (the string "yyyy-MM-dd", so it sorts and filters as text); enums (their name, so
/// reordering members cannot change stored data; numbers written by other clients still read). Null values
/// are not stored; missing properties read as the property's default. The reflection runs once per type.
/// </remarks>
public interface ITableEntity
{
    /// <summary>The partition key (entities with the same one can be changed together in one transaction).</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last changed the entity (set by the service; ignored on writes).</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version, for optimistic concurrency (pass it as <c>ifMatch</c> to update or delete).</summary>
    ETag ETag { get; set; }
}
