using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Blobs;

/// <summary>Sending blob requests.</summary>
internal static class BlobHttp
{
    /// <summary>
    /// Sends the message and throws <see cref="StorageRequestFailedException"/> for anything but 2xx. Stricter than
    /// the pipeline's classifier on purpose: a conditional read answered 304 Not Modified has no content, and
    /// must not look like an empty blob.
    /// </summary>
    public static async ValueTask<Response> SendBlobRequestAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is < 200 or > 299)
        {
            // Unbuffered (streaming) responses: buffer the small error body so the exception can read its code and message.
            if (!message.BufferResponse && response.ContentStream is { } body and not MemoryStream)
            {
                var buffered = new MemoryStream();
                await body.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
                buffered.Position = 0;
                response.ContentStream = buffered;
            }
            throw new StorageRequestFailedException(response);
        }
        return response;
    }
}
