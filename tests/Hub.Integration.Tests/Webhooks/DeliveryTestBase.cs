using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Testing;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Safety;
using Hub.Webhooks.Signing;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// Shared arrangement for delivery tests: a clean storage account, a manual clock that starts now (to the
/// second; SAS links are checked by Azurite against real time) and jumps through the inline 5 s wait, and
/// real loopback receivers.
/// </summary>
public abstract class DeliveryTestBase(WebhookFixture fixture) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly List<WebhookServices> _services = [];

    protected WebhookFixture Fixture { get; } = fixture;

    protected DateTimeOffset T0 { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    protected ManualClock Clock { get; private set; } = null!;

    protected List<string> Log { get; } = [];

    public async Task InitializeAsync()
    {
        Clock = new ManualClock(T0) { AutoAdvance = true };
        await Fixture.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _services) s.Dispose();
        foreach (var d in _disposables) await d.DisposeAsync();
    }

    /// <summary>A webhook "host": services over the shared storage (a new one = a restarted handler).</summary>
    protected WebhookServices Services(HubEnvironment environment = HubEnvironment.Local, WebhookOptions? options = null, IHostResolver? resolver = null,
        DateOnly? asOf = null)
    {
        var services = Fixture.Webhooks(Clock, environment, options, resolver, Log, asOf);
        _services.Add(services);
        return services;
    }

    internal async Task<TestReceiver> ReceiverAsync(params Reply[] replies)
    {
        var receiver = await TestReceiver.StartAsync();
        _disposables.Add(receiver);
        return receiver.Reply(replies);
    }

    protected static async Task<(WebhookEndpoint Endpoint, WebhookSecret Secret)> AddEndpointAsync(WebhookServices ws, string url, string? events = null) =>
        await ws.Endpoints.AddAsync(url, EventTypeFilter.Parse(events), "test");

    protected Task<EventDispatch> CommitAsync(WebhookServices ws, string memberId = "M0001", long sequence = 1, JsonObject? data = null,
        string type = EventTypes.MemberRegistered) =>
        Fixture.CommitEventAsync(ws.Hub, type, memberId, sequence, data ?? new JsonObject { ["memberId"] = memberId, ["change"] = "created" });

    protected static async Task<WebhookDelivery> DeliveryAsync(WebhookServices ws, string endpointId, string eventId) =>
        await ws.Deliveries.GetAsync(endpointId, eventId) ?? throw new Xunit.Sdk.XunitException($"no delivery {endpointId}.{eventId}");

    internal static void AssertVerified(ReceivedRequest request, params WebhookSecret[] secrets)
    {
        var result = WebhookSignature.Verify(secrets, request.WebhookId, request.Headers["webhook-timestamp"], request.Signature, request.Body,
            DateTimeOffset.FromUnixTimeSeconds(request.Timestamp));
        Assert.True(result.Valid, result.Error);
    }

    internal static JsonObject Json(ReceivedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    protected async Task<IReadOnlyList<DueAttempt>> ScheduleAsync(WebhookServices ws) => await ws.Queue.DueAsync(DateTimeOffset.MaxValue.AddDays(-1), 1000);

    protected static string Pretty(object value) => JsonSerializer.Serialize(value);
}
