using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Blobs;

/// <summary>
/// One block blob: upload (single put or staged blocks), streaming write, download, properties, metadata,
/// delete and read-only SAS links. Mirrors <c>Azure.Storage.Blobs.BlobClient</c>.
/// </summary>
/// <remarks>Service errors throw <see cref="StorageRequestFailedException"/> (e.g. 409 <c>BlobAlreadyExists</c>, 412 <c>ConditionNotMet</c>, 404 <c>BlobNotFound</c>).</remarks>
public partial class BlobClient
{
    private readonly BlobServiceClient _service;

    /// <summary>Creates a client for one blob from a connection string.</summary>
    public BlobClient(string connectionString, string blobContainerName, string blobName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), blobContainerName, blobName, options)
    {
    }

    /// <summary>Creates a client for one blob of a resolved connection.</summary>
    public BlobClient(StorageConnection connection, string blobContainerName, string blobName, StorageClientOptions? options = null)
        : this(new BlobServiceClient(connection, options), blobContainerName, blobName)
    {
    }

    /// <summary>
    /// Creates a client from a blob URL carrying a SAS (e.g. a read link from <see cref="GenerateSasUri(BlobSasPermissions, DateTimeOffset)"/>).
    /// No account key is needed or held.
    /// </summary>
    /// <exception cref="ArgumentException">The URL names no blob or carries no SAS.</exception>
    public BlobClient(Uri blobUri, StorageClientOptions? options = null)
        : this(FromSasUri(blobUri, options, out var container, out var blob), container, blob)
    {
    }

    internal BlobClient(Uri uri, string containerName, string name, BlobServiceClient service)
    {
        Uri = uri;
        BlobContainerName = containerName;
        Name = name;
        _service = service;
    }

    private BlobClient(BlobServiceClient service, string containerName, string name)
        : this(StorageHttp.AppendPath(StorageHttp.AppendPath(service.Uri, containerName), name, keepSlashes: true), containerName, name, service)
    {
    }

    /// <summary>For mocking.</summary>
    protected BlobClient()
    {
        Uri = null!;
        BlobContainerName = null!;
        Name = null!;
        _service = null!;
    }

    /// <summary>The blob name, e.g. <c>submissions/E001/社員名簿.csv</c>.</summary>
    public virtual string Name { get; }

    /// <summary>The container name.</summary>
    public virtual string BlobContainerName { get; }

    /// <summary>The blob URL (percent-encoded, without any SAS).</summary>
    public virtual Uri Uri { get; }

    /// <summary>The storage account name.</summary>
    public virtual string AccountName => _service.AccountName;

    /// <summary>Whether this client holds an account key and so can sign SAS URLs.</summary>
    public virtual bool CanGenerateSasUri => _service.CanGenerateSasUri;

    /// <summary>Whether this client authenticates with Microsoft Entra ID and so can sign user delegation SAS URLs.</summary>
    public virtual bool CanGenerateUserDelegationSasUri => _service.CanGenerateUserDelegationSasUri;

    internal HttpPipeline Pipeline => _service.Pipeline;

    /// <summary>Reads the blob's properties and decoded metadata (one HEAD request).</summary>
    public virtual async Task<Response<BlobProperties>> GetPropertiesAsync(RequestConditions? conditions = null,
        CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Head, Uri);
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadProperties(response), response);
    }

    /// <summary>Whether the blob exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await GetPropertiesAsync(null, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, properties.GetRawResponse());
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>
    /// Replaces all user metadata. Names must be ASCII C# identifiers; non-ASCII values are encoded as described
    /// in <see cref="BlobMetadataEncoding"/> and decoded again on read.
    /// </summary>
    /// <param name="metadata">The new metadata (empty clears it).</param>
    /// <param name="conditions">E.g. <c>IfMatch</c> with the ETag you read: 412 <c>ConditionNotMet</c> if the blob changed since.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">A metadata name is invalid.</exception>
    public virtual async Task<Response<BlobInfo>> SetMetadataAsync(IDictionary<string, string> metadata, RequestConditions? conditions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var message = Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(Uri, "comp=metadata"));
        message.Request.ApplyMetadata(metadata);
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadInfo(response), response);
    }

    /// <summary>
    /// Replaces the standard HTTP properties. Like the service, properties left null are cleared — including the
    /// stored MD5 unless <see cref="BlobHttpHeaders.ContentHash"/> is set (read the properties first to keep it).
    /// </summary>
    public virtual async Task<Response<BlobInfo>> SetHttpHeadersAsync(BlobHttpHeaders httpHeaders, RequestConditions? conditions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpHeaders);
        using var message = Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(Uri, "comp=properties"));
        message.Request.ApplyHttpHeaders(httpHeaders, null);
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadInfo(response), response);
    }

    /// <summary>Takes a read-only snapshot of the blob as it is now.</summary>
    public virtual async Task<Response<BlobSnapshotInfo>> CreateSnapshotAsync(IDictionary<string, string>? metadata = null,
        RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(Uri, "comp=snapshot"));
        message.Request.ApplyMetadata(metadata);
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        response.Headers.TryGetValue("x-ms-snapshot", out var snapshot);
        return Response.FromValue(new BlobSnapshotInfo(snapshot ?? string.Empty, info.ETag, info.LastModified), response);
    }

    /// <summary>Deletes the blob; 404 <c>BlobNotFound</c> if it does not exist.</summary>
    /// <param name="snapshotsOption">What to do with snapshots; a blob with snapshots needs <see cref="DeleteSnapshotsOption.IncludeSnapshots"/>.</param>
    /// <param name="conditions">E.g. <c>IfMatch</c>: delete only the version you read (412 otherwise).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response> DeleteAsync(DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None,
        RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Delete, Uri);
        switch (snapshotsOption)
        {
            case DeleteSnapshotsOption.IncludeSnapshots:
                message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
                break;
            case DeleteSnapshotsOption.OnlySnapshots:
                message.Request.Headers.SetValue("x-ms-delete-snapshots", "only");
                break;
        }
        message.Request.ApplyConditions(conditions);
        return await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob if it exists; true when it was deleted. Other failures (e.g. 412) still throw.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None,
        RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await DeleteAsync(snapshotsOption, conditions, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, response);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>
    /// A SAS URL for this blob signed with the account key — typically <see cref="BlobSasPermissions.Read"/> with a
    /// short expiry for links in events and notices. HTTPS-only when the endpoint is HTTPS; HTTP is allowed too only
    /// for an HTTP endpoint (Azurite).
    /// </summary>
    /// <exception cref="InvalidOperationException">The client has no account key (<see cref="CanGenerateSasUri"/> is false).</exception>
    public virtual Uri GenerateSasUri(BlobSasPermissions permissions, DateTimeOffset expiresOn) =>
        GenerateSasUri(new BlobSasBuilder(permissions, expiresOn)
        {
            BlobContainerName = BlobContainerName,
            BlobName = Name,
            Protocol = Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        });

    /// <summary>A SAS URL for this blob from a prepared builder (its container and blob must be this blob's).</summary>
    public virtual Uri GenerateSasUri(BlobSasBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = _service.SharedKey ?? throw BlobErrors.NoAccountKey();
        RequireThisBlob(builder);
        return new UriBuilder(Uri) { Query = builder.ToSasQueryParameters(key).ToString() }.Uri;
    }

    /// <summary>A user delegation SAS URL for this blob, signed with <paramref name="userDelegationKey"/> (no account key needed).</summary>
    /// <exception cref="ArgumentException">The builder is not for this blob, is incomplete, or outlives the key.</exception>
    public virtual Uri GenerateUserDelegationSasUri(BlobSasBuilder builder, UserDelegationKey userDelegationKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireThisBlob(builder);
        return new UriBuilder(Uri) { Query = builder.ToSasQueryParameters(userDelegationKey, AccountName).ToString() }.Uri;
    }

    /// <summary>
    /// A SAS URL for this blob signed with the account key when the client has one, else with a cached user delegation key
    /// (Azure with shared keys disabled; the expiry is then at most the key's, see
    /// <see cref="BlobServiceClient.GenerateSasQueryParametersAsync"/>). HTTPS-only for an HTTPS endpoint.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client authenticates with a SAS and has nothing to sign with.</exception>
    public virtual Task<Uri> GenerateSasUriAsync(BlobSasPermissions permissions, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        GenerateSasUriAsync(new BlobSasBuilder(permissions, expiresOn)
        {
            BlobContainerName = BlobContainerName,
            BlobName = Name,
            Protocol = Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        }, cancellationToken);

    /// <summary>A SAS URL for this blob from a prepared builder, signed as in <see cref="GenerateSasUriAsync(BlobSasPermissions, DateTimeOffset, CancellationToken)"/>.</summary>
    public virtual async Task<Uri> GenerateSasUriAsync(BlobSasBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RequireThisBlob(builder);
        var sas = await _service.GenerateSasQueryParametersAsync(builder, cancellationToken).ConfigureAwait(false);
        return new UriBuilder(Uri) { Query = sas.ToString() }.Uri;
    }

    private void RequireThisBlob(BlobSasBuilder builder)
    {
        if (builder.BlobContainerName != BlobContainerName || builder.BlobName != Name)
            throw BlobErrors.InvalidSas($"The builder is for '{builder.BlobContainerName}/{builder.BlobName}', not blob '{BlobContainerName}/{Name}'.",
                $"ビルダーの対象 '{builder.BlobContainerName}/{builder.BlobName}' が BLOB '{BlobContainerName}/{Name}' と一致しません。", nameof(builder));
    }

    private static BlobServiceClient FromSasUri(Uri uri, StorageClientOptions? options, out string container, out string blob)
    {
        var parts = BlobUriParts.Parse(uri);
        container = parts.ContainerName ?? throw new ArgumentException("The URL names no container.", nameof(uri));
        blob = parts.BlobName ?? throw new ArgumentException("The URL names no blob.", nameof(uri));
        return new BlobServiceClient(parts.ServiceUri, parts.ToSasConnection(), options);
    }
}
