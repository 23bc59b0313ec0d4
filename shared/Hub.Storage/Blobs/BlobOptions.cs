using Azure;

namespace Hub.Storage.Blobs;

/// <summary>Standard HTTP properties stored with a blob and returned on download.</summary>
public sealed class BlobHttpHeaders
{
    /// <summary>MIME type, e.g. <c>text/csv; charset=utf-8</c>. The service default is <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>Content encoding, e.g. <c>gzip</c> when the bytes are compressed.</summary>
    public string? ContentEncoding { get; set; }

    /// <summary>Content language, e.g. <c>ja-JP</c>.</summary>
    public string? ContentLanguage { get; set; }

    /// <summary>Content disposition, e.g. <c>attachment; filename*=UTF-8''...</c> for downloads in a browser.</summary>
    public string? ContentDisposition { get; set; }

    /// <summary>Cache control, e.g. <c>no-store</c>.</summary>
    public string? CacheControl { get; set; }

    /// <summary>The MD5 of the whole content. When null the upload computes it, so every blob has one.</summary>
    public byte[]? ContentHash { get; set; }
}

/// <summary>
/// How an upload is split: one Put Blob up to <see cref="InitialTransferSize"/>, otherwise staged blocks of
/// <see cref="MaximumTransferSize"/> (at most <see cref="MaximumConcurrency"/> in flight) and one Put Block List.
/// Memory used by a staged upload is about <c>MaximumTransferSize × MaximumConcurrency</c>.
/// </summary>
public sealed record BlobTransferOptions
{
    /// <summary>The service's largest block (4000 MiB).</summary>
    public const long MaxBlockSize = 4000L * 1024 * 1024;

    /// <summary>The service's largest single Put Blob (5000 MiB).</summary>
    public const long MaxSingleUploadSize = 5000L * 1024 * 1024;

    /// <summary>Defaults: 8 MiB single put, 4 MiB blocks, 4 blocks in flight.</summary>
    public static BlobTransferOptions Default { get; } = new();

    /// <summary>Largest content sent as a single Put Blob (default 8 MiB). Larger or unknown-length content is staged in blocks.</summary>
    public long InitialTransferSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Block size for staged uploads (default 4 MiB).</summary>
    public int MaximumTransferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blocks uploaded in parallel (default 4).</summary>
    public int MaximumConcurrency { get; init; } = 4;

    internal BlobTransferOptions Validated()
    {
        if (InitialTransferSize is < 1 or > MaxSingleUploadSize)
            throw BlobErrors.InvalidTransfer(nameof(InitialTransferSize), $"must be 1 byte to {MaxSingleUploadSize} bytes.",
                $"1 バイトから {MaxSingleUploadSize} バイトの範囲で指定してください。");
        if (MaximumTransferSize < 1)
            throw BlobErrors.InvalidTransfer(nameof(MaximumTransferSize), "must be at least 1 byte.", "1 バイト以上を指定してください。");
        if (MaximumConcurrency is < 1 or > 64)
            throw BlobErrors.InvalidTransfer(nameof(MaximumConcurrency), "must be 1 to 64.", "1 から 64 の範囲で指定してください。");
        return this;
    }
}

/// <summary>Options for <see cref="BlobClient.UploadAsync(Stream, BlobUploadOptions, CancellationToken)"/>.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Content type, encoding and the other standard properties.</summary>
    public BlobHttpHeaders? HttpHeaders { get; set; }

    /// <summary>User metadata: names are ASCII C# identifiers; values are encoded as described in <see cref="BlobMetadataEncoding"/>.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>
    /// Conditions on the write: <c>IfNoneMatch = ETag.All</c> creates only (409 <c>BlobAlreadyExists</c> if it exists);
    /// <c>IfMatch = etag</c> replaces only that version (412 otherwise). Null overwrites unconditionally.
    /// </summary>
    public RequestConditions? Conditions { get; set; }

    /// <summary>Single-put threshold, block size and parallelism; null uses <see cref="BlobTransferOptions.Default"/>.</summary>
    public BlobTransferOptions? TransferOptions { get; set; }
}

/// <summary>Options for <see cref="BlobClient.OpenWriteAsync(bool, BlobOpenWriteOptions, CancellationToken)"/>.</summary>
public sealed class BlobOpenWriteOptions
{
    /// <summary>Content type, encoding and the other standard properties, set on commit.</summary>
    public BlobHttpHeaders? HttpHeaders { get; set; }

    /// <summary>User metadata, set on commit (see <see cref="BlobMetadataEncoding"/>).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Conditions checked on commit, e.g. <c>IfMatch</c>. Ignored when <c>overwrite</c> is false (create-only).</summary>
    public RequestConditions? Conditions { get; set; }

    /// <summary>Block size and parallelism; null uses <see cref="BlobTransferOptions.Default"/>.</summary>
    public BlobTransferOptions? TransferOptions { get; set; }
}

/// <summary>Options for downloads.</summary>
public sealed class BlobDownloadOptions
{
    /// <summary>A byte range to read; default the whole blob.</summary>
    public HttpRange Range { get; set; }

    /// <summary>Conditions, e.g. <c>IfMatch</c> to read only a known version (412 otherwise).</summary>
    public RequestConditions? Conditions { get; set; }
}

/// <summary>What a blob listing returns besides names and properties.</summary>
[Flags]
public enum BlobTraits
{
    /// <summary>Names and properties only.</summary>
    None = 0,

    /// <summary>Include user metadata (decoded).</summary>
    Metadata = 1,
}

/// <summary>Which blobs a listing includes besides the current ones.</summary>
[Flags]
public enum BlobStates
{
    /// <summary>Current blobs only.</summary>
    None = 0,

    /// <summary>Include snapshots.</summary>
    Snapshots = 1,
}

/// <summary>What a container listing returns besides names and properties.</summary>
[Flags]
public enum BlobContainerTraits
{
    /// <summary>Names and properties only.</summary>
    None = 0,

    /// <summary>Include user metadata (decoded).</summary>
    Metadata = 1,
}

/// <summary>What a blob delete does with the blob's snapshots.</summary>
public enum DeleteSnapshotsOption
{
    /// <summary>Delete the blob only; fails with 409 <c>SnapshotsPresent</c> if it has snapshots.</summary>
    None,

    /// <summary>Delete the blob and its snapshots.</summary>
    IncludeSnapshots,

    /// <summary>Delete only the snapshots, keeping the blob.</summary>
    OnlySnapshots,
}
