using System.Globalization;
using System.Xml.Linq;
using Azure;

namespace Hub.Storage.Blobs;

/// <summary>Parses the XML bodies of List Containers and List Blobs.</summary>
internal static class BlobListingXml
{
    public static (List<BlobContainerItem> Items, string? NextMarker) ParseContainers(Stream body)
    {
        var root = XDocument.Load(body).Root!;
        var items = root.Element("Containers")?.Elements("Container").Select(c =>
        {
            var p = c.Element("Properties");
            return new BlobContainerItem(c.Element("Name")!.Value, new BlobContainerProperties(
                ParseETag(p?.Element("Etag")?.Value), ParseDate(p?.Element("Last-Modified")?.Value) ?? default, ParseMetadata(c.Element("Metadata"))));
        }).ToList() ?? [];
        return (items, NextMarker(root));
    }

    public static (List<BlobHierarchyItem> Items, string? NextMarker) ParseBlobs(Stream body)
    {
        var root = XDocument.Load(body).Root!;
        var items = new List<BlobHierarchyItem>();
        foreach (var element in root.Element("Blobs")?.Elements() ?? [])
        {
            if (element.Name.LocalName == "BlobPrefix")
                items.Add(new BlobHierarchyItem(ParseName(element.Element("Name")!), null));
            else if (element.Name.LocalName == "Blob")
                items.Add(new BlobHierarchyItem(null, ParseBlob(element)));
        }
        return (items, NextMarker(root));
    }

    private static BlobItem ParseBlob(XElement blob)
    {
        var p = blob.Element("Properties");
        string? P(string name) => p?.Element(name)?.Value is { Length: > 0 } v ? v : null;
        var properties = new BlobProperties
        {
            ETag = ParseETag(P("Etag")),
            LastModified = ParseDate(P("Last-Modified")) ?? default,
            CreatedOn = ParseDate(P("Creation-Time")),
            ContentLength = long.TryParse(P("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
            ContentType = P("Content-Type"),
            ContentEncoding = P("Content-Encoding"),
            ContentLanguage = P("Content-Language"),
            ContentDisposition = P("Content-Disposition"),
            CacheControl = P("Cache-Control"),
            ContentHash = P("Content-MD5") is { } md5 ? Convert.FromBase64String(md5) : null,
            BlobType = P("BlobType"),
            Metadata = ParseMetadata(blob.Element("Metadata")),
        };
        return new BlobItem(ParseName(blob.Element("Name")!), blob.Element("Snapshot")?.Value is { Length: > 0 } s ? s : null, properties);
    }

    /// <summary>Names with characters XML cannot carry come percent-encoded with <c>Encoded="true"</c>.</summary>
    private static string ParseName(XElement name) =>
        string.Equals((string?)name.Attribute("Encoded"), "true", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(name.Value)
            : name.Value;

    private static IReadOnlyDictionary<string, string> ParseMetadata(XElement? metadata)
    {
        if (metadata is null) return BlobProperties.EmptyMetadata;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in metadata.Elements())
            result[entry.Name.LocalName] = BlobMetadataEncoding.DecodeValue(entry.Value);
        return result;
    }

    /// <summary>Azure.Core keeps ETags unquoted (as parsed from headers); listings may quote them. Strip the quotes so both compare equal.</summary>
    private static ETag ParseETag(string? value) =>
        string.IsNullOrEmpty(value) ? default
        : value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? new ETag(value[1..^1])
        : new ETag(value);

    private static DateTimeOffset? ParseDate(string? value) => BlobHeaders.ParseDate(value);

    private static string? NextMarker(XElement root) => root.Element("NextMarker")?.Value is { Length: > 0 } m ? m : null;
}
