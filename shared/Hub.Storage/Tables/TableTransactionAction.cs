using Azure;

namespace Hub.Storage.Tables;

/// <summary>What one action of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; the transaction fails if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (If-Match the action's ETag, or any version if none).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (If-Match the action's ETag, or any version if none).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (If-Match the action's ETag, or any version if none); fails if it does not exist.</summary>
    Delete,

    /// <summary>Insert, or merge into the existing entity.</summary>
    UpsertMerge,

    /// <summary>Insert, or replace the existing entity.</summary>
    UpsertReplace,
}

/// <summary>One action of an entity-group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
/// <param name="ActionType">What to do.</param>
/// <param name="Entity">The entity (for <see cref="TableTransactionActionType.Delete"/> only its keys matter).</param>
/// <param name="ETag">For updates and deletes, the version the entity must still have; default means any version.
/// Ignored for adds and upserts.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default);
