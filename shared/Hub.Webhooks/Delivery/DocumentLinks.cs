using System.Text.Json.Nodes;
using Hub.Core.Storage;
using Hub.Storage.Blobs;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// Turns document paths in event data into links the insurer can open: every property named <c>…Blob</c>
/// holding <c>{container}/{blob path}</c> (e.g. <c>"noticeBlob": "notices/E0001/m…/n….pdf"</c>) becomes
/// <c>…Url</c> (<c>"noticeUrl"</c>) with a read-only SAS link valid for <see cref="WebhookOptions.LinkLifetime"/>,
/// at any depth. Only document containers may be linked; a path into <c>submissions</c> or
/// <c>quarantine</c> (raw employer files with My Numbers) is refused.
/// </summary>
public sealed class DocumentLinks(HubStorage storage, TimeSpan lifetime)
{
    /// <summary>Containers whose blobs may be linked.</summary>
    public static readonly IReadOnlySet<string> LinkableContainers = new HashSet<string>(StringComparer.Ordinal)
    {
        HubStorage.Containers.Notices, HubStorage.Containers.Certificates, HubStorage.Containers.Results, HubStorage.Containers.Outbox,
    };

    /// <summary>A copy of <paramref name="data"/> with every <c>…Blob</c> field replaced by a <c>…Url</c> link expiring <paramref name="now"/> + lifetime.</summary>
    /// <exception cref="WebhookException">A path is malformed or outside the linkable containers.</exception>
    public JsonObject Resolve(JsonObject data, DateTimeOffset now)
    {
        var copy = data.DeepClone().AsObject();
        Visit(copy, now + lifetime);
        return copy;
    }

    private void Visit(JsonNode? node, DateTimeOffset expiresOn)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (name.Length > 4 && name.EndsWith("Blob", StringComparison.Ordinal) && obj[name] is JsonValue value && value.TryGetValue<string>(out var path))
                    {
                        var index = obj.IndexOf(name);
                        obj.RemoveAt(index);
                        obj.Insert(index, name[..^4] + "Url", Link(name, path, expiresOn).AbsoluteUri);
                    }
                    else
                    {
                        Visit(obj[name], expiresOn);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array) Visit(item, expiresOn);
                break;
        }
    }

    private Uri Link(string field, string path, DateTimeOffset expiresOn)
    {
        var slash = path.IndexOf('/');
        var container = slash > 0 ? path[..slash] : "";
        var blob = slash > 0 ? path[(slash + 1)..] : "";
        if (!LinkableContainers.Contains(container) || blob.Length == 0 || blob.StartsWith('/') || blob.Contains('\\')
            || blob.Split('/').Any(s => s is "" or "." or ".."))
            throw new WebhookException(WebhookErrorCodes.LinkNotAllowed,
                $"Field '{field}' must be '{{container}}/{{path}}' in one of {string.Join(", ", LinkableContainers)}.",
                $"フィールド '{field}' は {string.Join(", ", LinkableContainers)} のいずれかのコンテナー内のパス '{{container}}/{{path}}' にしてください。");
        // Signed to the second; read only; http allowed only when the account itself is http (Azurite).
        return storage.Container(container).GetBlobClient(blob).GenerateSasUri(BlobSasPermissions.Read, expiresOn);
    }
}
