using System.Security.Cryptography;
using System.Text;
using Hub.Core.Auditing;
using Hub.Domain.Identifiers;

namespace Hub.Core.Security;

/// <summary>
/// Encrypts My Numbers at rest (AES-256-GCM; the key id travels inside the ciphertext so keys rotate),
/// derives the keyed hash (HMAC-SHA256, separate key) that indexes them without revealing them, and
/// decrypts only with an access record (who, which function, why, when).
/// Ciphertext format: <c>mn1.{keyId}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>.
/// </summary>
public sealed class MyNumberProtector
{
    private const string Prefix = "mn1";
    private static readonly byte[] AssociatedData = "hub/my-number/v1"u8.ToArray();
    private readonly MyNumberKeyRing _keys;
    private readonly AccessLog _accessLog;

    /// <summary>Creates a protector that records decryptions in <paramref name="accessLog"/>.</summary>
    public MyNumberProtector(MyNumberKeyRing keys, AccessLog accessLog)
    {
        _keys = keys;
        _accessLog = accessLog;
    }

    /// <summary>Encrypts with the active key.</summary>
    public string Protect(MyNumber number)
    {
        var plain = Encoding.ASCII.GetBytes(number.RevealDigits());
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(_keys.Key(_keys.ActiveKeyId), 16))
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData);
        CryptographicOperations.ZeroMemory(plain);
        return $"{Prefix}.{_keys.ActiveKeyId}.{Base64Url([.. nonce, .. cipher, .. tag])}";
    }

    /// <summary>The key id a ciphertext was made with (rotation: re-protect those not on the active key).</summary>
    public static string KeyIdOf(string protectedValue) => Parse(protectedValue).KeyId;

    /// <summary>Whether a ciphertext uses the active key.</summary>
    public bool IsCurrent(string protectedValue) => KeyIdOf(protectedValue) == _keys.ActiveKeyId;

    /// <summary>Decrypts, first recording the access.</summary>
    /// <exception cref="CryptographicException">The ciphertext was altered or the key is wrong.</exception>
    public async Task<MyNumber> RevealAsync(string protectedValue, AccessContext access, CancellationToken cancellationToken = default)
    {
        var (keyId, payload) = Parse(protectedValue);
        await _accessLog.RecordAsync(access, cancellationToken).ConfigureAwait(false);
        var nonce = payload[..12];
        var tag = payload[^16..];
        var cipher = payload[12..^16];
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(_keys.Key(keyId), 16))
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData);
        try
        {
            return MyNumber.Parse(Encoding.ASCII.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Re-encrypts under the active key (key rotation), recording the access.</summary>
    public async Task<string> RotateAsync(string protectedValue, AccessContext access, CancellationToken cancellationToken = default) =>
        IsCurrent(protectedValue) ? protectedValue : Protect(await RevealAsync(protectedValue, access, cancellationToken).ConfigureAwait(false));

    /// <summary>The keyed hash that indexes a My Number (base64url, 43 chars; safe as a table key).</summary>
    public string IndexHash(MyNumber number) =>
        Base64Url(HMACSHA256.HashData(_keys.IndexKey, Encoding.ASCII.GetBytes(number.RevealDigits())));

    private static (string KeyId, byte[] Payload) Parse(string protectedValue)
    {
        var parts = protectedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
            throw new CryptographicException("Not a protected My Number (expected mn1.{keyId}.{payload}).");
        var payload = FromBase64Url(parts[2]);
        if (payload.Length < 12 + 16 + 12) throw new CryptographicException("Protected My Number payload is truncated.");
        return (parts[1], payload);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
