using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Hub.Webhooks.Safety;
using Hub.Webhooks.Signing;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// Sends one signed POST. Redirects are not followed (3xx is a failure, per Standard Webhooks); no cookies,
/// no proxy; the whole exchange must finish within <see cref="WebhookOptions.RequestTimeout"/>. Connections go
/// only to addresses the <see cref="EndpointUrlPolicy"/> allowed at connect time (resolved once, checked,
/// then connected to: no DNS rebinding between check and use). Only the first
/// <see cref="WebhookOptions.ResponseExcerptBytes"/> of a response are read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The User-Agent of every request.</summary>
    public const string UserAgent = "MyNumberHub-Webhooks/1.0";

    private readonly HttpClient _http;
    private readonly WebhookOptions _options;

    /// <summary>Creates a sender enforcing <paramref name="policy"/>.</summary>
    public WebhookSender(EndpointUrlPolicy policy, WebhookOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.RequestTimeout,
            MaxConnectionsPerServer = 64,
            ConnectCallback = async (context, ct) =>
            {
                var uri = context.InitialRequestMessage.RequestUri!;
                var addresses = await policy.ResolveAllowedAsync(uri, ct).ConfigureAwait(false);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>POSTs <paramref name="body"/> with the Standard Webhooks headers; never throws for an HTTP or network failure.</summary>
    public async Task<SendResult> SendAsync(Uri uri, string webhookId, long timestamp, string signature, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Id, webhookId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Timestamp, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var latency = watch.Elapsed;
            var excerpt = await ReadExcerptAsync(response, timeout.Token).ConfigureAwait(false);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            return new SendResult((int)response.StatusCode, latency, null, excerpt, retryAfter, Refused: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(watch, $"no response within {_options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e) when (Find<WebhookException>(e) is { } refused)
        {
            return Failure(watch, $"{refused.Code}: {refused.English}", refused: true);
        }
        catch (HttpRequestException e)
        {
            return Failure(watch, $"{e.HttpRequestError}: {Innermost(e).Message}");
        }
    }

    private async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var limit = _options.ResponseExcerptBytes;
        var buffer = new byte[limit];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            while (read < limit)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), ct).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status already arrived; a broken body only shortens the excerpt.
        }
        if (read == 0) return null;
        // Control characters would bloat the stored log when JSON-escaped.
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return new string(text.Select(c => char.IsControl(c) && c is not ('\n' or '\t') ? '?' : c).ToArray());
    }

    private static SendResult Failure(Stopwatch watch, string error, bool refused = false) =>
        new(null, watch.Elapsed, error, null, null, refused);

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>What one POST produced.</summary>
/// <param name="StatusCode">The HTTP status, or null when there was no response.</param>
/// <param name="Latency">Time to the response headers (or to the failure).</param>
/// <param name="Error">Network error, timeout or refusal.</param>
/// <param name="ResponseExcerpt">The start of the response body (≤ 1 KiB).</param>
/// <param name="RetryAfterHeader">The raw <c>Retry-After</c> header.</param>
/// <param name="Refused">The address was refused by the safety policy (nothing was sent).</param>
public sealed record SendResult(int? StatusCode, TimeSpan Latency, string? Error, string? ResponseExcerpt, string? RetryAfterHeader, bool Refused);
