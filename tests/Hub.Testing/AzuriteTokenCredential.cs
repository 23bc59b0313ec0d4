using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Hub.Testing;

/// <summary>
/// A Microsoft Entra stand-in for Azurite's <c>--oauth basic</c> mode: mints JWTs with what Azurite checks — an issuer
/// under <c>https://sts.windows.net/</c>, the audience of the requested scope (<c>https://storage.azure.com</c> for
/// <c>https://storage.azure.com/.default</c>), <c>iat</c>/<c>nbf</c>/<c>exp</c> — plus the <c>oid</c> and <c>tid</c>
/// Azurite puts into user delegation keys. Azurite does not check signatures in basic mode; the tokens are signed
/// (HS256, a random key) only to be well-formed.
/// </summary>
public sealed class AzuriteTokenCredential : TokenCredential
{
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private int _issued;

    /// <summary>A credential for the identity <paramref name="objectId"/> in <paramref name="tenantId"/>.</summary>
    public AzuriteTokenCredential(string objectId, string tenantId, TimeSpan? lifetime = null, TimeProvider? time = null)
    {
        ObjectId = objectId;
        TenantId = tenantId;
        Lifetime = lifetime ?? TimeSpan.FromHours(1);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The identity's object id (<c>oid</c>).</summary>
    public string ObjectId { get; }

    /// <summary>The identity's tenant (<c>tid</c>).</summary>
    public string TenantId { get; }

    /// <summary>How long each token is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>How many tokens were minted (the pipeline caches them until near expiry).</summary>
    public int TokensIssued => Volatile.Read(ref _issued);

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _issued);
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var scope = requestContext.Scopes.Length == 1 ? requestContext.Scopes[0] : throw new ArgumentException("Expected one scope.", nameof(requestContext));
        var audience = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
        var header = new { alg = "HS256", typ = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = ObjectId,
            ["tid"] = TenantId,
            ["sub"] = ObjectId,
            ["ver"] = "1.0",
        };
        var unsigned = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = Base64Url(HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(unsigned)));
        return new AccessToken(unsigned + "." + signature, expires);
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
