using System.Text;
using Azure;
using Azure.Core;

namespace Hub.Storage.Blobs;

public partial class BlobServiceClient
{
    /// <summary>The longest a user delegation key may live: the service refuses an expiry more than 7 days ahead.</summary>
    public static readonly TimeSpan MaxUserDelegationKeyLifetime = TimeSpan.FromDays(7);

    private UserDelegationKeyCache? _userDelegationKeys;

    /// <summary>
    /// Whether this client authenticates with Microsoft Entra ID (managed identity, <c>az login</c>) and no account key,
    /// so it can get user delegation keys and sign user delegation SAS URLs with them.
    /// </summary>
    public virtual bool CanGenerateUserDelegationSasUri => HasEntraCredential;

    /// <summary>
    /// The keys this client signs user delegation SAS URLs with in <see cref="GenerateSasQueryParametersAsync"/>: one key
    /// shared by every container and blob client made from this client, refreshed hourly (see <see cref="UserDelegationKeyCache"/>).
    /// </summary>
    public virtual UserDelegationKeyCache UserDelegationKeys =>
        LazyInitializer.EnsureInitialized(ref _userDelegationKeys, () => new UserDelegationKeyCache(this));

    internal bool HasEntraCredential { get; }

    /// <summary>
    /// Gets a user delegation key (Get User Delegation Key) for signing user delegation SAS URLs without an account key.
    /// Needs a Microsoft Entra credential whose identity holds
    /// <c>Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action</c> on the account (e.g. Storage
    /// Blob Data Contributor or Storage Blob Delegator). A SAS signed with the key can do no more than that identity can.
    /// </summary>
    /// <param name="startsOn">When the key becomes valid; null means now. Backdate a few minutes to allow for clock skew.</param>
    /// <param name="expiresOn">When the key, and every SAS signed with it, stops working: at most 7 days from now.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The client has no Microsoft Entra credential (<see cref="CanGenerateUserDelegationSasUri"/> is false).</exception>
    /// <exception cref="ArgumentException">The expiry is not after the start, or more than 7 days ahead.</exception>
    public virtual async Task<Response<UserDelegationKey>> GetUserDelegationKeyAsync(DateTimeOffset? startsOn, DateTimeOffset expiresOn,
        CancellationToken cancellationToken = default)
    {
        if (!HasEntraCredential) throw BlobErrors.NoEntraCredential();
        var now = DateTimeOffset.UtcNow;
        // Azurite requires a start; the service treats an explicit "now" like an omitted one.
        var start = BlobSasBuilder.Truncate(startsOn ?? now);
        var expiry = BlobSasBuilder.Truncate(expiresOn);
        if (expiry <= start)
            throw BlobErrors.InvalidUserDelegationKeyRequest(
                $"The key would expire ({BlobSasBuilder.FormatTime(expiry)}) before it starts ({BlobSasBuilder.FormatTime(start)}).",
                $"キーの有効期限（{BlobSasBuilder.FormatTime(expiry)}）が開始時刻（{BlobSasBuilder.FormatTime(start)}）以前です。", nameof(expiresOn));
        if (expiry > now + MaxUserDelegationKeyLifetime)
            throw BlobErrors.InvalidUserDelegationKeyRequest(
                $"A user delegation key may expire at most 7 days from now; {BlobSasBuilder.FormatTime(expiry)} is later.",
                $"ユーザー委任キーの有効期限は現在から 7 日以内です。{BlobSasBuilder.FormatTime(expiry)} は遅すぎます。", nameof(expiresOn));

        using var message = Pipeline.CreateMessage(RequestMethod.Post, StorageHttp.WithQuery(Uri, "restype=service&comp=userdelegationkey"));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(UserDelegationKey.KeyInfoXml(start, expiry)));
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(UserDelegationKey.Parse(response.ContentStream!), response);
    }

    /// <summary>
    /// Signs a SAS with whatever this client has: the account key (a service SAS) or else a user delegation key from
    /// <see cref="UserDelegationKeys"/> (a user delegation SAS; Azure with shared keys disabled). A user delegation SAS
    /// cannot outlive its key, so its expiry is shortened to the key's when it would be later (at most 7 days; read
    /// <see cref="BlobSasQueryParameters.ExpiresOn"/> for the expiry actually signed). The builder is not changed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client authenticates with a SAS, so it has nothing to sign with.</exception>
    /// <exception cref="ArgumentException">The builder is incomplete.</exception>
    public virtual async Task<BlobSasQueryParameters> GenerateSasQueryParametersAsync(BlobSasBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (SharedKey is { } sharedKey) return builder.ToSasQueryParameters(sharedKey);
        if (!HasEntraCredential) throw BlobErrors.NoSigningCredential();
        var key = await UserDelegationKeys.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        if (builder.ExpiresOn > key.SignedExpiresOn)
        {
            builder = builder.Clone();
            builder.ExpiresOn = key.SignedExpiresOn;
        }
        return builder.ToSasQueryParameters(key, AccountName);
    }
}
