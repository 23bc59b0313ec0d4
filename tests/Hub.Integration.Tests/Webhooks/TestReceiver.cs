using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel): records every request (headers, raw body) and answers from a
/// script (status, headers, body, delay); when the script is empty it answers <see cref="DefaultStatus"/>.
/// </summary>
internal sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private TestReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL (http://127.0.0.1:port/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The webhook URL (<c>/hooks</c>).</summary>
    public string Url => new Uri(Address, "hooks").AbsoluteUri;

    /// <summary>The answer when the script is empty.</summary>
    public int DefaultStatus { get; set; } = 204;

    /// <summary>Requests so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => _received.ToList();

    /// <summary>Queues replies for the next requests.</summary>
    public TestReceiver Reply(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
        return this;
    }

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Address = new Uri(app.Urls.First() + "/");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body.ToArray()));
        var reply = _script.TryDequeue(out var r) ? r : new Reply(DefaultStatus);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (reply.Body is { } text) await context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A scripted answer.</summary>
internal sealed record Reply(int Status, Dictionary<string, string>? Headers = null, string? Body = null, TimeSpan Delay = default);

/// <summary>A request as the receiver got it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string WebhookId => Headers["webhook-id"];

    public long Timestamp => long.Parse(Headers["webhook-timestamp"]);

    public string Signature => Headers["webhook-signature"];
}
