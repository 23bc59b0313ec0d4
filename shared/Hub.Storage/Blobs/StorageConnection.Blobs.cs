namespace Hub.Storage;

public sealed partial class StorageConnection
{
    /// <summary>Builds a Blob service client for this connection.</summary>
    /// <exception cref="InvalidOperationException">The connection has no blob endpoint.</exception>
    public Blobs.BlobServiceClient CreateBlobServiceClient(StorageClientOptions? options = null) =>
        new(Require(BlobEndpoint, "blob"), this, options);
}
