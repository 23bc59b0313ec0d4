namespace Hub.Storage.Tables;

/// <summary>A table in the account.</summary>
/// <param name="Name">The table name.</param>
public sealed record TableItem(string Name);

/// <summary>How an update or upsert treats properties the sent entity does not have.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the sent properties are written (HTTP PATCH / MERGE).</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the sent one (HTTP PUT).</summary>
    Replace,
}
