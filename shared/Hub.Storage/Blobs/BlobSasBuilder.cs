using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Storage.Blobs;

/// <summary>
/// Builds a SAS for one blob (<c>sr=b</c>) or one container (<c>sr=c</c>), signed either with the account key (a
/// service SAS) or with a <see cref="UserDelegationKey"/> (a user delegation SAS, for accounts whose shared keys are
/// disabled). Mirrors <c>Azure.Storage.Sas.BlobSasBuilder</c>; the strings-to-sign are those for signed versions
/// 2020-12-06 and later in "Create a service SAS" and "Create a user delegation SAS" (Azure Storage REST reference).
/// </summary>
/// <example><code>
/// var sas = new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15))
/// { BlobContainerName = "notices", BlobName = "E001/notice.pdf" }.ToSasQueryParameters(key);
/// // Without an account key (managed identity):
/// var udk = (await service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddDays(1))).Value;
/// var link = builder.ToSasQueryParameters(udk, service.AccountName);
/// </code></example>
public sealed class BlobSasBuilder
{
    /// <summary>The oldest signed version whose string-to-sign this builder produces.</summary>
    public const string MinimumVersion = "2020-12-06";

    /// <summary>Creates an empty builder; set the container, permissions and expiry before signing.</summary>
    public BlobSasBuilder()
    {
    }

    /// <summary>Creates a builder for a blob SAS.</summary>
    public BlobSasBuilder(BlobSasPermissions permissions, DateTimeOffset expiresOn)
    {
        SetPermissions(permissions);
        ExpiresOn = expiresOn;
    }

    /// <summary>Creates a builder for a container SAS.</summary>
    public BlobSasBuilder(BlobContainerSasPermissions permissions, DateTimeOffset expiresOn)
    {
        SetPermissions(permissions);
        ExpiresOn = expiresOn;
    }

    /// <summary>The container (required).</summary>
    public string BlobContainerName { get; set; } = string.Empty;

    /// <summary>The blob; null or empty makes a container SAS.</summary>
    public string? BlobName { get; set; }

    /// <summary>The signed resource: <c>b</c> (blob) or <c>c</c> (container).</summary>
    public string Resource => string.IsNullOrEmpty(BlobName) ? "c" : "b";

    /// <summary>The permission letters in canonical order (<c>racwdl</c> subset).</summary>
    public string Permissions { get; private set; } = string.Empty;

    /// <summary>When the SAS becomes valid; null means immediately (avoids clock-skew failures).</summary>
    public DateTimeOffset? StartsOn { get; set; }

    /// <summary>When the SAS stops working (required). Signed to the second.</summary>
    public DateTimeOffset ExpiresOn { get; set; }

    /// <summary>Allowed protocols; default HTTPS only. Use <see cref="SasProtocol.HttpsAndHttp"/> for Azurite.</summary>
    public SasProtocol Protocol { get; set; } = SasProtocol.Https;

    /// <summary>Allowed client IP or range (<c>sip</c>), e.g. <c>203.0.113.0-203.0.113.255</c>; null allows any.</summary>
    public string? IPRange { get; set; }

    /// <summary>Signed version (<c>sv</c>); default the clients' REST version.</summary>
    public string Version { get; set; } = StorageClientOptions.DefaultBlobQueueVersion;

    /// <summary>
    /// User delegation SAS only (<c>saoid</c>): the object id of an identity the key's owner authorizes to use the SAS.
    /// Only meaningful with a hierarchical namespace; null for the hub's flat accounts.
    /// </summary>
    public string? PreauthorizedAgentObjectId { get; set; }

    /// <summary>User delegation SAS only (<c>scid</c>): a GUID that appears in the storage logs of every request made with the SAS.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Overrides <c>Cache-Control</c> on reads through this SAS (<c>rscc</c>).</summary>
    public string? CacheControl { get; set; }

    /// <summary>Overrides <c>Content-Disposition</c> on reads (<c>rscd</c>), e.g. to download under a file name.</summary>
    public string? ContentDisposition { get; set; }

    /// <summary>Overrides <c>Content-Encoding</c> on reads (<c>rsce</c>).</summary>
    public string? ContentEncoding { get; set; }

    /// <summary>Overrides <c>Content-Language</c> on reads (<c>rscl</c>).</summary>
    public string? ContentLanguage { get; set; }

    /// <summary>Overrides <c>Content-Type</c> on reads (<c>rsct</c>).</summary>
    public string? ContentType { get; set; }

    /// <summary>Sets blob permissions.</summary>
    public void SetPermissions(BlobSasPermissions permissions) => Permissions = SasPermissionLetters.ToLetters((int)permissions);

    /// <summary>Sets container permissions.</summary>
    public void SetPermissions(BlobContainerSasPermissions permissions) => Permissions = SasPermissionLetters.ToLetters((int)permissions);

    /// <summary>Sets permissions from letters (any order; normalized to <c>racwdl</c> order).</summary>
    /// <exception cref="ArgumentException">An unknown or repeated letter.</exception>
    public void SetPermissions(string rawPermissions)
    {
        ArgumentNullException.ThrowIfNull(rawPermissions);
        Permissions = SasPermissionLetters.Normalize(rawPermissions);
    }

    /// <summary>Signs the SAS with the account key.</summary>
    /// <exception cref="ArgumentException">The container, permissions or expiry is missing, or the version is too old.</exception>
    public BlobSasQueryParameters ToSasQueryParameters(StorageSharedKeyCredential sharedKeyCredential) =>
        ToSasQueryParameters(sharedKeyCredential, out _);

    /// <summary>Signs the SAS with the account key and returns the string that was signed (for diagnosing a refused SAS).</summary>
    /// <exception cref="ArgumentException">The container, permissions or expiry is missing, or the version is too old.</exception>
    public BlobSasQueryParameters ToSasQueryParameters(StorageSharedKeyCredential sharedKeyCredential, out string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(sharedKeyCredential);
        Validate();
        stringToSign = ToStringToSign(sharedKeyCredential.AccountName);
        return new BlobSasQueryParameters(this, sharedKeyCredential.ComputeHmacSha256(stringToSign));
    }

    /// <summary>
    /// Signs the SAS with a user delegation key (no account key needed). The SAS may not outlive the key: the service
    /// refuses it once the key has expired, so an expiry after <see cref="UserDelegationKey.SignedExpiresOn"/> is refused here.
    /// </summary>
    /// <param name="userDelegationKey">A key from <see cref="BlobServiceClient.GetUserDelegationKeyAsync"/>.</param>
    /// <param name="accountName">The storage account the key belongs to.</param>
    /// <exception cref="ArgumentException">The builder is incomplete, the key is malformed, or the SAS outlives the key.</exception>
    public BlobSasQueryParameters ToSasQueryParameters(UserDelegationKey userDelegationKey, string accountName) =>
        ToSasQueryParameters(userDelegationKey, accountName, out _);

    /// <summary>Signs the SAS with a user delegation key and returns the string that was signed (for diagnosing a refused SAS).</summary>
    /// <exception cref="ArgumentException">The builder is incomplete, the key is malformed, or the SAS outlives the key.</exception>
    public BlobSasQueryParameters ToSasQueryParameters(UserDelegationKey userDelegationKey, string accountName, out string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(userDelegationKey);
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        Validate();
        var key = DecodeKey(userDelegationKey);
        if (Truncate(ExpiresOn) > Truncate(userDelegationKey.SignedExpiresOn))
            throw BlobErrors.InvalidSas(
                $"The SAS expires at {FormatTime(ExpiresOn)}, after its user delegation key ({FormatTime(userDelegationKey.SignedExpiresOn)}); the service would refuse it from then on.",
                $"SAS の有効期限 {FormatTime(ExpiresOn)} がユーザー委任キーの有効期限 {FormatTime(userDelegationKey.SignedExpiresOn)} より後です。キーの期限以降は使えません。",
                nameof(ExpiresOn));
        stringToSign = ToStringToSign(userDelegationKey, accountName);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return new BlobSasQueryParameters(this, signature, userDelegationKey);
    }

    /// <summary>
    /// The string-to-sign for a user delegation SAS, unencoded fields joined by newlines: for signed versions 2020-12-06
    /// and later the key's six fields, <c>saoid</c>, <c>suoid</c> and <c>scid</c> follow the canonicalized resource;
    /// from 2025-07-05 two more (the delegated user's tenant and object id, unused here, so empty) follow <c>scid</c>.
    /// </summary>
    internal string ToStringToSign(UserDelegationKey key, string accountName)
    {
        var fields = new List<string>
        {
            Permissions,
            FormatTime(StartsOn),
            FormatTime(ExpiresOn),
            CanonicalizedResource(accountName),
            key.SignedObjectId,
            key.SignedTenantId,
            FormatTime(key.SignedStartsOn),
            FormatTime(key.SignedExpiresOn),
            key.SignedService,
            key.SignedVersion,
            PreauthorizedAgentObjectId ?? string.Empty,
            string.Empty, // signedUnauthorizedUserObjectId (suoid): POSIX ACL checks need a hierarchical namespace
            CorrelationId ?? string.Empty,
        };
        if (string.CompareOrdinal(Version, DelegatedUserVersion) >= 0)
        {
            fields.Add(string.Empty); // signedKeyDelegatedUserTenantId
            fields.Add(string.Empty); // signedDelegatedUserObjectId (sduoid)
        }
        fields.AddRange(
        [
            IPRange ?? string.Empty,
            ProtocolString(Protocol),
            Version,
            Resource,
            string.Empty, // signedSnapshotTime
            string.Empty, // signedEncryptionScope
            CacheControl ?? string.Empty,
            ContentDisposition ?? string.Empty,
            ContentEncoding ?? string.Empty,
            ContentLanguage ?? string.Empty,
            ContentType ?? string.Empty,
        ]);
        return string.Join('\n', fields);
    }

    /// <summary>A copy (e.g. to shorten the expiry without changing the caller's builder).</summary>
    internal BlobSasBuilder Clone() => (BlobSasBuilder)MemberwiseClone();

    /// <summary>
    /// The string-to-sign for a service SAS, signed version 2020-12-06 and later: sixteen fields joined by
    /// newlines, unencoded.
    /// </summary>
    internal string ToStringToSign(string accountName) => string.Join('\n',
        Permissions,
        FormatTime(StartsOn),
        FormatTime(ExpiresOn),
        CanonicalizedResource(accountName),
        string.Empty, // signedIdentifier (stored access policies are not used)
        IPRange ?? string.Empty,
        ProtocolString(Protocol),
        Version,
        Resource,
        string.Empty, // signedSnapshotTime
        string.Empty, // signedEncryptionScope
        CacheControl ?? string.Empty,
        ContentDisposition ?? string.Empty,
        ContentEncoding ?? string.Empty,
        ContentLanguage ?? string.Empty,
        ContentType ?? string.Empty);

    /// <summary><c>/blob/account/container</c> or <c>/blob/account/container/blob</c>, with the blob name unencoded.</summary>
    internal string CanonicalizedResource(string accountName) => string.IsNullOrEmpty(BlobName)
        ? $"/blob/{accountName}/{BlobContainerName}"
        : $"/blob/{accountName}/{BlobContainerName}/{BlobName}";

    /// <summary>Signed versions from which the user delegation string-to-sign has the delegated-user fields.</summary>
    internal const string DelegatedUserVersion = "2025-07-05";

    internal static DateTimeOffset Truncate(DateTimeOffset value) => value.AddTicks(-(value.UtcTicks % TimeSpan.TicksPerSecond));

    internal static string FormatTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;

    internal static string ProtocolString(SasProtocol protocol) => protocol switch
    {
        SasProtocol.Https => "https",
        SasProtocol.HttpsAndHttp => "https,http",
        _ => string.Empty,
    };

    private static byte[] DecodeKey(UserDelegationKey key)
    {
        if (string.IsNullOrEmpty(key.SignedObjectId) || string.IsNullOrEmpty(key.SignedTenantId) || string.IsNullOrEmpty(key.SignedService)
            || string.IsNullOrEmpty(key.SignedVersion) || key.SignedExpiresOn <= key.SignedStartsOn)
            throw BlobErrors.InvalidSas("The user delegation key is incomplete (object id, tenant, service, version and a validity period are required).",
                "ユーザー委任キーが不完全です（オブジェクト ID、テナント、サービス、バージョン、有効期間が必要です）。", "userDelegationKey");
        try
        {
            return Convert.FromBase64String(key.Value);
        }
        catch (FormatException)
        {
            throw BlobErrors.InvalidSas("The user delegation key value is not base64.", "ユーザー委任キーの値が base64 ではありません。", "userDelegationKey");
        }
    }

    private void Validate()
    {
        if (string.IsNullOrEmpty(BlobContainerName))
            throw BlobErrors.InvalidSas("The SAS has no container name.", "SAS にコンテナー名がありません。", nameof(BlobContainerName));
        if (string.IsNullOrEmpty(Permissions))
            throw BlobErrors.InvalidSas("The SAS has no permissions.", "SAS に権限がありません。", nameof(Permissions));
        if (ExpiresOn == default)
            throw BlobErrors.InvalidSas("The SAS has no expiry time.", "SAS に有効期限がありません。", nameof(ExpiresOn));
        if (StartsOn is { } start && start >= ExpiresOn)
            throw BlobErrors.InvalidSas("The SAS expires before it starts.", "SAS の有効期限が開始時刻より前です。", nameof(StartsOn));
        if (string.CompareOrdinal(Version, MinimumVersion) < 0)
            throw BlobErrors.InvalidSas($"Signed version {Version} is older than {MinimumVersion}, whose string-to-sign this builder uses.",
                $"署名バージョン {Version} は {MinimumVersion} より古く、この形式では署名できません。", nameof(Version));
    }
}
