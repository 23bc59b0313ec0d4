namespace Hub.Storage.Blobs;

/// <summary>
/// A signed SAS token: a service SAS (account key) or a user delegation SAS (with the key's <c>sk*</c> fields).
/// <see cref="ToString"/> gives the query string (without '?') to append to the URL.
/// </summary>
public sealed class BlobSasQueryParameters
{
    private readonly string _query;

    internal BlobSasQueryParameters(BlobSasBuilder builder, string signature, UserDelegationKey? key = null)
    {
        Version = builder.Version;
        Resource = builder.Resource;
        Permissions = builder.Permissions;
        StartsOn = builder.StartsOn;
        ExpiresOn = BlobSasBuilder.Truncate(builder.ExpiresOn);
        Protocol = builder.Protocol;
        Signature = signature;
        if (key is not null)
        {
            KeyObjectId = key.SignedObjectId;
            KeyTenantId = key.SignedTenantId;
            KeyStartsOn = key.SignedStartsOn;
            KeyExpiresOn = key.SignedExpiresOn;
            KeyService = key.SignedService;
            KeyVersion = key.SignedVersion;
            PreauthorizedAgentObjectId = builder.PreauthorizedAgentObjectId;
            CorrelationId = builder.CorrelationId;
        }

        var parts = new List<string> { "sv=" + E(Version) };
        var protocol = BlobSasBuilder.ProtocolString(Protocol);
        if (protocol.Length > 0) parts.Add("spr=" + E(protocol));
        if (StartsOn is not null) parts.Add("st=" + E(BlobSasBuilder.FormatTime(StartsOn)));
        parts.Add("se=" + E(BlobSasBuilder.FormatTime(ExpiresOn)));
        if (!string.IsNullOrEmpty(builder.IPRange)) parts.Add("sip=" + E(builder.IPRange));
        if (key is not null)
        {
            parts.Add("skoid=" + E(key.SignedObjectId));
            parts.Add("sktid=" + E(key.SignedTenantId));
            parts.Add("skt=" + E(BlobSasBuilder.FormatTime(key.SignedStartsOn)));
            parts.Add("ske=" + E(BlobSasBuilder.FormatTime(key.SignedExpiresOn)));
            parts.Add("sks=" + E(key.SignedService));
            parts.Add("skv=" + E(key.SignedVersion));
        }
        parts.Add("sr=" + Resource);
        parts.Add("sp=" + Permissions);
        if (!string.IsNullOrEmpty(PreauthorizedAgentObjectId)) parts.Add("saoid=" + E(PreauthorizedAgentObjectId));
        if (!string.IsNullOrEmpty(CorrelationId)) parts.Add("scid=" + E(CorrelationId));
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

    /// <summary>Expiry (<c>se</c>), to the second.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Allowed protocols (<c>spr</c>).</summary>
    public SasProtocol Protocol { get; }

    /// <summary>User delegation SAS: the key owner's object id (<c>skoid</c>); null for a service SAS.</summary>
    public string? KeyObjectId { get; }

    /// <summary>User delegation SAS: the key owner's tenant (<c>sktid</c>).</summary>
    public string? KeyTenantId { get; }

    /// <summary>User delegation SAS: when the key became valid (<c>skt</c>).</summary>
    public DateTimeOffset? KeyStartsOn { get; }

    /// <summary>User delegation SAS: when the key, and so this SAS, stops working (<c>ske</c>).</summary>
    public DateTimeOffset? KeyExpiresOn { get; }

    /// <summary>User delegation SAS: the key's service (<c>sks</c>).</summary>
    public string? KeyService { get; }

    /// <summary>User delegation SAS: the version that issued the key (<c>skv</c>).</summary>
    public string? KeyVersion { get; }

    /// <summary>User delegation SAS: the pre-authorized agent (<c>saoid</c>), if any.</summary>
    public string? PreauthorizedAgentObjectId { get; }

    /// <summary>User delegation SAS: the correlation id (<c>scid</c>), if any.</summary>
    public string? CorrelationId { get; }

    /// <summary>The signature (<c>sig</c>), base64. Treat the whole token as a secret.</summary>
    public string Signature { get; }

    /// <summary>The URL-encoded query string, without a leading '?'.</summary>
    public override string ToString() => _query;
}
