using Hub.Core.Configuration;
using Hub.Core.Storage;
using Hub.Storage.Tables;
using Hub.Webhooks;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Signing;

namespace Hub.Integration.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class EndpointStoreTests(WebhookFixture fixture) : DeliveryTestBase(fixture)
{
    [Fact]
    public async Task Endpoints_are_added_listed_disabled_and_enabled()
    {
        var ws = Services();
        var (a, _) = await ws.Endpoints.AddAsync("http://127.0.0.1:9/a", EventTypeFilter.Parse("member.*"), "kikan system");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var (b, _) = await ws.Endpoints.AddAsync("http://localhost:9/b", EventTypeFilter.All);

        Assert.Matches("^ep_[0-9a-f]{16}$", a.Id);
        Assert.True(EndpointStore.IsEndpointId(a.Id));
        Assert.Equal(new[] { a.Id, b.Id }, (await ws.Endpoints.ListAsync()).Select(e => e.Id));
        Assert.Equal(("member.*", "kikan system", true, T0), (a.Filter.ToString(), a.Description, a.Enabled, a.CreatedAt));

        var disabled = await ws.Endpoints.DisableAsync(a.Id, "insurer maintenance");
        Assert.Equal((false, DisableCause.Operator, "insurer maintenance"), (disabled.Enabled, disabled.DisabledBy, disabled.DisabledReason));
        Assert.Equal(0, disabled.EventSequence); // an operator's decision makes no event
        var enabled = await ws.Endpoints.EnableAsync(a.Id);
        Assert.True(enabled.Enabled);

        var e = await Assert.ThrowsAsync<WebhookException>(() => ws.Endpoints.GetAsync("ep_0000000000000000"));
        Assert.Equal(WebhookErrorCodes.EndpointNotFound, e.Code);
        Assert.Null(await ws.Endpoints.FindAsync("not an id"));
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_only_the_owner_sees_them_once()
    {
        var ws = Services();
        var given = WebhookSecret.Generate();
        var (endpoint, secret) = await ws.Endpoints.AddAsync("http://127.0.0.1:9/a", EventTypeFilter.All, secret: given);
        var (_, rotated) = await ws.Endpoints.RotateSecretAsync(endpoint.Id, TimeSpan.FromHours(1));
        Assert.Equal(given.Reveal(), secret.Reveal());

        var raw = (await ws.Hub.Storage.Table(HubStorage.Tables.WebhookEndpoints).GetEntityAsync<TableEntity>(endpoint.Id, EndpointStore.EndpointRowKey)).Value;
        var stored = string.Join("\n", raw.Values.Select(v => v?.ToString()));
        Assert.DoesNotContain(given.Reveal()[6..], stored);
        Assert.DoesNotContain(rotated.Reveal()[6..], stored);
        Assert.Contains("ws1.t1.", stored);

        var signing = ws.Endpoints.SigningSecrets(await ws.Endpoints.GetAsync(endpoint.Id), Clock.GetUtcNow());
        Assert.Equal(new[] { rotated.Reveal(), given.Reveal() }, signing.Select(s => s.Reveal()));
    }

    [Fact]
    public async Task Outside_local_mode_an_unsafe_endpoint_is_refused_when_added()
    {
        var ws = Services(HubEnvironment.Azure);
        foreach (var url in new[] { "http://127.0.0.1:9/a", "https://127.0.0.1/a", "https://localhost/a", "https://10.1.2.3/a" })
            await Assert.ThrowsAsync<WebhookException>(() => ws.Endpoints.AddAsync(url, EventTypeFilter.All));
        Assert.Empty(await ws.Endpoints.ListAsync());
    }
}
