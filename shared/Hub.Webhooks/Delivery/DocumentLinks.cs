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
/// <remarks>
/// Links are signed with the account key when the storage connection has one (Azurite, development), else — in Azure,
/// where the function app connects with its managed identity and shared keys are disabled — with a user delegation key
/// the blob client caches (one key request an hour, not one per link). A user delegation link cannot outlive its key, so
/// there it lives at most 7 days and can be up to about an hour shorter than a 7-day <c>LinkLifetime</c>.
/// </remarks>
public sealed class DocumentLinks(HubStorage storage, TimeSpan lifetime, TimeProvider? signingClock = null)
{
    /// <summary>Containers whose blobs may be linked.</summary>
    public static readonly IReadOnlySet<string> LinkableContainers = new HashSet<string>(StringComparer.Ordinal)
    {
        HubStorage.Containers.Notices, HubStorage.Containers.Certificates, HubStorage.Containers.Results, HubStorage.Containers.Outbox,
    };

    /// <summary>
    /// A copy of <paramref name="data"/> with every <c>…Blob</c> field replaced, in place, by a <c>…Url</c> link expiring
    /// <paramref name="now"/> + lifetime (or its signing key's expiry, if sooner). With a signing clock, its time replaces
    /// <paramref name="now"/>: the storage service checks expiries against real time, not the hub's simulated day.
    /// </summary>
    /// <exception cref="WebhookException">A path is malformed or outside the linkable containers (checked before anything is signed).</exception>
    /// <exception cref="Hub.Storage.StorageRequestFailedException">No user delegation key could be had (e.g. the identity lacks the role); transient, so the caller retries.</exception>
    public async Task<JsonObject> ResolveAsync(JsonObject data, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var copy = data.DeepClone().AsObject();
        var found = new List<(JsonObject Owner, string Field, BlobClient Blob)>();
        Collect(copy, found);
        var expiresOn = (signingClock?.GetUtcNow() ?? now) + lifetime;
        foreach (var (owner, field, blob) in found)
        {
            // Signed to the second; read only; http allowed only when the account itself is http (Azurite).
            var link = await blob.GenerateSasUriAsync(BlobSasPermissions.Read, expiresOn, cancellationToken).ConfigureAwait(false);
            var index = owner.IndexOf(field);
            owner.RemoveAt(index);
            owner.Insert(index, field[..^4] + "Url", link.AbsoluteUri);
        }
        return copy;
    }

    private void Collect(JsonNode? node, List<(JsonObject, string, BlobClient)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name.Length > 4 && name.EndsWith("Blob", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var path))
                        found.Add((obj, name, Blob(name, path)));
                    else
                        Collect(value, found);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Collect(item, found);
                break;
        }
    }

    private BlobClient Blob(string field, string path)
    {
        var slash = path.IndexOf('/');
        var container = slash > 0 ? path[..slash] : "";
        var blob = slash > 0 ? path[(slash + 1)..] : "";
        if (!LinkableContainers.Contains(container) || blob.Length == 0 || blob.StartsWith('/') || blob.Contains('\\')
            || blob.Split('/').Any(s => s is "" or "." or ".."))
            throw new WebhookException(WebhookErrorCodes.LinkNotAllowed,
                $"Field '{field}' must be '{{container}}/{{path}}' in one of {string.Join(", ", LinkableContainers)}.",
                $"フィールド '{field}' は {string.Join(", ", LinkableContainers)} のいずれかのコンテナー内のパス '{{container}}/{{path}}' にしてください。");
        return storage.Container(container).GetBlobClient(blob);
    }
}
