using System.Globalization;

namespace Hub.Storage.Blobs;

/// <summary>
/// Builds a service SAS for one blob (<c>sr=b</c>) or one container (<c>sr=c</c>), signed with the account key.
/// Mirrors <c>Azure.Storage.Sas.BlobSasBuilder</c>; the string-to-sign is the one for signed versions
/// 2020-12-06 and later (see "Create a service SAS" in the Azure Storage REST reference).
/// </summary>
/// <example><code>
/// var sas = new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15))
/// { BlobContainerName = "notices", BlobName = "E001/notice.pdf" }.ToSasQueryParameters(key);
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
    public BlobSasQueryParameters ToSasQueryParameters(StorageSharedKeyCredential sharedKeyCredential)
    {
        ArgumentNullException.ThrowIfNull(sharedKeyCredential);
        Validate();
        var signature = sharedKeyCredential.ComputeHmacSha256(ToStringToSign(sharedKeyCredential.AccountName));
        return new BlobSasQueryParameters(this, signature);
    }

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

    internal static string FormatTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;

    internal static string ProtocolString(SasProtocol protocol) => protocol switch
    {
        SasProtocol.Https => "https",
        SasProtocol.HttpsAndHttp => "https,http",
        _ => string.Empty,
    };

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

/// <summary>A signed SAS token. <see cref="ToString"/> gives the query string (without '?') to append to the URL.</summary>
public sealed class BlobSasQueryParameters
{
    private readonly string _query;

    internal BlobSasQueryParameters(BlobSasBuilder builder, string signature)
    {
        Version = builder.Version;
        Resource = builder.Resource;
        Permissions = builder.Permissions;
        StartsOn = builder.StartsOn;
        ExpiresOn = builder.ExpiresOn;
        Protocol = builder.Protocol;
        Signature = signature;

        var parts = new List<string> { "sv=" + E(Version) };
        var protocol = BlobSasBuilder.ProtocolString(Protocol);
        if (protocol.Length > 0) parts.Add("spr=" + E(protocol));
        if (StartsOn is not null) parts.Add("st=" + E(BlobSasBuilder.FormatTime(StartsOn)));
        parts.Add("se=" + E(BlobSasBuilder.FormatTime(ExpiresOn)));
        if (!string.IsNullOrEmpty(builder.IPRange)) parts.Add("sip=" + E(builder.IPRange));
        parts.Add("sr=" + Resource);
        parts.Add("sp=" + Permissions);
        if (!string.IsNullOrEmpty(builder.CacheControl)) parts.Add("rscc=" + E(builder.CacheControl));
        if (!string.IsNullOrEmpty(builder.ContentDisposition)) parts.Add("rscd=" + E(builder.ContentDisposition));
        if (!string.IsNullOrEmpty(builder.ContentEncoding)) parts.Add("rsce=" + E(builder.ContentEncoding));
        if (!string.IsNullOrEmpty(builder.ContentLanguage)) parts.Add("rscl=" + E(builder.ContentLanguage));
        if (!string.IsNullOrEmpty(builder.ContentType)) parts.Add("rsct=" + E(builder.ContentType));
        parts.Add("sig=" + E(signature));
        _query = string.Join('&', parts);

        static string E(string value) => Uri.EscapeDataString(value);
    }

    /// <summary>Signed version (<c>sv</c>).</summary>
    public string Version { get; }

    /// <summary>Signed resource (<c>sr</c>): <c>b</c> or <c>c</c>.</summary>
    public string Resource { get; }

    /// <summary>Permission letters (<c>sp</c>).</summary>
    public string Permissions { get; }

    /// <summary>Start (<c>st</c>), if any.</summary>
    public DateTimeOffset? StartsOn { get; }

    /// <summary>Expiry (<c>se</c>).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Allowed protocols (<c>spr</c>).</summary>
    public SasProtocol Protocol { get; }

    /// <summary>The signature (<c>sig</c>), base64. Treat the whole token as a secret.</summary>
    public string Signature { get; }

    /// <summary>The URL-encoded query string, without a leading '?'.</summary>
    public override string ToString() => _query;
}
