using System.Net;
using System.Net.Sockets;
using Hub.Core.Configuration;

namespace Hub.Webhooks.Safety;

/// <summary>Resolves host names (replaceable so tests can play a DNS rebinding).</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/> (an IP literal resolves to itself).</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? Task.FromResult(new[] { literal }) : Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// Which endpoint URLs the hub may call (SSRF protection). Outside local mode: https only, and every address
/// the host resolves to must be public (not private, loopback, link-local, unique-local, …). Locally
/// (<see cref="HubEnvironment.Local"/>): https anywhere, http only to loopback. Checked when an endpoint is
/// added and again when connecting (the sender connects to the very addresses it checked, so a DNS answer
/// that changes between check and connect — DNS rebinding — cannot slip through).
/// </summary>
public sealed class EndpointUrlPolicy(HubEnvironment environment, IHostResolver resolver)
{
    /// <summary>The environment the rules are for.</summary>
    public HubEnvironment Environment { get; } = environment;

    /// <summary>Checks the URL's form and scheme (no DNS).</summary>
    /// <exception cref="WebhookException">Not an absolute http(s) URL, credentials or fragment present, or http outside local mode.</exception>
    public Uri Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new WebhookException(WebhookErrorCodes.UrlInvalid, "The endpoint URL must be an absolute http(s) URL.",
                "エンドポイントの URL は http(s) の絶対 URL にしてください。");
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
            throw new WebhookException(WebhookErrorCodes.UrlInvalid, "The endpoint URL must not carry credentials or a fragment (#…).",
                "エンドポイントの URL に認証情報やフラグメント (#…) を含めないでください。");
        if (uri.Scheme == "http" && Environment != HubEnvironment.Local)
            throw new WebhookException(WebhookErrorCodes.UrlNotHttps, "Webhook endpoints must use https.",
                "Webhook のエンドポイントには https を使用してください。");
        return uri;
    }

    /// <summary>Checks the URL and what its host resolves to now.</summary>
    public async Task<Uri> ValidateAsync(string url, CancellationToken cancellationToken)
    {
        var uri = Parse(url);
        await ResolveAllowedAsync(uri, cancellationToken).ConfigureAwait(false);
        return uri;
    }

    /// <summary>Resolves the URL's host and returns its addresses if every one is allowed.</summary>
    /// <exception cref="WebhookException">Unresolvable, or an address is not allowed.</exception>
    public async Task<IPAddress[]> ResolveAllowedAsync(Uri uri, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw Unresolvable(uri, e);
        }
        if (addresses.Length == 0) throw Unresolvable(uri, null);
        CheckAddresses(uri, addresses);
        return addresses;
    }

    /// <summary>Throws unless every address may be called for this URL.</summary>
    public void CheckAddresses(Uri uri, IReadOnlyList<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            var kind = AddressClass.Of(address);
            var allowed = Environment == HubEnvironment.Local
                ? uri.Scheme == "https" || kind == AddressKind.Loopback
                : kind == AddressKind.Public;
            if (allowed) continue;
            var local = Environment == HubEnvironment.Local;
            throw new WebhookException(WebhookErrorCodes.AddressRefused,
                local
                    ? $"Locally, http endpoints must be on loopback; {uri.Host} resolves to {address} ({kind})."
                    : $"{uri.Host} resolves to {address} ({kind}); webhook endpoints must be public addresses.",
                local
                    ? $"ローカルでは http のエンドポイントはループバックに限ります。{uri.Host} は {address} ({kind}) です。"
                    : $"{uri.Host} は {address} ({kind}) に解決されます。Webhook のエンドポイントは公開アドレスに限ります。");
        }
    }

    private static WebhookException Unresolvable(Uri uri, Exception? inner) => new(WebhookErrorCodes.HostUnresolvable,
        $"The host {uri.Host} does not resolve.", $"ホスト {uri.Host} の名前解決ができません。", inner);
}
