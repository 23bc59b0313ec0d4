using System.Security.Cryptography;
using System.Text;
using Hub.Core.Configuration;
using Hub.Webhooks.Signing;

namespace Hub.Webhooks.Endpoints;

/// <summary>
/// Encrypts endpoint signing secrets at rest: AES-256-GCM under a key from settings, the key id inside the
/// ciphertext (<c>ws1.{keyId}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>) so keys rotate, and the endpoint and
/// secret ids as associated data so a ciphertext cannot be moved to another endpoint.
/// Settings: <c>Hub__Webhooks__SecretKeys</c> = <c>id:base64;id2:base64</c> (32-byte keys),
/// <c>Hub__Webhooks__ActiveSecretKey</c> = the id that encrypts (default: the last one).
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "ws1";
    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private readonly string _active;

    /// <summary>Creates a protector; every key must be 32 bytes and the active id among them.</summary>
    public SecretProtector(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        if (keys.Count == 0) throw new HubConfigurationException("No webhook secret key is configured (Hub__Webhooks__SecretKeys).");
        foreach (var (id, key) in keys)
        {
            if (key.Length != 32) throw new HubConfigurationException($"Webhook secret key '{id}' must be 32 bytes (AES-256), not {key.Length}.");
            if (id.Length is 0 or > 32 || !id.All(char.IsAsciiLetterOrDigit))
                throw new HubConfigurationException($"Webhook secret key id '{id}' must be 1–32 ASCII letters or digits.");
        }
        if (!keys.ContainsKey(activeKeyId)) throw new HubConfigurationException($"The active webhook secret key '{activeKeyId}' is not configured.");
        _keys = keys;
        _active = activeKeyId;
    }

    /// <summary>From <c>Hub__Webhooks__SecretKeys</c> and <c>Hub__Webhooks__ActiveSecretKey</c>.</summary>
    public static SecretProtector FromSettings(Settings settings)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in settings.Require("Hub__Webhooks__SecretKeys").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':');
            if (colon <= 0) throw new HubConfigurationException("Hub__Webhooks__SecretKeys must look like 'id:base64key;id2:base64key'.");
            try
            {
                keys[entry[..colon]] = Convert.FromBase64String(entry[(colon + 1)..]);
            }
            catch (FormatException e)
            {
                throw new HubConfigurationException("Hub__Webhooks__SecretKeys holds a key that is not valid base64.", e);
            }
        }
        return new SecretProtector(keys, settings.Get("Hub__Webhooks__ActiveSecretKey") ?? keys.Keys.LastOrDefault() ?? "");
    }

    /// <summary>The id of the key new ciphertexts use.</summary>
    public string ActiveKeyId => _active;

    /// <summary>Encrypts a secret for one endpoint.</summary>
    public string Protect(WebhookSecret secret, string endpointId, string secretId)
    {
        var plain = Encoding.ASCII.GetBytes(secret.Reveal());
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(_keys[_active], 16))
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(endpointId, secretId));
        CryptographicOperations.ZeroMemory(plain);
        return $"{Prefix}.{_active}.{Base64Url([.. nonce, .. cipher, .. tag])}";
    }

    /// <summary>Decrypts a secret of one endpoint.</summary>
    /// <exception cref="CryptographicException">Altered, moved to another endpoint, or the key is wrong.</exception>
    public WebhookSecret Unprotect(string ciphertext, string endpointId, string secretId)
    {
        var parts = ciphertext.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix) throw new CryptographicException("Not a protected webhook secret (expected ws1.{keyId}.{payload}).");
        if (!_keys.TryGetValue(parts[1], out var key))
            throw new HubConfigurationException($"Webhook secret key '{parts[1]}' is not configured (needed to decrypt).");
        var payload = FromBase64Url(parts[2]);
        if (payload.Length < 12 + 16 + 1) throw new CryptographicException("Protected webhook secret is truncated.");
        var plain = new byte[payload.Length - 28];
        using (var aes = new AesGcm(key, 16))
            aes.Decrypt(payload.AsSpan(0, 12), payload.AsSpan(12, plain.Length), payload.AsSpan(payload.Length - 16), plain, AssociatedData(endpointId, secretId));
        try
        {
            return WebhookSecret.Parse(Encoding.ASCII.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The key id a ciphertext was made with.</summary>
    public static string KeyIdOf(string ciphertext) => ciphertext.Split('.') is [Prefix, var id, _] ? id : "";

    private static byte[] AssociatedData(string endpointId, string secretId) => Encoding.UTF8.GetBytes($"hub/webhook-secret/v1/{endpointId}/{secretId}");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
