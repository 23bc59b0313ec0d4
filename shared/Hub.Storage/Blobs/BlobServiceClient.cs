using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Blobs;

/// <summary>The Blob service of one storage account. Mirrors <c>Azure.Storage.Blobs.BlobServiceClient</c>.</summary>
/// <example><code>
/// var service = StorageConnection.FromSettings("Storage", Environment.GetEnvironmentVariable).CreateBlobServiceClient();
/// var blob = service.GetBlobContainerClient("submissions").GetBlobClient("E001/社員名簿.csv");
/// </code></example>
public partial class BlobServiceClient
{
    /// <summary>Creates a client for a connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</summary>
    public BlobServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>Creates a client for a resolved connection.</summary>
    public BlobServiceClient(StorageConnection connection, StorageClientOptions? options = null)
        : this(connection?.BlobEndpoint ?? throw new ArgumentException("The connection has no blob endpoint.", nameof(connection)), connection, options)
    {
    }

    /// <summary>Creates a client for a service endpoint with a Microsoft Entra credential (managed identity in Azure).</summary>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StorageConnection.Create(serviceUri, null, null, tokenCredential: credential), options)
    {
    }

    /// <summary>Creates a client for a service endpoint with an account key.</summary>
    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(serviceUri, StorageConnection.Create(serviceUri, null, null, credential), options)
    {
    }

    internal BlobServiceClient(Uri serviceUri, StorageConnection connection, StorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        Uri = serviceUri;
        Options = options ?? new StorageClientOptions();
        SharedKey = connection.SharedKey;
        HasEntraCredential = SharedKey is null && connection.TokenCredential is not null;
        AccountName = SharedKey?.AccountName ?? BlobUriParts.Parse(serviceUri).AccountName;
        Pipeline = StoragePipeline.Build(connection, Options, StorageServiceKind.Blob);
    }

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
        Uri = null!;
        AccountName = null!;
        Options = null!;
        Pipeline = null!;
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; }

    /// <summary>The storage account name.</summary>
    public virtual string AccountName { get; }

    /// <summary>Whether this client holds an account key and so can sign SAS URLs.</summary>
    public virtual bool CanGenerateSasUri => SharedKey is not null;

    internal StorageClientOptions Options { get; }

    internal HttpPipeline Pipeline { get; }

    internal StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Gets a client for one container (no request is made).</summary>
    public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobContainerName);
        return new BlobContainerClient(StorageHttp.AppendPath(Uri, blobContainerName), blobContainerName, this);
    }

    /// <summary>Creates a container and returns its client; 409 <c>ContainerAlreadyExists</c> if it exists.</summary>
    public virtual async Task<Response<BlobContainerClient>> CreateBlobContainerAsync(string blobContainerName,
        IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var container = GetBlobContainerClient(blobContainerName);
        var response = await container.CreateAsync(metadata, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(container, response.GetRawResponse());
    }

    /// <summary>Deletes a container and its blobs; 404 <c>ContainerNotFound</c> if it does not exist.</summary>
    public virtual Task<Response> DeleteBlobContainerAsync(string blobContainerName, RequestConditions? conditions = null,
        CancellationToken cancellationToken = default) =>
        GetBlobContainerClient(blobContainerName).DeleteAsync(conditions, cancellationToken);

    /// <summary>Lists containers whose names start with <paramref name="prefix"/>, paged by continuation marker.</summary>
    /// <param name="traits">Whether to include metadata.</param>
    /// <param name="prefix">Name prefix; null lists all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual AsyncPageable<BlobContainerItem> GetBlobContainersAsync(BlobContainerTraits traits = BlobContainerTraits.None,
        string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<BlobContainerItem>(async (marker, pageSize, ct) =>
        {
            var query = "comp=list";
            if (!string.IsNullOrEmpty(prefix)) query += "&prefix=" + Uri.EscapeDataString(prefix);
            if (!string.IsNullOrEmpty(marker)) query += "&marker=" + Uri.EscapeDataString(marker);
            if (pageSize is > 0) query += "&maxresults=" + pageSize;
            if (traits.HasFlag(BlobContainerTraits.Metadata)) query += "&include=metadata";
            using var message = Pipeline.CreateMessage(RequestMethod.Get, StorageHttp.WithQuery(Uri, query));
            var response = await Pipeline.SendBlobRequestAsync(message, ct).ConfigureAwait(false);
            var (items, next) = BlobListingXml.ParseContainers(response.ContentStream!);
            return Page<BlobContainerItem>.FromValues(items, next, response);
        }, cancellationToken);
}
