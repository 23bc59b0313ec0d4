using System.Net;
using System.Text;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// The request body the host POSTs to <c>/{FunctionName}</c>: <c>{"Data":{…},"Metadata":{…}}</c>, written
/// as a stream so a large blob trigger payload is base64-encoded on the fly rather than held in memory.
/// </summary>
public sealed class InvocationEnvelope
{
    /// <summary>The trigger input (binding name and value); a blob trigger may stream its content instead.</summary>
    public required string TriggerName { get; init; }

    /// <summary>The trigger value, unless <see cref="StreamedTrigger"/> is set.</summary>
    public HostInput? TriggerValue { get; init; }

    /// <summary>Opens the trigger content for streaming as base64 (blob triggers).</summary>
    public Func<CancellationToken, Task<Stream>>? StreamedTrigger { get; init; }

    /// <summary>Binding data (trigger metadata, path parameters); null values and keys ending in "trigger" are dropped as the host does.</summary>
    public required IReadOnlyList<KeyValuePair<string, HostInput?>> Metadata { get; init; }

    /// <summary>The metadata that will be sent, after the host's filtering.</summary>
    public IEnumerable<KeyValuePair<string, HostInput>> SentMetadata =>
        Metadata.Where(m => m.Value is not null && !m.Key.EndsWith("trigger", StringComparison.OrdinalIgnoreCase))
            .Select(m => new KeyValuePair<string, HostInput>(m.Key, m.Value!));

    /// <summary>Writes the whole envelope.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        await WriteAsync(stream, "{\"Data\":{" + NewtonsoftJson.Quote(TriggerName) + ":", cancellationToken).ConfigureAwait(false);
        if (StreamedTrigger is not null)
        {
            await stream.WriteAsync("\""u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await using (var source = await StreamedTrigger(cancellationToken).ConfigureAwait(false))
                await Base64Stream.CopyAsBase64Async(source, stream, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync("\""u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(stream, (TriggerValue ?? throw new InvalidOperationException("No trigger value.")).Encode(), cancellationToken).ConfigureAwait(false);
        }
        var sb = new StringBuilder("},\"Metadata\":{");
        var first = true;
        foreach (var (key, value) in SentMetadata)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(NewtonsoftJson.Quote(key)).Append(':').Append(value.Encode());
        }
        sb.Append("}}");
        await WriteAsync(stream, sb.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The envelope as an <see cref="HttpContent"/> (chunked, streamed).</summary>
    public HttpContent ToHttpContent() => new EnvelopeContent(this);

    private static Task WriteAsync(Stream stream, string text, CancellationToken ct) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();

    private sealed class EnvelopeContent : HttpContent
    {
        private readonly InvocationEnvelope _envelope;

        public EnvelopeContent(InvocationEnvelope envelope)
        {
            _envelope = envelope;
            // The real host sends Newtonsoft's JsonMediaTypeFormatter output.
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _envelope.WriteToAsync(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _envelope.WriteToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>Copies a stream as base64 text in bounded chunks.</summary>
internal static class Base64Stream
{
    public static async Task CopyAsBase64Async(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var input = new byte[48 * 1024]; // a multiple of 3: chunks encode without padding in between
        var output = new byte[64 * 1024 + 4];
        var carry = 0;
        while (true)
        {
            var read = await source.ReadAsync(input.AsMemory(carry), cancellationToken).ConfigureAwait(false);
            var available = carry + read;
            if (read == 0)
            {
                if (available > 0)
                {
                    var tail = Encoding.ASCII.GetBytes(Convert.ToBase64String(input, 0, available));
                    await destination.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            var whole = available - available % 3;
            if (whole > 0)
            {
                System.Buffers.Text.Base64.EncodeToUtf8(input.AsSpan(0, whole), output, out _, out var written);
                await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            }
            carry = available - whole;
            if (carry > 0) Array.Copy(input, whole, input, 0, carry);
        }
    }
}
