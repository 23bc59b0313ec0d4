using Hub.Core;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Replay;
using Hub.Webhooks.Safety;

namespace Hub.Webhooks;

/// <summary>The webhook feature composed over the hub's core services (one per handler process or CLI verb).</summary>
public sealed class WebhookServices : IDisposable
{
    private WebhookServices(HubServices hub, WebhookOptions options, TimeProvider timers, IHostResolver resolver, Action<string> log)
    {
        Hub = hub;
        Options = options;
        Policy = new EndpointUrlPolicy(hub.Environment, resolver);
        Endpoints = new EndpointStore(hub.Storage, () => SecretProtector.FromSettings(hub.Settings), Policy, hub.Clock);
        Deliveries = new DeliveryStore(hub.Storage);
        Queue = new RetryQueue(hub.Storage);
        Links = new DocumentLinks(hub.Storage, options.LinkLifetime, hub.Clock.Unshifted);
        Sender = new WebhookSender(Policy, options);
        Engine = new DeliveryEngine(hub.Storage, Endpoints, Deliveries, Queue, Sender, Links, Policy, options, hub.Clock, timers, log);
        Replay = new ReplayService(Endpoints, Deliveries, Queue, Links, hub.Clock);
    }

    /// <summary>
    /// Builds the feature. <paramref name="timers"/> is what the inline 5 s retry waits on (tests pass a manual
    /// clock); <paramref name="resolver"/> resolves endpoint hosts; <paramref name="log"/> receives one line per
    /// attempt (ids, statuses and timings only).
    /// </summary>
    public static WebhookServices Create(HubServices hub, WebhookOptions? options = null, TimeProvider? timers = null,
        IHostResolver? resolver = null, Action<string>? log = null) =>
        new(hub, options ?? WebhookOptions.FromSettings(hub.Settings), timers ?? TimeProvider.System, resolver ?? new DnsHostResolver(), log ?? (_ => { }));

    /// <summary>The core services.</summary>
    public HubServices Hub { get; }

    /// <summary>The options in force.</summary>
    public WebhookOptions Options { get; }

    /// <summary>Which URLs may be called.</summary>
    public EndpointUrlPolicy Policy { get; }

    /// <summary>Endpoints and their secrets.</summary>
    public EndpointStore Endpoints { get; }

    /// <summary>Delivery records.</summary>
    public DeliveryStore Deliveries { get; }

    /// <summary>The schedule of due attempts.</summary>
    public RetryQueue Queue { get; }

    /// <summary>Document links in payloads.</summary>
    public DocumentLinks Links { get; }

    /// <summary>The HTTP sender.</summary>
    public WebhookSender Sender { get; }

    /// <summary>Delivery and retries.</summary>
    public DeliveryEngine Engine { get; }

    /// <summary>Replay and resend.</summary>
    public ReplayService Replay { get; }

    /// <inheritdoc />
    public void Dispose() => Sender.Dispose();
}
