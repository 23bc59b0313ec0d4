namespace Hub.Storage.Blobs;

/// <summary>
/// Keeps one user delegation key so that signing a link costs no request: a key is fetched valid for
/// <see cref="KeyLifetime"/> (from <see cref="ClockSkew"/> ago) and replaced once it is older than
/// <see cref="RefreshAfter"/>, long before it expires. Every SAS signed with the current key can therefore live at
/// least <see cref="KeyLifetime"/> − <see cref="RefreshAfter"/>. Thread-safe: concurrent callers share one request.
/// </summary>
public sealed class UserDelegationKeyCache
{
    /// <summary>Default key validity: the service's maximum, so the hub's 7-day webhook links are shortened by at most <see cref="DefaultRefreshAfter"/>.</summary>
    public static readonly TimeSpan DefaultKeyLifetime = TimeSpan.FromDays(7);

    /// <summary>Default age after which a key is replaced.</summary>
    public static readonly TimeSpan DefaultRefreshAfter = TimeSpan.FromHours(1);

    /// <summary>How far a key's start is backdated, so a server whose clock is a little behind ours accepts it at once.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BlobServiceClient _service;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _current;

    /// <summary>Creates a cache over <paramref name="service"/>, which must authenticate with Microsoft Entra ID.</summary>
    /// <param name="service">The client that requests the keys.</param>
    /// <param name="keyLifetime">How long each key is valid; default 7 days (the maximum).</param>
    /// <param name="refreshAfter">How old a key may get before it is replaced; default 1 hour; less than <paramref name="keyLifetime"/>.</param>
    /// <param name="time">The clock that decides when to refresh and what to ask for (default the system's; the service checks real time).</param>
    /// <exception cref="ArgumentOutOfRangeException">A lifetime of zero or over 7 days, or a refresh interval not shorter than the lifetime.</exception>
    public UserDelegationKeyCache(BlobServiceClient service, TimeSpan? keyLifetime = null, TimeSpan? refreshAfter = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        KeyLifetime = keyLifetime ?? DefaultKeyLifetime;
        RefreshAfter = refreshAfter ?? DefaultRefreshAfter;
        if (KeyLifetime <= TimeSpan.Zero || KeyLifetime > BlobServiceClient.MaxUserDelegationKeyLifetime)
            throw BlobErrors.InvalidUserDelegationOption(nameof(keyLifetime), "A user delegation key lives more than 0 and at most 7 days.",
                "ユーザー委任キーの有効期間は 0 より長く 7 日以内にしてください。");
        if (RefreshAfter <= TimeSpan.Zero || RefreshAfter >= KeyLifetime)
            throw BlobErrors.InvalidUserDelegationOption(nameof(refreshAfter), "The refresh interval must be positive and shorter than the key lifetime.",
                "更新間隔は正の値で、キーの有効期間より短くしてください。");
        _service = service;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long each key is valid (from <see cref="ClockSkew"/> before it was fetched).</summary>
    public TimeSpan KeyLifetime { get; }

    /// <summary>How old a key may get before it is replaced.</summary>
    public TimeSpan RefreshAfter { get; }

    /// <summary>The current key, fetching a new one first when there is none or it is older than <see cref="RefreshAfter"/>.</summary>
    /// <exception cref="InvalidOperationException">The service client has no Microsoft Entra credential.</exception>
    /// <exception cref="StorageRequestFailedException">The service refused (e.g. 403: the identity may not generate user delegation keys).</exception>
    public async Task<UserDelegationKey> GetKeyAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(_current) is { } key) return key;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_current) is { } fetchedMeanwhile) return fetchedMeanwhile;
            var now = _time.GetUtcNow();
            var response = await _service.GetUserDelegationKeyAsync(now - ClockSkew, now - ClockSkew + KeyLifetime, cancellationToken).ConfigureAwait(false);
            _current = new Entry(response.Value, now);
            return response.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private UserDelegationKey? Fresh(Entry? entry)
    {
        if (entry is null) return null;
        var now = _time.GetUtcNow();
        return now - entry.FetchedAt < RefreshAfter && now < entry.Key.SignedExpiresOn ? entry.Key : null;
    }

    private sealed record Entry(UserDelegationKey Key, DateTimeOffset FetchedAt);
}
