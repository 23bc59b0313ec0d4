using System.Net;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>
/// User delegation keys and SAS against a real Azurite over HTTPS with Microsoft Entra (OAuth basic) authentication and
/// no account key in the clients — production's setup with shared keys disabled. Azurite issues the keys and verifies
/// every signature, expiry and permission; the links are opened with a plain HTTP client, as a receiver would.
/// </summary>
public sealed class UserDelegationSasTests : IAsyncLifetime
{
    private readonly string _suffix = TestNames.Unique("t");
    private AzuriteOAuthInstance _azurite = null!;
    private BlobServiceClient _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteOAuthInstance.Shared;
        _service = new BlobServiceClient(_azurite.BlobEndpoint, _azurite.Credential, _azurite.ClientOptions());
        _http = _azurite.CreateHttpClient();
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_identity_gets_a_key_in_its_name_for_the_period_asked()
    {
        Assert.True(_service.CanGenerateUserDelegationSasUri);
        Assert.False(_service.CanGenerateSasUri);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var expiry = DateTimeOffset.UtcNow.AddDays(1);

        var response = await _service.GetUserDelegationKeyAsync(start, expiry);

        var key = response.Value;
        Assert.Equal(200, response.GetRawResponse().Status);
        Assert.Equal(AzuriteOAuthInstance.ObjectId, key.SignedObjectId);
        Assert.Equal(AzuriteOAuthInstance.TenantId, key.SignedTenantId);
        Assert.Equal(Seconds(start), key.SignedStartsOn);
        Assert.Equal(Seconds(expiry), key.SignedExpiresOn);
        Assert.Equal("b", key.SignedService);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", key.SignedVersion);
        Assert.Equal(32, Convert.FromBase64String(key.Value).Length);

        // Another identity gets another key.
        var other = new BlobServiceClient(_azurite.BlobEndpoint, new AzuriteTokenCredential("0b1e55ed-0000-4000-8000-000000000099",
            AzuriteOAuthInstance.TenantId), _azurite.ClientOptions());
        var otherKey = (await other.GetUserDelegationKeyAsync(start, expiry)).Value;
        Assert.Equal("0b1e55ed-0000-4000-8000-000000000099", otherKey.SignedObjectId);
        Assert.NotEqual(key.Value, otherKey.Value);
    }

    [Fact]
    public async Task Keys_need_an_entra_identity_and_expire_within_seven_days()
    {
        var withKey = _azurite.KeyConnection().CreateBlobServiceClient(_azurite.ClientOptions());
        Assert.False(withKey.CanGenerateUserDelegationSasUri);
        var noEntra = await Assert.ThrowsAsync<InvalidOperationException>(() => withKey.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(BlobErrors.UserDelegationNeedsEntraId, noEntra.Data[BlobErrors.CodeKey]);

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => _service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1)));
        Assert.Equal(BlobErrors.UserDelegationKeyInvalid, tooLong.Data[BlobErrors.CodeKey]);
        Assert.Contains("7 日", tooLong.Message, StringComparison.Ordinal);
        var backwards = await Assert.ThrowsAsync<ArgumentException>(() =>
            _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddHours(2), DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(BlobErrors.UserDelegationKeyInvalid, backwards.Data[BlobErrors.CodeKey]);

        // Exactly 7 days is allowed; no start means now.
        var week = (await _service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddDays(7).AddSeconds(-5))).Value;
        Assert.InRange(week.SignedStartsOn, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        // An expired token is refused by the service itself.
        var expired = new BlobServiceClient(_azurite.BlobEndpoint, new AzuriteTokenCredential(AzuriteOAuthInstance.ObjectId,
            AzuriteOAuthInstance.TenantId, lifetime: TimeSpan.FromMinutes(-2)), _azurite.ClientOptions());
        var refused = await Assert.ThrowsAsync<StorageRequestFailedException>(() => expired.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task A_read_link_signed_with_the_key_downloads_the_blob_and_does_nothing_else()
    {
        var blob = await UploadAsync("notices", "E0001/M0001/資格情報のお知らせ 1.pdf", "%PDF-1.7 notice");
        var key = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1))).Value;

        var link = blob.GenerateUserDelegationSasUri(new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10))
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            ContentDisposition = "attachment; filename=notice.pdf",
            CacheControl = "no-store",
        }, key);

        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal((AzuriteOAuthInstance.ObjectId, "r", "https"), (query["skoid"], query["sp"], query["spr"]));
        using (var ok = await _http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("%PDF-1.7 notice", await ok.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(link, "overwritten")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.DeleteAsync(link)).StatusCode);
        Assert.Equal("%PDF-1.7 notice", (await blob.DownloadContentAsync()).Value.Content.ToString());

        // The same link drives a key-less client, which has nothing to sign with.
        var viaLink = new BlobClient(link, _azurite.ClientOptions());
        Assert.Equal("%PDF-1.7 notice", (await viaLink.DownloadContentAsync()).Value.Content.ToString());
        var nothing = await Assert.ThrowsAsync<InvalidOperationException>(() => viaLink.GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(BlobErrors.SasNeedsCredential, nothing.Data[BlobErrors.CodeKey]);
    }

    [Theory]
    [InlineData("sig")]
    [InlineData("blob")]
    [InlineData("se")]
    [InlineData("sp")]
    [InlineData("skoid")]
    [InlineData("ske")]
    public async Task A_tampered_link_is_refused(string part)
    {
        var blob = await UploadAsync("notices", "E0001/M0002/n.pdf", "secret notice");
        await UploadAsync("notices", "E0001/M0003/n.pdf", "someone else's notice");
        var key = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2))).Value;
        var link = blob.GenerateUserDelegationSasUri(new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10))
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
        }, key);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(link)).StatusCode);

        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var path = link.GetLeftPart(UriPartial.Path);
        switch (part)
        {
            case "sig":
                var sig = query["sig"]!;
                query["sig"] = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];
                break;
            case "blob":
                path = path.Replace("/M0002/", "/M0003/", StringComparison.Ordinal);
                break;
            case "se":
                query["se"] = Iso(DateTimeOffset.UtcNow.AddHours(1));
                break;
            case "sp":
                query["sp"] = "rw";
                break;
            case "skoid":
                query["skoid"] = "0b1e55ed-0000-4000-8000-000000000099";
                break;
            case "ske":
                query["ske"] = Iso(key.SignedExpiresOn.AddDays(1));
                break;
        }
        using var tampered = await _http.GetAsync(path + "?" + query);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task Links_stop_working_when_they_or_their_key_expire()
    {
        var blob = await UploadAsync("notices", "E0001/M0004/n.pdf", "notice");
        var key = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1))).Value;
        var shortLink = blob.GenerateUserDelegationSasUri(Read(blob, DateTimeOffset.UtcNow.AddSeconds(2)), key);
        // A key that itself expires in 2 s, and a link that lasts exactly as long (no longer is allowed).
        var shortKey = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(2))).Value;
        var keyBound = blob.GenerateUserDelegationSasUri(Read(blob, shortKey.SignedExpiresOn), shortKey);
        Assert.Throws<ArgumentException>(() => blob.GenerateUserDelegationSasUri(Read(blob, shortKey.SignedExpiresOn.AddSeconds(1)), shortKey));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(shortLink)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(keyBound)).StatusCode);

        var wait = shortKey.SignedExpiresOn.AddSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        using var expiredLink = await _http.GetAsync(shortLink);
        Assert.Equal(HttpStatusCode.Forbidden, expiredLink.StatusCode);
        using var expiredKey = await _http.GetAsync(keyBound);
        Assert.Equal(HttpStatusCode.Forbidden, expiredKey.StatusCode);
        Assert.True((await blob.ExistsAsync()).Value); // the identity itself still has access
    }

    [Fact]
    public async Task An_upload_link_creates_and_writes_but_cannot_read_list_or_delete()
    {
        var container = _service.GetBlobContainerClient(TestNames.Unique("submissions"));
        await container.CreateAsync();
        var key = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1))).Value;
        var upload = container.GenerateUserDelegationSasUri(new BlobSasBuilder(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write,
            DateTimeOffset.UtcNow.AddMinutes(10)) { BlobContainerName = container.Name, Protocol = SasProtocol.Https }, key);
        var file = new Uri($"{container.Uri}/E0001/members.csv{upload.Query}");

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(file, "row 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(file, "row 1 and 2")).StatusCode); // write: replace its own upload
        Assert.Equal("row 1 and 2", (await container.GetBlobClient("E0001/members.csv").DownloadContentAsync()).Value.Content.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(file)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.DeleteAsync(file)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(upload + "&restype=container&comp=list")).StatusCode);
        // And it is for this container only.
        var otherContainer = _service.GetBlobContainerClient(TestNames.Unique("other"));
        await otherContainer.CreateAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(new Uri($"{otherContainer.Uri}/x.csv{upload.Query}"), "x")).StatusCode);
    }

    [Fact]
    public async Task Signed_version_2025_07_05_links_are_accepted_too()
    {
        var blob = await UploadAsync("notices", "E0001/M0005/n.pdf", "notice 2025-07-05");
        var key = (await _service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1))).Value;
        var builder = Read(blob, DateTimeOffset.UtcNow.AddMinutes(10));
        builder.Version = "2025-07-05";
        var link = blob.GenerateUserDelegationSasUri(builder, key);
        Assert.Contains("sv=2025-07-05", link.Query, StringComparison.Ordinal);
        Assert.Equal("notice 2025-07-05", await _http.GetStringAsync(link));

        // Signed with the older layout but labelled 2025-07-05, the same link is refused: the layout is version-specific.
        var older = Read(blob, builder.ExpiresOn);
        var olderSig = System.Web.HttpUtility.ParseQueryString(blob.GenerateUserDelegationSasUri(older, key).Query)["sig"];
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        query["sig"] = olderSig;
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.GetAsync(link.GetLeftPart(UriPartial.Path) + "?" + query)).StatusCode);
    }

    [Fact]
    public async Task The_single_entry_point_signs_with_a_cached_key_and_never_beyond_it()
    {
        var blob = await UploadAsync("notices", "E0001/M0006/n.pdf", "cached");
        var service = new BlobServiceClient(_azurite.BlobEndpoint, _azurite.Credential, _azurite.ClientOptions());
        var viaService = service.GetBlobContainerClient(blob.BlobContainerName).GetBlobClient(blob.Name);
        Assert.False(viaService.CanGenerateSasUri);
        Assert.True(viaService.CanGenerateUserDelegationSasUri);

        var week = await viaService.GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(3));
        var month = await viaService.GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(30));

        var (w, m) = (System.Web.HttpUtility.ParseQueryString(week.Query), System.Web.HttpUtility.ParseQueryString(month.Query));
        Assert.Equal(w["skt"], m["skt"]); // one key for both
        Assert.Equal(m["ske"], m["se"]); // the 30-day request is cut to the key's expiry...
        var keyExpiry = DateTimeOffset.Parse(m["ske"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(keyExpiry, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-6), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-4)); // ...7 days from 5 min ago
        Assert.NotEqual(w["se"], w["ske"]); // a shorter one is not
        Assert.Equal("cached", await _http.GetStringAsync(week));
        Assert.Equal("cached", await _http.GetStringAsync(month));

        // With an account key the same call signs a service SAS, as long as asked.
        var keyed = _azurite.KeyConnection().CreateBlobServiceClient(_azurite.ClientOptions()).GetBlobContainerClient(blob.BlobContainerName).GetBlobClient(blob.Name);
        var serviceSas = await keyed.GenerateSasUriAsync(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(30));
        Assert.DoesNotContain("skoid=", serviceSas.Query, StringComparison.Ordinal);
        Assert.Equal("cached", await _http.GetStringAsync(serviceSas));
    }

    private async Task<BlobClient> UploadAsync(string containerPrefix, string name, string content)
    {
        var container = _service.GetBlobContainerClient(containerPrefix + "-" + _suffix);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true);
        return blob;
    }

    private Task<HttpResponseMessage> PutAsync(Uri url, string content)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return _http.SendAsync(request);
    }

    private static BlobSasBuilder Read(BlobClient blob, DateTimeOffset expiresOn) =>
        new(BlobSasPermissions.Read, expiresOn) { BlobContainerName = blob.BlobContainerName, BlobName = blob.Name };

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Seconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
