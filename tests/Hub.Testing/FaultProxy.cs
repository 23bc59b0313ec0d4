using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Testing;

/// <summary>
/// A loopback HTTP proxy in front of a real service that injects faults: the next N requests get a chosen
/// status (e.g. 503), then requests pass through unchanged. Shared Key signatures cover the path, not
/// the host, so signed storage requests stay valid through it.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HttpClient Forwarder = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly WebApplication _app;
    private readonly Uri _target;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _faults = new();
    private int _requests;
    private int _faulted;

    private FaultProxy(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
    }

    /// <summary>The proxy's base address (http://127.0.0.1:port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests answered with an injected fault so far.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, string? retryAfter = null)
    {
        for (var i = 0; i < count; i++) _faults.Enqueue(((int)status, retryAfter));
    }

    /// <summary>Starts a proxy forwarding to <paramref name="target"/> (scheme, host and port; the path is kept from the request).</summary>
    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultProxy(app, target);
        app.Run(proxy.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        proxy.Address = new Uri(app.Urls.First());
        return proxy;
    }

    /// <summary>Rewrites <paramref name="uri"/> (a URI of the target) to go through the proxy.</summary>
    public Uri Rewrite(Uri uri) => new UriBuilder(uri) { Host = Address.Host, Port = Address.Port }.Uri;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (_faults.TryDequeue(out var fault))
        {
            Interlocked.Increment(ref _faulted);
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is not null) context.Response.Headers.RetryAfter = fault.RetryAfter;
            await context.Response.WriteAsync("injected fault").ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var uri = new UriBuilder(_target) { Path = request.Path.ToUriComponent(), Query = request.QueryString.Value?.TrimStart('?') ?? "" }.Uri;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body).ConfigureAwait(false);
        if (body.Length > 0 || request.ContentLength is not null)
        {
            body.Position = 0;
            forward.Content = new StreamContent(body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
        }

        using var response = await Forwarder.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
