using System.Text.Json.Nodes;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;
using Hub.Testing;
using Hub.Webhooks;
using Hub.Webhooks.Safety;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// One Azurite storage account for the webhook tests (the webhook tables have fixed names, so each test clears
/// them first; the classes of <see cref="WebhookCollection"/> run one test at a time).
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    /// <summary>A fixed webhook secret key (tests only).</summary>
    public const string SecretKeys = "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static readonly string[] WebhookTables =
        [HubStorage.Tables.WebhookEndpoints, HubStorage.Tables.WebhookDeliveries, HubStorage.Tables.WebhookSchedule, HubStorage.Tables.Members];

    public StorageConnection Account { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteInstance.Shared;
        Account = azurite.LeaseAccount();
        await Hub(new ManualClock(DateTimeOffset.UtcNow)).Storage.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Core services on this account with <paramref name="clock"/>.</summary>
    public HubServices Hub(TimeProvider clock, HubEnvironment environment = HubEnvironment.Local, DateOnly? asOf = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["HubStorage"] = Account.ToConnectionString(),
            ["Hub__Environment"] = environment.ToString(),
            ["Hub__Webhooks__SecretKeys"] = SecretKeys,
        };
        if (asOf is { } day) settings["Hub__Clock__AsOf"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new(Settings.FromDictionary(settings), clock);
    }

    /// <summary>The webhook feature on this account; the manual clock also drives the inline retry wait.</summary>
    public WebhookServices Webhooks(ManualClock clock, HubEnvironment environment = HubEnvironment.Local, WebhookOptions? options = null,
        IHostResolver? resolver = null, List<string>? log = null, DateOnly? asOf = null) =>
        WebhookServices.Create(Hub(clock, environment, asOf), options, clock, resolver, log is null ? null : line => { lock (log) log.Add(line); });

    /// <summary>Empties the webhook tables and the outbox table the tests write events into.</summary>
    public async Task ResetAsync()
    {
        var tables = Account.CreateTableServiceClient();
        foreach (var name in WebhookTables)
        {
            var table = tables.GetTableClient(name);
            var keys = new List<(string, string)>();
            await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])) keys.Add((e.PartitionKey, e.RowKey));
            foreach (var (pk, rk) in keys) await table.DeleteEntityAsync(pk, rk);
        }
    }

    /// <summary>Commits an event into a member's partition of <c>Members</c> as a producer does, and returns its dispatch.</summary>
    public async Task<EventDispatch> CommitEventAsync(HubServices hub, string type, string memberId, long sequence, JsonObject data, DateTimeOffset? occurredAt = null)
    {
        var subject = $"member/{memberId}";
        var e = new HubEvent(HubEvent.DeterministicId(subject, type, sequence.ToString()), type, subject, sequence,
            occurredAt ?? hub.Clock.GetUtcNow(), data);
        var members = hub.Storage.Table(HubStorage.Tables.Members);
        await members.SubmitTransactionAsync([EventOutbox.Append(memberId, e)]);
        return EventOutbox.Dispatch(HubStorage.Tables.Members, memberId, e);
    }
}

/// <summary>The webhook test classes that share one <see cref="WebhookFixture"/> account (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Webhook storage";
}
