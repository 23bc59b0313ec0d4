using System.Globalization;
using System.Xml.Linq;

namespace Hub.Storage.Blobs;

/// <summary>
/// A user delegation key: signs user delegation SAS URLs on behalf of the Microsoft Entra identity that asked for
/// it (Get User Delegation Key), so no account key is needed. Mirrors <c>Azure.Storage.Blobs.Models.UserDelegationKey</c>.
/// </summary>
/// <remarks><see cref="Value"/> is a secret as strong as an account key for its lifetime: keep it in memory, never log it.</remarks>
public sealed class UserDelegationKey
{
    /// <summary>Object id of the identity the key was issued to (<c>skoid</c>).</summary>
    public required string SignedObjectId { get; init; }

    /// <summary>Tenant of that identity (<c>sktid</c>).</summary>
    public required string SignedTenantId { get; init; }

    /// <summary>When the key becomes valid (<c>skt</c>), to the second.</summary>
    public required DateTimeOffset SignedStartsOn { get; init; }

    /// <summary>When the key stops working (<c>ske</c>); every SAS signed with it stops working then too.</summary>
    public required DateTimeOffset SignedExpiresOn { get; init; }

    /// <summary>The service the key is for (<c>sks</c>): <c>b</c> (Blob).</summary>
    public required string SignedService { get; init; }

    /// <summary>The REST version that issued the key (<c>skv</c>).</summary>
    public required string SignedVersion { get; init; }

    /// <summary>The key itself, base64.</summary>
    public required string Value { get; init; }

    /// <inheritdoc />
    /// <remarks>Never includes <see cref="Value"/>.</remarks>
    public override string ToString() =>
        $"UserDelegationKey(oid {SignedObjectId}, {BlobSasBuilder.FormatTime(SignedStartsOn)}–{BlobSasBuilder.FormatTime(SignedExpiresOn)})";

    /// <summary>The Get User Delegation Key request body: <c>KeyInfo</c> with start and expiry, to the second, in UTC.</summary>
    internal static string KeyInfoXml(DateTimeOffset startsOn, DateTimeOffset expiresOn) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + new XElement("KeyInfo",
            new XElement("Start", BlobSasBuilder.FormatTime(startsOn)),
            new XElement("Expiry", BlobSasBuilder.FormatTime(expiresOn))).ToString(SaveOptions.DisableFormatting);

    /// <summary>Parses the Get User Delegation Key response body.</summary>
    /// <exception cref="FormatException">An element is missing or malformed.</exception>
    internal static UserDelegationKey Parse(Stream body)
    {
        var root = XDocument.Load(body).Root ?? throw new FormatException("The user delegation key response is empty.");
        string Get(string name) => root.Element(name)?.Value is { Length: > 0 } v
            ? v
            : throw new FormatException($"The user delegation key response has no {name}.");
        DateTimeOffset Time(string name) => DateTimeOffset.Parse(Get(name), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new UserDelegationKey
        {
            SignedObjectId = Get("SignedOid"),
            SignedTenantId = Get("SignedTid"),
            SignedStartsOn = Time("SignedStart"),
            SignedExpiresOn = Time("SignedExpiry"),
            SignedService = Get("SignedService"),
            SignedVersion = Get("SignedVersion"),
            Value = Get("Value"),
        };
    }
}
