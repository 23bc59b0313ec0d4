using Hub.Core.Configuration;

namespace Hub.Core.Security;

/// <summary>
/// Keys for My Numbers at rest: AES-256 data keys by id (the active one encrypts; all decrypt, so keys
/// rotate without re-encrypting everything at once) and a separate HMAC key for the keyed-hash index.
/// Settings: <c>Hub__MyNumber__Keys</c> = <c>id:base64;id2:base64</c>, <c>Hub__MyNumber__ActiveKey</c> = id,
/// <c>Hub__MyNumber__IndexKey</c> = base64. In Azure they are Key Vault references.
/// </summary>
public sealed class MyNumberKeyRing
{
    private readonly IReadOnlyDictionary<string, byte[]> _keys;

    /// <summary>Creates a key ring; every key must be 32 bytes.</summary>
    public MyNumberKeyRing(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId, byte[] indexKey)
    {
        if (keys.Count == 0) throw new HubConfigurationException("No My Number encryption key is configured.");
        foreach (var (id, key) in keys)
        {
            if (key.Length != 32) throw new HubConfigurationException($"My Number key '{id}' must be 32 bytes (AES-256), not {key.Length}.");
            if (id.Length is 0 or > 32 || !id.All(char.IsAsciiLetterOrDigit))
                throw new HubConfigurationException($"My Number key id '{id}' must be 1–32 ASCII letters or digits.");
        }
        if (!keys.ContainsKey(activeKeyId)) throw new HubConfigurationException($"The active My Number key '{activeKeyId}' is not among the configured keys.");
        if (indexKey.Length < 32) throw new HubConfigurationException("The My Number index key must be at least 32 bytes.");
        _keys = keys;
        ActiveKeyId = activeKeyId;
        IndexKey = indexKey;
    }

    /// <summary>The id of the key new ciphertexts use.</summary>
    public string ActiveKeyId { get; }

    /// <summary>The HMAC key of the keyed-hash index.</summary>
    internal byte[] IndexKey { get; }

    /// <summary>A data key by id.</summary>
    internal byte[] Key(string id) =>
        _keys.TryGetValue(id, out var key) ? key : throw new HubConfigurationException($"My Number key '{id}' is not configured (needed to decrypt).");

    /// <summary>Reads the key ring from settings.</summary>
    public static MyNumberKeyRing FromSettings(Settings settings)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in settings.Require("Hub__MyNumber__Keys").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':');
            if (colon <= 0) throw new HubConfigurationException("Hub__MyNumber__Keys must look like 'id:base64key;id2:base64key'.");
            keys[entry[..colon]] = Decode(entry[(colon + 1)..], "Hub__MyNumber__Keys");
        }
        var active = settings.Get("Hub__MyNumber__ActiveKey") ?? keys.Keys.Last();
        return new MyNumberKeyRing(keys, active, Decode(settings.Require("Hub__MyNumber__IndexKey"), "Hub__MyNumber__IndexKey"));
    }

    private static byte[] Decode(string base64, string setting)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new HubConfigurationException($"{setting} holds a key that is not valid base64.", e);
        }
    }
}
