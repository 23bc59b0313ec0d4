using Azure.Core;
using Azure.Core.Pipeline;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>
/// <see cref="UserDelegationKeyCache"/> against the HTTPS/OAuth Azurite: keys come from the real service; a manual clock
/// decides when the cache refreshes, and a pipeline policy counts the key requests it makes.
/// </summary>
public sealed class UserDelegationKeyCacheTests : IAsyncLifetime
{
    private AzuriteOAuthInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteOAuthInstance.Shared;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_is_reused_until_it_is_older_than_the_refresh_interval()
    {
        var (service, requests) = Service();
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var cache = new UserDelegationKeyCache(service, keyLifetime: TimeSpan.FromDays(1), refreshAfter: TimeSpan.FromHours(1), time: clock);
        var t0 = clock.GetUtcNow();

        var first = await cache.GetKeyAsync();
        Assert.Equal(t0 - UserDelegationKeyCache.ClockSkew, first.SignedStartsOn); // backdated for clock skew
        Assert.Equal(t0 - UserDelegationKeyCache.ClockSkew + TimeSpan.FromDays(1), first.SignedExpiresOn);

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Same(first, await cache.GetKeyAsync());
        Assert.Equal(1, requests.Count);

        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await cache.GetKeyAsync();
        Assert.NotSame(first, second);
        Assert.Equal(t0.AddHours(1) - UserDelegationKeyCache.ClockSkew, second.SignedStartsOn);
        Assert.Equal(2, requests.Count);
        Assert.Same(second, await cache.GetKeyAsync());
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_request()
    {
        var (service, requests) = Service();
        var cache = new UserDelegationKeyCache(service);

        var keys = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => cache.GetKeyAsync())));

        Assert.Equal(1, requests.Count);
        Assert.All(keys, k => Assert.Same(keys[0], k));
        Assert.Equal(UserDelegationKeyCache.DefaultKeyLifetime, keys[0].SignedExpiresOn - keys[0].SignedStartsOn);
    }

    [Fact]
    public async Task Every_client_made_from_one_service_client_shares_its_cache()
    {
        var (service, requests) = Service();
        var container = service.GetBlobContainerClient(TestNames.Unique("shared"));
        await container.CreateAsync();
        Assert.Equal(0, requests.Count);

        await container.GetBlobClient("a.pdf").GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(1));
        await container.GetBlobClient("b.pdf").GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(1));
        await container.GenerateSasUriAsync(BlobContainerSasPermissions.Create, DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(1, requests.Count);
        Assert.Same(service.UserDelegationKeys, container.GetParentBlobServiceClient().UserDelegationKeys);
    }

    [Fact]
    public async Task A_refused_request_is_reported_and_nothing_is_cached()
    {
        var expiredTokens = new AzuriteTokenCredential(AzuriteOAuthInstance.ObjectId, AzuriteOAuthInstance.TenantId, lifetime: TimeSpan.FromMinutes(-2));
        var (service, requests) = Service(expiredTokens);
        var cache = new UserDelegationKeyCache(service);

        var first = await Assert.ThrowsAsync<StorageRequestFailedException>(() => cache.GetKeyAsync());
        Assert.Equal(403, first.Status);
        await Assert.ThrowsAsync<StorageRequestFailedException>(() => cache.GetKeyAsync());
        Assert.Equal(2, requests.Count); // tried again, not remembered
    }

    [Fact]
    public void Lifetimes_outside_the_service_limits_are_refused()
    {
        var (service, _) = Service();
        foreach (var (lifetime, refresh) in new (TimeSpan?, TimeSpan?)[]
                 {
                     (TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1)), null), (TimeSpan.Zero, null),
                     (TimeSpan.FromHours(1), TimeSpan.FromHours(1)), (null, TimeSpan.Zero),
                 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UserDelegationKeyCache(service, lifetime, refresh));
            Assert.Equal(BlobErrors.UserDelegationKeyInvalid, e.Data[BlobErrors.CodeKey]);
        }
        Assert.Equal(TimeSpan.FromDays(7), new UserDelegationKeyCache(service).KeyLifetime);
    }

    [Fact]
    public async Task A_shared_key_client_has_no_key_to_cache()
    {
        var keyed = _azurite.KeyConnection().CreateBlobServiceClient(_azurite.ClientOptions());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => keyed.UserDelegationKeys.GetKeyAsync());
        Assert.Equal(BlobErrors.UserDelegationNeedsEntraId, e.Data[BlobErrors.CodeKey]);
    }

    private (BlobServiceClient Service, RequestCounter Requests) Service(TokenCredential? credential = null)
    {
        var counter = new RequestCounter();
        var options = _azurite.ClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return (new BlobServiceClient(_azurite.BlobEndpoint, credential ?? _azurite.Credential, options), counter);
    }

    /// <summary>Counts Get User Delegation Key requests (observes only).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains("comp=userdelegationkey", StringComparison.Ordinal)) Interlocked.Increment(ref _count);
        }
    }
}
