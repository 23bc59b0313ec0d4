using Azure;
using Azure.Core;

namespace Hub.Storage.Blobs;

public partial class BlobClient
{
    /// <summary>
    /// Starts a download and returns as soon as the headers arrive: <see cref="BlobDownloadStreamingResult.Content"/>
    /// reads from the network (nothing is buffered) and, if the connection drops, resumes from the last byte read —
    /// pinned to the ETag first seen, so a concurrent overwrite fails the read (412) instead of mixing versions.
    /// </summary>
    /// <param name="options">A byte range and conditions; null downloads everything.</param>
    /// <param name="cancellationToken">Cancels the request (and reads that use it).</param>
    public virtual async Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var range = options?.Range ?? default;
        var (response, stream) = await StartDownloadAsync(range, options?.Conditions, cancellationToken).ConfigureAwait(false);
        var details = BlobHeaders.ReadProperties(response);
        var start = range.Offset;
        var end = start + details.ContentLength;
        var etag = details.ETag;
        var content = new ResumingDownloadStream(stream, details.ContentLength, _service.Options.Retry.MaxRetries,
            async (read, ct) =>
            {
                var resumed = await StartDownloadAsync(new HttpRange(start + read, end - start - read), new RequestConditions { IfMatch = etag }, ct)
                    .ConfigureAwait(false);
                return resumed.Content;
            });
        return Response.FromValue(new BlobDownloadStreamingResult(content, details), response);
    }

    /// <summary>Starts a streaming download of the whole blob (see <see cref="DownloadStreamingAsync(BlobDownloadOptions, CancellationToken)"/>).</summary>
    public virtual Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(CancellationToken cancellationToken) =>
        DownloadStreamingAsync(null, cancellationToken);

    /// <summary>Downloads the whole blob into memory.</summary>
    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken) =>
        DownloadContentAsync(null, cancellationToken);

    /// <summary>Downloads the blob (or a range) into memory. For large blobs prefer <see cref="DownloadStreamingAsync(BlobDownloadOptions, CancellationToken)"/>.</summary>
    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Get, Uri);
        var range = options?.Range ?? default;
        if (range != default) message.Request.Headers.SetValue("x-ms-range", range.ToString());
        message.Request.ApplyConditions(options?.Conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(new BlobDownloadResult(response.Content, BlobHeaders.ReadProperties(response)), response);
    }

    /// <summary>Streams the whole blob into <paramref name="destination"/> (not disposed).</summary>
    public virtual async Task<Response> DownloadToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var download = await DownloadStreamingAsync(null, cancellationToken).ConfigureAwait(false);
        await using (download.Value.ConfigureAwait(false))
            await download.Value.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return download.GetRawResponse();
    }

    private async Task<(Response Response, Stream Content)> StartDownloadAsync(HttpRange range, RequestConditions? conditions,
        CancellationToken cancellationToken)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Get, Uri, bufferResponse: false);
        if (range != default) message.Request.Headers.SetValue("x-ms-range", range.ToString());
        message.Request.ApplyConditions(conditions);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        // Detach the network stream so disposing the message does not close it; the caller owns it now.
        var content = message.ExtractResponseContent() ?? Stream.Null;
        return (response, content);
    }
}
