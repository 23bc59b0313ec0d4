using System.Security.Cryptography;
using System.Text;

namespace Hub.Storage;

/// <summary>
/// An account name and key for Shared Key authorization (Azurite and development; production uses a
/// <see cref="Azure.Core.TokenCredential"/>). Mirrors <c>Azure.Storage.StorageSharedKeyCredential</c>.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private byte[] _key;

    /// <summary>Creates a credential from the account name and its base64 account key.</summary>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        _key = DecodeKey(accountKey);
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Replaces the key, e.g. after a key rotation, without rebuilding clients.</summary>
    public void SetAccountKey(string accountKey) => Volatile.Write(ref _key, DecodeKey(accountKey));

    /// <summary>Computes the base64 HMAC-SHA256 of <paramref name="message"/> with the account key.</summary>
    public string ComputeHmacSha256(string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(Volatile.Read(ref _key), Encoding.UTF8.GetBytes(message)));

    internal string ExportKey() => Convert.ToBase64String(Volatile.Read(ref _key));

    private static byte[] DecodeKey(string accountKey)
    {
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The account key is not valid base64.", nameof(accountKey), e);
        }
    }
}
