using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Core;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Functions.Protocol;
using Hub.LocalHost;
using Hub.LocalHost.Config;
using Hub.LocalHost.Triggers;
using Hub.Testing;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>The real function app under the local host: dispatch messages on <c>webhook-delivery</c>, real receivers.</summary>
public sealed class WebhookEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly HashSet<string> WebhookFunctions = ["DeliverWebhooks", "RetryWebhooks"];

    [Fact]
    public async Task A_dispatched_event_reaches_every_subscriber_once_and_a_410_tells_the_others()
    {
        await using var insurer = await TestReceiver.StartAsync();
        await using var gone = await TestReceiver.StartAsync();
        await using var ops = await TestReceiver.StartAsync();
        insurer.Reply(new Reply(500, Body: "warming up")); // the 5 s retry in the same invocation succeeds
        gone.Reply(new Reply(410));
        await using var app = new HubApp(azurite.Azurite);
        await app.StartAsync(WebhookFunctions);
        using var ws = WebhookServices.Create(app.Services);
        var (main, secret) = await ws.Endpoints.AddAsync(insurer.Url, EventTypeFilter.Parse("member.*"));
        var (old, _) = await ws.Endpoints.AddAsync(gone.Url, EventTypeFilter.Parse("member.registered"));
        var (watcher, watcherSecret) = await ws.Endpoints.AddAsync(ops.Url, EventTypeFilter.Parse("endpoint.disabled"));

        // A producer step commits the event with its state change, then outputs the dispatch; a redelivered step
        // (or a retried output) sends the same dispatch again.
        var dispatch = await CommitAsync(app.Services, "M0007");
        var bus = new LocalServiceBus(app.Account);
        var body = JsonSerializer.SerializeToUtf8Bytes(dispatch, HostJson.Options);
        await bus.SendAsync("webhook-delivery", body, CancellationToken.None);
        await bus.SendAsync("webhook-delivery", body, CancellationToken.None);
        await app.RunUntilIdleAsync();

        Assert.Equal(2, insurer.Received.Count);
        Assert.All(insurer.Received, r => Assert.Equal(dispatch.EventId, r.WebhookId));
        Assert.All(insurer.Received, r => DeliveryTestBase.AssertVerified(r, secret));
        var delivery = await ws.Deliveries.GetAsync(main.Id, dispatch.EventId);
        Assert.Equal((DeliveryStatus.Delivered, 2), (delivery!.Status, delivery.Attempts));
        Assert.Single(await ws.Deliveries.QueryAsync(main.Id).ToListAsync());

        Assert.Single(gone.Received);
        Assert.False((await ws.Endpoints.GetAsync(old.Id)).Enabled);
        var notice = Assert.Single(ops.Received);
        DeliveryTestBase.AssertVerified(notice, watcherSecret);
        var json = JsonNode.Parse(notice.Body)!;
        Assert.Equal("endpoint.disabled", json["type"]!.GetValue<string>());
        Assert.Equal(old.Id, json["data"]!["endpointId"]!.GetValue<string>());
        Assert.True((await ws.Endpoints.GetAsync(old.Id)).DisabledEventDispatched);

        // The logs carry ids and outcomes, never bodies or secrets.
        var logs = app.HostLog + app.HandlerLog;
        Assert.Contains(dispatch.EventId, logs);
        Assert.DoesNotContain(secret.Reveal()[6..], logs);
        Assert.DoesNotContain("M0007", logs);
        Assert.DoesNotContain("warming up", logs);
    }

    [Fact]
    public async Task A_restarted_host_continues_the_retry_schedule_from_storage()
    {
        await using var insurer = await TestReceiver.StartAsync();
        insurer.Reply(new Reply(503), new Reply(503));
        EventDispatch dispatch;
        WebhookEndpoint endpoint;
        AppSettings settings;
        var app = new HubApp(azurite.Azurite);
        await using (app)
        {
            await app.StartAsync(new HashSet<string> { "DeliverWebhooks" });
            settings = app.Settings;
            using var ws = WebhookServices.Create(app.Services);
            (endpoint, _) = await ws.Endpoints.AddAsync(insurer.Url, EventTypeFilter.All);
            dispatch = await CommitAsync(app.Services, "M0008");
            await new LocalServiceBus(app.Account).SendAsync("webhook-delivery", JsonSerializer.SerializeToUtf8Bytes(dispatch, HostJson.Options), CancellationToken.None);
            await app.RunUntilIdleAsync();
            var pending = await ws.Deliveries.GetAsync(endpoint.Id, dispatch.EventId);
            Assert.Equal((DeliveryStatus.Pending, 2), (pending!.Status, pending.Attempts));
        }
        Assert.Equal(2, insurer.Received.Count);

        // A new host process with only the timer. Its clock runs a day ahead (Hub__Clock__AsOf), so the
        // 5-minute retry is due; the timer fires every 2 seconds.
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1);
        var values = new Dictionary<string, string>(settings.Values)
        {
            ["Hub__Clock__AsOf"] = tomorrow.ToString("yyyy-MM-dd"),
            ["WebhookRetrySchedule"] = "*/2 * * * * *",
        };
        var logs = Directory.CreateTempSubdirectory("hub-webhook-restart-").FullName;
        await using (await FunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = RepoPaths.Combine("functions"),
            Settings = new AppSettings(values),
            Functions = new HashSet<string> { "RetryWebhooks" },
            LogDirectory = logs,
        }))
        {
            var services = new HubServices(Core.Configuration.Settings.FromDictionary(values));
            using var ws = WebhookServices.Create(services);
            for (var i = 0; i < 300 && (await ws.Deliveries.GetAsync(endpoint.Id, dispatch.EventId))!.Status == DeliveryStatus.Pending; i++)
                await Task.Delay(200);
            var delivered = await ws.Deliveries.GetAsync(endpoint.Id, dispatch.EventId);
            Assert.True(delivered!.Status == DeliveryStatus.Delivered, File.ReadAllText(Path.Combine(logs, "host.log")));
            Assert.Equal(3, delivered.Attempts);
        }
        Assert.Equal(3, insurer.Received.Count);
        Assert.Single(insurer.Received.Select(r => r.WebhookId).Distinct());
    }

    private static async Task<EventDispatch> CommitAsync(HubServices hub, string memberId)
    {
        var subject = $"member/{memberId}";
        var e = new HubEvent(HubEvent.DeterministicId(subject, EventTypes.MemberRegistered, "1"), EventTypes.MemberRegistered, subject, 1,
            hub.Clock.GetUtcNow(), new JsonObject { ["memberId"] = memberId, ["change"] = "created" });
        await hub.Storage.Table(HubStorage.Tables.Members).SubmitTransactionAsync([EventOutbox.Append(memberId, e)]);
        return EventOutbox.Dispatch(HubStorage.Tables.Members, memberId, e);
    }
}
