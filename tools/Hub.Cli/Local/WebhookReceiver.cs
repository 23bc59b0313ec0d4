using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Webhooks.Signing;

namespace Hub.Cli.Local;

/// <summary>
/// A webhook receiver for local runs and benchmarks, as an insurer would write one: listens on 127.0.0.1 (a free
/// port), verifies every message's Standard Webhooks signature and timestamp with the demo secret, answers 204
/// (or 401 when verification fails), and appends <c>{"headers":{…},"body":"&lt;raw&gt;","verified":true}</c> per
/// line to a JSONL file.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpListener _listener;
    private readonly WebhookSecret _secret;
    private readonly Func<DateTimeOffset> _now;
    private readonly StreamWriter? _file;
    private readonly Lock _fileGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;
    private int _verified;

    private WebhookReceiver(HttpListener listener, int port, WebhookSecret secret, Func<DateTimeOffset> now, string? jsonlPath)
    {
        _listener = listener;
        _secret = secret;
        _now = now;
        Url = $"http://127.0.0.1:{port}/webhooks";
        if (jsonlPath is not null) _file = new StreamWriter(jsonlPath, append: true, new UTF8Encoding(false)) { AutoFlush = true };
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The endpoint URL to register.</summary>
    public string Url { get; }

    /// <summary>Messages received.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Messages whose signature and timestamp verified.</summary>
    public int Verified => Volatile.Read(ref _verified);

    /// <summary>Called for each message (webhook-id, verified, arrival time), e.g. by the benchmark.</summary>
    public Action<string, bool, DateTimeOffset>? OnReceived { get; init; }

    /// <summary>Starts a receiver verifying with <paramref name="secret"/>; <paramref name="now"/> is the clock timestamps are checked against.</summary>
    public static WebhookReceiver Start(WebhookSecret secret, Func<DateTimeOffset> now, string? jsonlPath, Action<string, bool, DateTimeOffset>? onReceived = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            // HttpListener cannot bind port 0: take a free port from the OS, then bind it (retry if someone raced us).
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, port, secret, now, jsonlPath) { OnReceived = onReceived };
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
            var body = buffer.ToArray();
            var headers = context.Request.Headers;
            var result = WebhookSignature.Verify([_secret], headers[WebhookHeaders.Id], headers[WebhookHeaders.Timestamp], headers[WebhookHeaders.Signature], body, _now());
            Interlocked.Increment(ref _received);
            if (result.Valid) Interlocked.Increment(ref _verified);
            OnReceived?.Invoke(headers[WebhookHeaders.Id] ?? "", result.Valid, DateTimeOffset.UtcNow);
            if (_file is not null) Append(headers, body, result);
            context.Response.StatusCode = result.Valid ? 204 : 401;
        }
        catch (Exception)
        {
            context.Response.StatusCode = 500;
        }
        finally
        {
            context.Response.Close();
        }
    }

    private void Append(System.Collections.Specialized.NameValueCollection headers, byte[] body, VerificationResult result)
    {
        var headerObject = new JsonObject();
        foreach (var name in headers.AllKeys.Where(k => k is not null).OrderBy(k => k, StringComparer.Ordinal))
            headerObject[name!.ToLowerInvariant()] = headers[name];
        var line = new JsonObject { ["headers"] = headerObject, ["body"] = Encoding.UTF8.GetString(body), ["verified"] = result.Valid };
        if (!result.Valid) line["error"] = result.Error;
        var text = line.ToJsonString(LineJson);
        lock (_fileGate) _file!.WriteLine(text);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _listener.Close();
        lock (_fileGate) _file?.Dispose();
        _stop.Dispose();
    }
}
