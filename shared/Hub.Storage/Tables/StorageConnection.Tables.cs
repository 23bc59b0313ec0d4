namespace Hub.Storage;

public sealed partial class StorageConnection
{
    /// <summary>Builds a Table service client for this connection.</summary>
    /// <exception cref="InvalidOperationException">The connection has no table endpoint.</exception>
    public Tables.TableServiceClient CreateTableServiceClient(StorageClientOptions? options = null) =>
        new(TableEndpoint is null ? throw new InvalidOperationException("The storage connection has no table endpoint.") : this, options);
}
