namespace Hub.Storage.Tables;

/// <summary>Reads which action made an entity-group transaction fail.</summary>
public static class TableTransactionFailure
{
    internal const string FailedActionIndexKey = "FailedTransactionActionIndex";

    /// <summary>
    /// The zero-based index of the action that made the transaction fail, or null if <paramref name="exception"/>
    /// did not come from <see cref="TableClient.SubmitTransactionAsync"/> or the service did not say.
    /// Nothing of a failed transaction was applied.
    /// </summary>
    public static int? GetFailedTransactionActionIndex(this StorageRequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[FailedActionIndexKey] is int index ? index : null;
    }
}
