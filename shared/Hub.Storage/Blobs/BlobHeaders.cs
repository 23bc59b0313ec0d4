using System.Globalization;
using Azure;
using Azure.Core;

namespace Hub.Storage.Blobs;

/// <summary>Writes blob request headers and reads blob response headers.</summary>
internal static class BlobHeaders
{
    private const string MetaPrefix = "x-ms-meta-";

    /// <summary>Sets the <c>x-ms-blob-*</c> property headers (Put Blob, Put Block List, Set Blob Properties).</summary>
    public static void ApplyHttpHeaders(this Request request, BlobHttpHeaders? headers, byte[]? contentHash)
    {
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) request.Headers.SetValue(name, value);
        }
        Set("x-ms-blob-content-type", headers?.ContentType);
        Set("x-ms-blob-content-encoding", headers?.ContentEncoding);
        Set("x-ms-blob-content-language", headers?.ContentLanguage);
        Set("x-ms-blob-content-disposition", headers?.ContentDisposition);
        Set("x-ms-blob-cache-control", headers?.CacheControl);
        var hash = headers?.ContentHash ?? contentHash;
        if (hash is not null) Set("x-ms-blob-content-md5", Convert.ToBase64String(hash));
    }

    /// <summary>Validates and sets metadata headers (see <see cref="BlobMetadataEncoding"/>).</summary>
    public static void ApplyMetadata(this Request request, IDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in BlobMetadataEncoding.ToHeaders(metadata))
            request.Headers.SetValue(name, value);
    }

    /// <summary>Reads Get Blob Properties / Get Blob response headers.</summary>
    public static BlobProperties ReadProperties(Response response)
    {
        var headers = response.Headers;
        string? H(string name) => headers.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        // A ranged GET returns the range's MD5 (if any) in Content-MD5 and the whole blob's in x-ms-blob-content-md5.
        var hash = H("x-ms-blob-content-md5") ?? (H("Content-Range") is null ? H("Content-MD5") : null);
        return new BlobProperties
        {
            ETag = headers.ETag ?? default,
            LastModified = ParseDate(H("Last-Modified")) ?? default,
            CreatedOn = ParseDate(H("x-ms-creation-time")),
            ContentLength = headers.ContentLength ?? 0,
            ContentType = H("Content-Type"),
            ContentEncoding = H("Content-Encoding"),
            ContentLanguage = H("Content-Language"),
            ContentDisposition = H("Content-Disposition"),
            CacheControl = H("Cache-Control"),
            ContentHash = hash is null ? null : Convert.FromBase64String(hash),
            BlobType = H("x-ms-blob-type"),
            Metadata = ReadMetadata(response),
        };
    }

    /// <summary>Reads and decodes <c>x-ms-meta-*</c> response headers.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
            if (header.Name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
                metadata[header.Name[MetaPrefix.Length..]] = BlobMetadataEncoding.DecodeValue(header.Value);
        return metadata;
    }

    /// <summary>ETag and Last-Modified of a write response.</summary>
    public static BlobInfo ReadInfo(Response response) =>
        new(response.Headers.ETag ?? default, ParseDate(response.Headers.TryGetValue("Last-Modified", out var v) ? v : null) ?? default);

    public static DateTimeOffset? ParseDate(string? value) =>
        string.IsNullOrEmpty(value)
            ? null
            : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
