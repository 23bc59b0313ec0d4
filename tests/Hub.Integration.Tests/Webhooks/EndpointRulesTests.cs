using System.Net;
using System.Security.Cryptography;
using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Webhooks;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Safety;
using Hub.Webhooks.Signing;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>Endpoint rules without storage: event-type filters, URL safety, secret encryption, durations.</summary>
public sealed class EndpointRulesTests
{
    [Theory]
    [InlineData(null, "member.registered", true)]
    [InlineData("", "endpoint.disabled", true)]
    [InlineData("*", "reminder.sent", true)]
    [InlineData("member.*", "member.registered", true)]
    [InlineData("member.*", "member.withdrawn", true)]
    [InlineData("member.*", "notice.issued", false)]
    [InlineData("notice.issued,certificate.*", "certificate.not_required", true)]
    [InlineData("notice.issued, certificate.issued", "certificate.not_required", false)]
    [InlineData("notice.issued", "notice.issued", true)]
    public void Filters_event_types(string? filter, string type, bool expected) => Assert.Equal(expected, EventTypeFilter.Parse(filter).Matches(type));

    [Theory]
    [InlineData("member.registerd")]
    [InlineData("members.*")]
    [InlineData("notice")]
    [InlineData("notice.issued,bogus")]
    public void Refuses_unknown_event_types(string filter)
    {
        var e = Assert.Throws<WebhookException>(() => EventTypeFilter.Parse(filter));
        Assert.Equal(WebhookErrorCodes.EventTypeUnknown, e.Code);
        Assert.Contains("イベント種別", e.Message);
    }

    [Fact]
    public void Every_catalog_type_can_be_subscribed_alone()
    {
        foreach (var type in EventTypes.All)
        {
            var filter = EventTypeFilter.Parse(type);
            Assert.Equal(type, filter.ToString());
            Assert.Equal(EventTypes.All.Where(t => t == type), EventTypes.All.Where(filter.Matches));
        }
    }

    [Theory]
    [InlineData("http://hooks.example.com/x", WebhookErrorCodes.UrlNotHttps)]
    [InlineData("ftp://hooks.example.com/x", WebhookErrorCodes.UrlInvalid)]
    [InlineData("/relative", WebhookErrorCodes.UrlInvalid)]
    [InlineData("https://user:pw@hooks.example.com/", WebhookErrorCodes.UrlInvalid)]
    [InlineData("https://hooks.example.com/#frag", WebhookErrorCodes.UrlInvalid)]
    [InlineData("https://127.0.0.1/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://localhost:8443/hooks", WebhookErrorCodes.AddressRefused)] // resolves to loopback through the real resolver
    [InlineData("https://10.0.0.5/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://172.20.1.1/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://192.168.1.10/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://169.254.169.254/latest/meta-data", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://[::1]/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://[fe80::1]/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://[fd00::1]/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", WebhookErrorCodes.AddressRefused)]
    [InlineData("https://0.0.0.0/hooks", WebhookErrorCodes.AddressRefused)]
    public async Task Outside_local_mode_only_public_https_endpoints_are_allowed(string url, string code)
    {
        var policy = new EndpointUrlPolicy(HubEnvironment.Azure, new DnsHostResolver());
        var e = await Assert.ThrowsAsync<WebhookException>(() => policy.ValidateAsync(url, CancellationToken.None));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public async Task Outside_local_mode_a_host_resolving_to_any_private_address_is_refused()
    {
        // One public and one private answer: the private one could be picked when connecting, so refuse.
        var policy = new EndpointUrlPolicy(HubEnvironment.Azure, new ScriptedResolver(IPAddress.Parse("20.43.0.1"), IPAddress.Parse("10.0.0.7")));
        var e = await Assert.ThrowsAsync<WebhookException>(() => policy.ValidateAsync("https://hooks.insurer.example/x", CancellationToken.None));
        Assert.Equal(WebhookErrorCodes.AddressRefused, e.Code);
        Assert.Contains("10.0.0.7", e.Message);
        Assert.Contains("公開アドレス", e.Message);
    }

    [Fact]
    public async Task Outside_local_mode_a_public_https_host_is_allowed()
    {
        var policy = new EndpointUrlPolicy(HubEnvironment.Azure, new ScriptedResolver(IPAddress.Parse("20.43.0.1")));
        var uri = await policy.ValidateAsync("https://hooks.insurer.example/webhooks", CancellationToken.None);
        Assert.Equal("https://hooks.insurer.example/webhooks", uri.AbsoluteUri);
    }

    [Fact]
    public async Task An_unresolvable_host_is_refused()
    {
        var policy = new EndpointUrlPolicy(HubEnvironment.Azure, new DnsHostResolver());
        var e = await Assert.ThrowsAsync<WebhookException>(() => policy.ValidateAsync("https://no-such-host.invalid/x", CancellationToken.None));
        Assert.Equal(WebhookErrorCodes.HostUnresolvable, e.Code);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071/hooks")]
    [InlineData("http://localhost:7071/hooks")]
    [InlineData("http://[::1]:7071/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://10.0.0.5/hooks")]
    public async Task Locally_http_to_loopback_and_any_https_are_allowed(string url) =>
        await new EndpointUrlPolicy(HubEnvironment.Local, new DnsHostResolver()).ValidateAsync(url, CancellationToken.None);

    [Theory]
    [InlineData("http://10.0.0.5/hooks")]
    [InlineData("http://192.168.0.2:8080/hooks")]
    public async Task Locally_http_elsewhere_than_loopback_is_refused(string url)
    {
        var e = await Assert.ThrowsAsync<WebhookException>(() => new EndpointUrlPolicy(HubEnvironment.Local, new DnsHostResolver()).ValidateAsync(url, CancellationToken.None));
        Assert.Equal(WebhookErrorCodes.AddressRefused, e.Code);
        Assert.Contains("ループバック", e.Message);
    }

    [Fact]
    public void Secrets_are_encrypted_per_endpoint_and_survive_key_rotation()
    {
        var k1 = RandomNumberGenerator.GetBytes(32);
        var k2 = RandomNumberGenerator.GetBytes(32);
        var before = new SecretProtector(new Dictionary<string, byte[]> { ["k1"] = k1 }, "k1");
        var secret = WebhookSecret.Generate();
        var cipher = before.Protect(secret, "ep_0000000000000001", "s1");
        Assert.StartsWith("ws1.k1.", cipher);
        Assert.DoesNotContain(secret.Reveal()[6..], cipher);
        Assert.Equal(secret.Reveal(), before.Unprotect(cipher, "ep_0000000000000001", "s1").Reveal());

        // After rotation to k2 the old ciphertext still opens; new ones use k2.
        var after = new SecretProtector(new Dictionary<string, byte[]> { ["k1"] = k1, ["k2"] = k2 }, "k2");
        Assert.Equal(secret.Reveal(), after.Unprotect(cipher, "ep_0000000000000001", "s1").Reveal());
        Assert.Equal("k2", SecretProtector.KeyIdOf(after.Protect(secret, "ep_0000000000000001", "s2")));

        // Bound to its endpoint and secret id: moved elsewhere, it does not open.
        Assert.ThrowsAny<CryptographicException>(() => before.Unprotect(cipher, "ep_0000000000000002", "s1"));
        Assert.ThrowsAny<CryptographicException>(() => before.Unprotect(cipher, "ep_0000000000000001", "s2"));
        var tampered = cipher[..^2] + (cipher[^2] == 'A' ? "B" : "A") + cipher[^1];
        Assert.ThrowsAny<CryptographicException>(() => before.Unprotect(tampered, "ep_0000000000000001", "s1"));
        Assert.Throws<HubConfigurationException>(() => new SecretProtector(new Dictionary<string, byte[]> { ["k2"] = k2 }, "k2").Unprotect(cipher, "ep_0000000000000001", "s1"));
    }

    [Theory]
    [InlineData("k1:AAEC", "32 bytes")]
    [InlineData("k1", "id:base64key")]
    [InlineData("k1:not-base64!", "not valid base64")]
    public void Bad_secret_key_settings_fail_clearly(string value, string message)
    {
        var settings = Settings.FromDictionary(new Dictionary<string, string> { ["Hub__Webhooks__SecretKeys"] = value });
        var e = Assert.Throws<HubConfigurationException>(() => SecretProtector.FromSettings(settings));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("24h", 86400)]
    [InlineData("90m", 5400)]
    [InlineData("30s", 30)]
    [InlineData("7d", 604800)]
    [InlineData("0h", 0)]
    [InlineData("1.00:00:00", 86400)]
    [InlineData("00:15:00", 900)]
    public void Reads_durations(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookOptions.ParseDuration(text));

    [Theory]
    [InlineData("-1h")]
    [InlineData("soon")]
    [InlineData("5x")]
    public void Refuses_bad_durations(string text) =>
        Assert.Equal(WebhookErrorCodes.TimeInvalid, Assert.Throws<WebhookException>(() => WebhookOptions.ParseDuration(text)).Code);

    [Fact]
    public void Options_come_from_settings_with_defaults()
    {
        var defaults = WebhookOptions.FromSettings(Settings.FromDictionary(new Dictionary<string, string>()));
        Assert.Equal(TimeSpan.FromHours(24), defaults.RotationGrace);
        Assert.Equal(TimeSpan.FromDays(7), defaults.LinkLifetime);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.RequestTimeout);
        var set = WebhookOptions.FromSettings(Settings.FromDictionary(new Dictionary<string, string>
        {
            ["Hub__Webhooks__RotationGrace"] = "2h", ["Hub__Webhooks__LinkLifetime"] = "3d",
        }));
        Assert.Equal(TimeSpan.FromHours(2), set.RotationGrace);
        Assert.Equal(TimeSpan.FromDays(3), set.LinkLifetime);
        Assert.Throws<HubConfigurationException>(() => WebhookOptions.FromSettings(Settings.FromDictionary(new Dictionary<string, string> { ["Hub__Webhooks__LinkLifetime"] = "week" })));
    }
}

/// <summary>A resolver answering from a script (one answer per call; the last repeats): plays DNS rebinding.</summary>
internal sealed class ScriptedResolver(params IPAddress[][] answers) : IHostResolver
{
    private int _calls;

    public ScriptedResolver(params IPAddress[] addresses) : this([addresses])
    {
    }

    public int Calls => _calls;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        return Task.FromResult(answers[Math.Min(call, answers.Length - 1)]);
    }
}
