using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Testing;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// Document links as in Azure: the hub's storage connection is identity-based (managed identity, no account key), so
/// links are user delegation SAS. Runs against the HTTPS/OAuth Azurite, which issues the key and checks every link;
/// the links are opened as the insurer would, with a plain HTTP client. (The account-key path is covered by DeliveryTests.)
/// </summary>
public sealed class DocumentLinksIdentityTests : IAsyncLifetime
{
    private static readonly SemaphoreSlim CreateOnce = new(1, 1);
    private static bool _created;
    private readonly KeyRequests _keyRequests = new();
    private AzuriteOAuthInstance _azurite = null!;
    private HubStorage _storage = null!;
    private HttpClient _http = null!;
    private string _member = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteOAuthInstance.Shared;
        var options = _azurite.ClientOptions();
        options.AddPolicy(_keyRequests, HttpPipelinePosition.PerRetry);
        _storage = new HubStorage(_azurite.IdentityConnection(), options);
        _http = _azurite.CreateHttpClient();
        _member = TestNames.Unique("M");
        await CreateOnce.WaitAsync();
        try
        {
            if (!_created) await _storage.EnsureCreatedAsync(); // tables and containers, over the identity too
            _created = true;
        }
        finally
        {
            CreateOnce.Release();
        }
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Links_are_user_delegation_links_that_open_read_only()
    {
        Assert.False(_storage.Container(HubStorage.Containers.Notices).CanGenerateSasUri); // no account key anywhere
        var pdf = "%PDF-1.7 資格情報のお知らせ"u8.ToArray();
        await _storage.Container(HubStorage.Containers.Notices).GetBlobClient($"E0001/{_member}/N1.pdf").UploadAsync(BinaryData.FromBytes(pdf));
        await _storage.Container(HubStorage.Containers.Certificates).GetBlobClient($"E0001/{_member}/C1.pdf").UploadAsync(BinaryData.FromBytes(pdf));
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var links = new DocumentLinks(_storage, TimeSpan.FromDays(1));

        var data = await links.ResolveAsync(new JsonObject
        {
            ["memberId"] = _member,
            ["noticeBlob"] = $"notices/E0001/{_member}/N1.pdf",
            ["documents"] = new JsonArray(new JsonObject { ["kind"] = "a4", ["certificateBlob"] = $"certificates/E0001/{_member}/C1.pdf" }),
        }, now);

        Assert.Equal(["memberId", "noticeUrl", "documents"], data.Select(p => p.Key));
        var notice = new Uri(data["noticeUrl"]!.GetValue<string>());
        var query = System.Web.HttpUtility.ParseQueryString(notice.Query);
        Assert.Equal((AzuriteOAuthInstance.ObjectId, "r", "b", "https"), (query["skoid"], query["sp"], query["sr"], query["spr"]));
        Assert.Equal(Iso(now.AddDays(1)), query["se"]); // within the key's lifetime: as asked
        Assert.Equal(pdf, await _http.GetByteArrayAsync(notice));
        Assert.Equal(pdf, await _http.GetByteArrayAsync(data["documents"]![0]!["certificateUrl"]!.GetValue<string>()));

        var put = new HttpRequestMessage(HttpMethod.Put, notice) { Content = new ByteArrayContent("x"u8.ToArray()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(put)).StatusCode);
    }

    [Fact]
    public async Task A_seven_day_link_ends_with_its_key_and_one_key_serves_many_links()
    {
        await _storage.Container(HubStorage.Containers.Results).GetBlobClient($"E0001/{_member}.json").UploadAsync(BinaryData.FromString("{}"));
        var links = new DocumentLinks(_storage, TimeSpan.FromDays(7));
        var now = DateTimeOffset.UtcNow;

        var urls = new List<Uri>();
        for (var i = 0; i < 20; i++)
            urls.Add(new Uri((await links.ResolveAsync(new JsonObject { ["resultBlob"] = $"results/E0001/{_member}.json" }, now))["resultUrl"]!.GetValue<string>()));

        Assert.Equal(1, _keyRequests.Count);
        var query = System.Web.HttpUtility.ParseQueryString(urls[^1].Query);
        Assert.Equal(query["ske"], query["se"]); // cut to the key's expiry, never beyond it
        var expiry = DateTimeOffset.Parse(query["se"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expiry, now.AddDays(7).AddMinutes(-66), now.AddDays(7)); // at most an hour (and the 5-minute skew) short
        Assert.Equal("{}", await _http.GetStringAsync(urls[^1]));
    }

    [Fact]
    public async Task A_path_outside_the_document_containers_is_refused_before_anything_is_signed()
    {
        var links = new DocumentLinks(_storage, TimeSpan.FromDays(1));
        var refused = await Assert.ThrowsAsync<WebhookException>(() => links.ResolveAsync(new JsonObject
        {
            ["noticeBlob"] = $"notices/E0001/{_member}/N1.pdf",
            ["sourceBlob"] = "submissions/E0001/members.csv",
        }, DateTimeOffset.UtcNow));
        Assert.Equal(WebhookErrorCodes.LinkNotAllowed, refused.Code);
        Assert.Equal(0, _keyRequests.Count);
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Counts Get User Delegation Key requests (observes only).</summary>
    private sealed class KeyRequests : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains("comp=userdelegationkey", StringComparison.Ordinal)) Interlocked.Increment(ref _count);
        }
    }
}
