using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Blobs;

/// <summary>One blob container. Mirrors <c>Azure.Storage.Blobs.BlobContainerClient</c>.</summary>
public class BlobContainerClient
{
    private readonly BlobServiceClient _service;

    /// <summary>Creates a client for one container from a connection string.</summary>
    public BlobContainerClient(string connectionString, string blobContainerName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), blobContainerName, options)
    {
    }

    /// <summary>Creates a client for one container of a resolved connection.</summary>
    public BlobContainerClient(StorageConnection connection, string blobContainerName, StorageClientOptions? options = null)
        : this(new BlobServiceClient(connection, options), blobContainerName)
    {
    }

    /// <summary>
    /// Creates a client from a container URL carrying a SAS, e.g. an employer's upload URL
    /// (<c>https://account.blob.core.windows.net/submissions?sv=...&amp;sig=...</c>). No account key is needed or held.
    /// </summary>
    /// <exception cref="ArgumentException">The URL names no container or carries no SAS.</exception>
    public BlobContainerClient(Uri blobContainerUri, StorageClientOptions? options = null)
        : this(FromSasUri(blobContainerUri, options), ContainerOf(blobContainerUri))
    {
    }

    internal BlobContainerClient(Uri uri, string name, BlobServiceClient service)
    {
        Uri = uri;
        Name = name;
        _service = service;
    }

    private BlobContainerClient(BlobServiceClient service, string name)
        : this(StorageHttp.AppendPath(service.Uri, name), name, service)
    {
    }

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
        Uri = null!;
        Name = null!;
        _service = null!;
    }

    /// <summary>The container name.</summary>
    public virtual string Name { get; }

    /// <summary>The container URL (without any SAS).</summary>
    public virtual Uri Uri { get; }

    /// <summary>The storage account name.</summary>
    public virtual string AccountName => _service.AccountName;

    /// <summary>Whether this client holds an account key and so can sign SAS URLs.</summary>
    public virtual bool CanGenerateSasUri => _service.CanGenerateSasUri;

    /// <summary>Whether this client authenticates with Microsoft Entra ID and so can sign user delegation SAS URLs.</summary>
    public virtual bool CanGenerateUserDelegationSasUri => _service.CanGenerateUserDelegationSasUri;

    internal BlobServiceClient Service => _service;

    private HttpPipeline Pipeline => _service.Pipeline;

    /// <summary>Gets a client for one blob (no request is made). Names may contain '/' (virtual folders) and any Unicode.</summary>
    public virtual BlobClient GetBlobClient(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return new BlobClient(StorageHttp.AppendPath(Uri, blobName, keepSlashes: true), Name, blobName, _service);
    }

    /// <summary>Creates the container (private access); 409 <c>ContainerAlreadyExists</c> if it exists.</summary>
    public virtual async Task<Response<BlobContainerInfo>> CreateAsync(IDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(Uri, "restype=container"));
        message.Request.ApplyMetadata(metadata);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        return Response.FromValue(new BlobContainerInfo(info.ETag, info.LastModified), response);
    }

    /// <summary>Creates the container unless it exists. Returns null when it already existed.</summary>
    public virtual async Task<Response<BlobContainerInfo>?> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict && e.ErrorCode == "ContainerAlreadyExists")
        {
            return null;
        }
    }

    /// <summary>Deletes the container and every blob in it; 404 <c>ContainerNotFound</c> if it does not exist.</summary>
    /// <param name="conditions">Only <c>IfModifiedSince</c>/<c>IfUnmodifiedSince</c> apply to containers.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response> DeleteAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Delete, StorageHttp.WithQuery(Uri, "restype=container"));
        message.Request.ApplyConditions(conditions);
        return await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the container if it exists; true when it was deleted.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await DeleteAsync(conditions, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, response);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>Whether the container exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, properties.GetRawResponse());
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>Reads the container's ETag, last-modified time and metadata.</summary>
    public virtual async Task<Response<BlobContainerProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Head, StorageHttp.WithQuery(Uri, "restype=container"));
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        return Response.FromValue(new BlobContainerProperties(info.ETag, info.LastModified, BlobHeaders.ReadMetadata(response)), response);
    }

    /// <summary>Replaces the container's metadata (see <see cref="BlobMetadataEncoding"/>).</summary>
    public virtual async Task<Response<BlobContainerInfo>> SetMetadataAsync(IDictionary<string, string> metadata,
        RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var message = Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(Uri, "restype=container&comp=metadata"));
        message.Request.ApplyMetadata(metadata);
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        return Response.FromValue(new BlobContainerInfo(info.ETag, info.LastModified), response);
    }

    /// <summary>
    /// Lists blobs (flat) whose names start with <paramref name="prefix"/>, in name order, fetching pages lazily by
    /// continuation marker (the service returns at most 5,000 per page).
    /// </summary>
    /// <param name="traits">Whether to include metadata.</param>
    /// <param name="states">Whether to include snapshots.</param>
    /// <param name="prefix">Name prefix, e.g. <c>submissions/E001/</c>; null lists all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(BlobTraits traits = BlobTraits.None, BlobStates states = BlobStates.None,
        string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<BlobItem>(async (marker, pageSize, ct) =>
        {
            var (items, next, response) = await ListAsync(traits, states, prefix, null, marker, pageSize, ct).ConfigureAwait(false);
            return Page<BlobItem>.FromValues(items.Select(i => i.Blob!).ToList(), next, response);
        }, cancellationToken);

    /// <summary>
    /// Lists one level of the virtual folder tree: blobs directly under <paramref name="prefix"/> and the
    /// sub-folders (prefixes ending in <paramref name="delimiter"/>) below it.
    /// </summary>
    public virtual AsyncPageable<BlobHierarchyItem> GetBlobsByHierarchyAsync(BlobTraits traits = BlobTraits.None,
        BlobStates states = BlobStates.None, string delimiter = "/", string? prefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        return new ContinuationPageable<BlobHierarchyItem>(async (marker, pageSize, ct) =>
        {
            var (items, next, response) = await ListAsync(traits, states, prefix, delimiter, marker, pageSize, ct).ConfigureAwait(false);
            return Page<BlobHierarchyItem>.FromValues(items, next, response);
        }, cancellationToken);
    }

    /// <summary>
    /// A SAS URL for this container signed with the account key, e.g. <see cref="BlobContainerSasPermissions.Create"/> |
    /// <see cref="BlobContainerSasPermissions.Write"/> for an employer's upload folder. HTTPS-only when the endpoint is
    /// HTTPS; HTTP is allowed too only for an HTTP endpoint (Azurite).
    /// </summary>
    /// <exception cref="InvalidOperationException">The client has no account key (<see cref="CanGenerateSasUri"/> is false).</exception>
    public virtual Uri GenerateSasUri(BlobContainerSasPermissions permissions, DateTimeOffset expiresOn) =>
        GenerateSasUri(new BlobSasBuilder(permissions, expiresOn)
        {
            BlobContainerName = Name,
            Protocol = Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        });

    /// <summary>A SAS URL for this container from a prepared builder (its container must be this one and its blob empty).</summary>
    public virtual Uri GenerateSasUri(BlobSasBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = _service.SharedKey ?? throw BlobErrors.NoAccountKey();
        RequireThisContainer(builder);
        return new UriBuilder(Uri) { Query = builder.ToSasQueryParameters(key).ToString() }.Uri;
    }

    /// <summary>A user delegation SAS URL for this container, signed with <paramref name="userDelegationKey"/> (no account key needed).</summary>
    /// <exception cref="ArgumentException">The builder is not for this container, is incomplete, or outlives the key.</exception>
    public virtual Uri GenerateUserDelegationSasUri(BlobSasBuilder builder, UserDelegationKey userDelegationKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireThisContainer(builder);
        return new UriBuilder(Uri) { Query = builder.ToSasQueryParameters(userDelegationKey, AccountName).ToString() }.Uri;
    }

    /// <summary>
    /// A SAS URL for this container signed with the account key when the client has one, else with a cached user
    /// delegation key (the expiry is then at most the key's, see <see cref="BlobServiceClient.GenerateSasQueryParametersAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The client authenticates with a SAS and has nothing to sign with.</exception>
    public virtual Task<Uri> GenerateSasUriAsync(BlobContainerSasPermissions permissions, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        GenerateSasUriAsync(new BlobSasBuilder(permissions, expiresOn)
        {
            BlobContainerName = Name,
            Protocol = Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        }, cancellationToken);

    /// <summary>A SAS URL for this container from a prepared builder, signed as in <see cref="GenerateSasUriAsync(BlobContainerSasPermissions, DateTimeOffset, CancellationToken)"/>.</summary>
    public virtual async Task<Uri> GenerateSasUriAsync(BlobSasBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireThisContainer(builder);
        var sas = await _service.GenerateSasQueryParametersAsync(builder, cancellationToken).ConfigureAwait(false);
        return new UriBuilder(Uri) { Query = sas.ToString() }.Uri;
    }

    /// <summary>The service client this container client was made from (shares its credential and user delegation keys).</summary>
    public virtual BlobServiceClient GetParentBlobServiceClient() => _service;

    private void RequireThisContainer(BlobSasBuilder builder)
    {
        if (builder.BlobContainerName != Name || !string.IsNullOrEmpty(builder.BlobName))
            throw BlobErrors.InvalidSas($"The builder is for '{builder.BlobContainerName}/{builder.BlobName}', not container '{Name}'.",
                $"ビルダーの対象 '{builder.BlobContainerName}/{builder.BlobName}' がコンテナー '{Name}' と一致しません。", nameof(builder));
    }

    private async Task<(List<BlobHierarchyItem> Items, string? Next, Response Response)> ListAsync(BlobTraits traits, BlobStates states,
        string? prefix, string? delimiter, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        var query = "restype=container&comp=list";
        if (!string.IsNullOrEmpty(prefix)) query += "&prefix=" + Uri.EscapeDataString(prefix);
        if (!string.IsNullOrEmpty(delimiter)) query += "&delimiter=" + Uri.EscapeDataString(delimiter);
        if (!string.IsNullOrEmpty(marker)) query += "&marker=" + Uri.EscapeDataString(marker);
        if (pageSize is > 0) query += "&maxresults=" + pageSize;
        var include = new List<string>();
        if (traits.HasFlag(BlobTraits.Metadata)) include.Add("metadata");
        if (states.HasFlag(BlobStates.Snapshots)) include.Add("snapshots");
        if (include.Count > 0) query += "&include=" + Uri.EscapeDataString(string.Join(',', include));
        using var message = Pipeline.CreateMessage(RequestMethod.Get, StorageHttp.WithQuery(Uri, query));
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var (items, next) = BlobListingXml.ParseBlobs(response.ContentStream!);
        return (items, next, response);
    }

    private static BlobServiceClient FromSasUri(Uri uri, StorageClientOptions? options)
    {
        var parts = BlobUriParts.Parse(uri);
        return new BlobServiceClient(parts.ServiceUri, parts.ToSasConnection(), options);
    }

    private static string ContainerOf(Uri uri) =>
        BlobUriParts.Parse(uri).ContainerName ?? throw new ArgumentException("The URL names no container.", nameof(uri));
}
