using System.Globalization;
using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage;

/// <summary>
/// Signs every attempt (it runs per retry, so the date is fresh) with Shared Key authorization as the
/// Blob/Queue and Table services define it.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential, StorageServiceKind kind)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = kind == StorageServiceKind.Table ? TableStringToSign(request, date) : BlobQueueStringToSign(request);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeHmacSha256(stringToSign)}");
    }

    private string BlobQueueStringToSign(Request request)
    {
        string H(string name) => request.Headers.TryGetValue(name, out var v) ? v : string.Empty;
        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var sb = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(H("Content-Encoding")).Append('\n')
            .Append(H("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(H("Content-MD5")).Append('\n')
            .Append(H("Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date is used instead
            .Append(H("If-Modified-Since")).Append('\n')
            .Append(H("If-Match")).Append('\n')
            .Append(H("If-None-Match")).Append('\n')
            .Append(H("If-Unmodified-Since")).Append('\n')
            .Append(H("Range")).Append('\n');

        var msHeaders = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                msHeaders.Add(new(header.Name.ToLowerInvariant(), header.Value.Trim()));
        }
        msHeaders.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, value) in msHeaders)
            sb.Append(name).Append(':').Append(value).Append('\n');

        var uri = request.Uri.ToUri();
        sb.Append('/').Append(credential.AccountName).Append(uri.AbsolutePath);
        var query = ParseQuery(uri.Query);
        foreach (var name in query.Keys.Order(StringComparer.Ordinal))
        {
            var values = query[name];
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
        return sb.ToString();
    }

    private string TableStringToSign(Request request, string date)
    {
        string H(string name) => request.Headers.TryGetValue(name, out var v) ? v : string.Empty;
        var uri = request.Uri.ToUri();
        var resource = new StringBuilder().Append('/').Append(credential.AccountName).Append(uri.AbsolutePath);
        if (ParseQuery(uri.Query).TryGetValue("comp", out var comp))
            resource.Append("?comp=").Append(comp[0]);
        return $"{request.Method.Method}\n{H("Content-MD5")}\n{H("Content-Type")}\n{date}\n{resource}";
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : WebUtility.UrlDecode(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var list)) result[name] = list = new List<string>();
            list.Add(value);
        }
        return result;
    }
}

/// <summary>Which storage service a pipeline talks to (they sign requests differently).</summary>
internal enum StorageServiceKind
{
    Blob,
    Queue,
    Table,
}
