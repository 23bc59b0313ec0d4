using Azure;

namespace Hub.Storage.Blobs;

/// <summary>The result of an upload or commit.</summary>
/// <param name="ETag">The new version's ETag (use it with <c>IfMatch</c> for optimistic concurrency).</param>
/// <param name="LastModified">When the blob was written.</param>
/// <param name="ContentHash">The MD5 of the whole content, when known.</param>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified, byte[]? ContentHash);

/// <summary>The result of a change to a blob's metadata or properties.</summary>
public sealed record BlobInfo(ETag ETag, DateTimeOffset LastModified);

/// <summary>The result of creating a snapshot.</summary>
/// <param name="Snapshot">The snapshot's timestamp id.</param>
/// <param name="ETag">The snapshot's ETag.</param>
/// <param name="LastModified">When the snapshot was taken.</param>
public sealed record BlobSnapshotInfo(string Snapshot, ETag ETag, DateTimeOffset LastModified);

/// <summary>The result of creating a container.</summary>
public sealed record BlobContainerInfo(ETag ETag, DateTimeOffset LastModified);

/// <summary>A container's properties.</summary>
/// <param name="ETag">The container's ETag.</param>
/// <param name="LastModified">When the container or its metadata last changed.</param>
/// <param name="Metadata">User metadata (decoded); empty in listings without <see cref="BlobContainerTraits.Metadata"/>.</param>
public sealed record BlobContainerProperties(ETag ETag, DateTimeOffset LastModified, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A container in a listing.</summary>
public sealed record BlobContainerItem(string Name, BlobContainerProperties Properties);

/// <summary>A blob's system properties and user metadata (Get Blob Properties).</summary>
public sealed record BlobProperties
{
    /// <summary>The current version's ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>When the blob was last written.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>When the blob was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Size in bytes.</summary>
    public long ContentLength { get; init; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Content encoding.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Content language.</summary>
    public string? ContentLanguage { get; init; }

    /// <summary>Content disposition.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Cache control.</summary>
    public string? CacheControl { get; init; }

    /// <summary>MD5 of the whole content (the clients always set it on upload).</summary>
    public byte[]? ContentHash { get; init; }

    /// <summary>Blob type (<c>BlockBlob</c> for everything these clients write).</summary>
    public string? BlobType { get; init; }

    /// <summary>User metadata (decoded, case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    internal static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A blob in a listing.</summary>
/// <param name="Name">The blob name (decoded).</param>
/// <param name="Snapshot">The snapshot id when the item is a snapshot (listing with <see cref="BlobStates.Snapshots"/>).</param>
/// <param name="Properties">Properties; <see cref="BlobProperties.Metadata"/> is filled with <see cref="BlobTraits.Metadata"/>.</param>
public sealed record BlobItem(string Name, string? Snapshot, BlobProperties Properties)
{
    /// <summary>User metadata (decoded); empty unless listed with <see cref="BlobTraits.Metadata"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Properties.Metadata;
}

/// <summary>An entry of a hierarchical listing: a virtual folder (<see cref="Prefix"/>) or a blob.</summary>
public sealed record BlobHierarchyItem(string? Prefix, BlobItem? Blob)
{
    /// <summary>True for a virtual folder such as <c>submissions/E001/</c>.</summary>
    public bool IsPrefix => Prefix is not null;

    /// <summary>True for a blob.</summary>
    public bool IsBlob => Blob is not null;
}

/// <summary>A buffered download: the content and the blob's details.</summary>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Details);

/// <summary>
/// A streaming download: <see cref="Content"/> reads from the network as it goes (nothing is buffered), and
/// resumes from the last byte read if the connection drops. Dispose it when done.
/// </summary>
public sealed class BlobDownloadStreamingResult : IDisposable, IAsyncDisposable
{
    internal BlobDownloadStreamingResult(Stream content, BlobProperties details)
    {
        Content = content;
        Details = details;
    }

    /// <summary>The content stream.</summary>
    public Stream Content { get; }

    /// <summary>The blob's properties and metadata at download time. For a range, <see cref="BlobProperties.ContentLength"/> is the range's length.</summary>
    public BlobProperties Details { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
