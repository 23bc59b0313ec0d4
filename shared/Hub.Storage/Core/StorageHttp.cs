using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage;

/// <summary>Request helpers shared by the clients.</summary>
internal static class StorageHttp
{
    /// <summary>Creates a request message for <paramref name="uri"/>.</summary>
    public static HttpMessage CreateMessage(this HttpPipeline pipeline, RequestMethod method, Uri uri, bool bufferResponse = true)
    {
        var message = pipeline.CreateMessage();
        message.BufferResponse = bufferResponse;
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <summary>Sends the message; throws <see cref="StorageRequestFailedException"/> for any error status.</summary>
    public static async ValueTask<Response> SendCheckedAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError) throw new StorageRequestFailedException(response);
        return response;
    }

    /// <summary>Appends a path segment, percent-encoding it (but keeping '/' for blob names).</summary>
    public static Uri AppendPath(Uri baseUri, string segment, bool keepSlashes = false)
    {
        var escaped = keepSlashes
            ? string.Join('/', segment.Split('/').Select(Uri.EscapeDataString))
            : Uri.EscapeDataString(segment);
        var b = new UriBuilder(baseUri);
        b.Path = b.Path.TrimEnd('/') + "/" + escaped;
        return b.Uri;
    }

    /// <summary>Returns a copy of <paramref name="uri"/> with a query appended (values already escaped).</summary>
    public static Uri WithQuery(Uri uri, string query)
    {
        var b = new UriBuilder(uri);
        var existing = b.Query.TrimStart('?');
        b.Query = string.IsNullOrEmpty(existing) ? query : existing + "&" + query;
        return b.Uri;
    }

    /// <summary>Applies Azure.Core request conditions (If-Match, If-None-Match, If-(Un)Modified-Since) as headers.</summary>
    public static void ApplyConditions(this Request request, RequestConditions? conditions)
    {
        if (conditions is null) return;
        if (conditions.IfMatch is { } ifMatch) request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        if (conditions.IfNoneMatch is { } ifNone) request.Headers.SetValue("If-None-Match", ifNone.ToString("H"));
        if (conditions.IfModifiedSince is { } since) request.Headers.SetValue("If-Modified-Since", since.ToString("R"));
        if (conditions.IfUnmodifiedSince is { } unmodified) request.Headers.SetValue("If-Unmodified-Since", unmodified.ToString("R"));
    }
}

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches pages lazily by continuation token.</summary>
internal sealed class ContinuationPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
