using System.Net;

namespace Hub.Storage.Blobs;

/// <summary>
/// Splits a blob or container URL into the service endpoint, container, blob name and SAS token. Azurite and
/// IP endpoints are path-style (<c>http://127.0.0.1:10000/account/container/blob</c>); Azure endpoints are
/// host-style (<c>https://account.blob.core.windows.net/container/blob</c>).
/// </summary>
internal sealed record BlobUriParts(Uri ServiceUri, string AccountName, string? ContainerName, string? BlobName, string? Sas)
{
    public static BlobUriParts Parse(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri) throw new ArgumentException("The blob URL must be absolute.", nameof(uri));
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var pathStyle = IsPathStyle(uri);
        string account;
        var servicePath = "/";
        if (pathStyle)
        {
            if (segments.Count == 0) throw new ArgumentException($"The URL '{uri.GetLeftPart(UriPartial.Path)}' has no account name.", nameof(uri));
            account = Uri.UnescapeDataString(segments[0]);
            servicePath = "/" + segments[0];
            segments.RemoveAt(0);
        }
        else
        {
            account = uri.Host.Split('.')[0];
        }

        var container = segments.Count > 0 ? Uri.UnescapeDataString(segments[0]) : null;
        var blob = segments.Count > 1 ? Uri.UnescapeDataString(string.Join('/', segments.Skip(1))) : null;
        var query = uri.Query.TrimStart('?');
        var sas = query.Contains("sig=", StringComparison.Ordinal) ? query : null;
        var service = new UriBuilder(uri.Scheme, uri.Host, uri.Port, servicePath).Uri;
        return new BlobUriParts(service, account, container, blob, sas);
    }

    /// <summary>A connection that authenticates with the SAS in the URL.</summary>
    public StorageConnection ToSasConnection()
    {
        if (Sas is null)
            throw new ArgumentException("The URL carries no SAS token (no 'sig='). Use a connection string, a StorageConnection or a credential instead.", "uri");
        return StorageConnection.Parse($"BlobEndpoint={ServiceUri.ToString().TrimEnd('/')};SharedAccessSignature={Sas}");
    }

    private static bool IsPathStyle(Uri uri) =>
        IPAddress.TryParse(uri.Host, out _)
        || uri.IsLoopback
        || uri.Port is >= 10000 and <= 10009; // Azurite's conventional ports, e.g. http://azurite:10000/devstoreaccount1
}
