using System.Net;
using Hub.Cli.Commands.Ops;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>
/// <c>./hub employers sas</c>: a write-only upload link, checked against a real Azurite's SAS enforcement — signed with the
/// account key (the shared-key Azurite) or, as in production, with the operator's Entra ID (the HTTPS/OAuth Azurite).
/// </summary>
public class EmployerSasTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly HttpClient Http = new();

    private async Task<HubServices> ServicesAsync(params string[] employers)
    {
        var account = azurite.Azurite.LeaseAccount();
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string> { ["HubStorage"] = account.ToConnectionString() }));
        await services.Storage.EnsureCreatedAsync();
        foreach (var code in employers) await services.Employers.AddOrUpdateAsync(code, "テスト事業所");
        return services;
    }

    private static Task<HttpResponseMessage> PutAsync(string url, string content)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return Http.SendAsync(request);
    }

    private static string UrlFor(EmployerSas sas, string file) => sas.UploadUrlTemplate.Replace("{file}", file, StringComparison.Ordinal);

    [Fact]
    public async Task The_link_uploads_into_the_employer_folder_but_cannot_read_list_or_delete()
    {
        var services = await ServicesAsync("E0001");
        var sas = await EmployerUploadSas.CreateAsync(services, "E0001", days: 7);
        Assert.Equal("cw", sas.Permissions);
        Assert.Contains("/submissions/E0001/{file}?", sas.UploadUrlTemplate, StringComparison.Ordinal);
        Assert.InRange(sas.ExpiresOn, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));

        var url = UrlFor(sas, "members.csv");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, "row")).StatusCode);
        var stored = await services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient("E0001/members.csv").DownloadContentAsync();
        Assert.Equal("row", stored.Value.Content.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.DeleteAsync(url)).StatusCode);
        var list = sas.ContainerSasUri + "&restype=container&comp=list";
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(list)).StatusCode);
    }

    [Fact]
    public async Task Residual_risk_a_container_link_can_also_write_into_another_employer_folder()
    {
        // Documented in docs/operations.md: the storage service cannot scope a flat-namespace SAS to a prefix.
        // This test pins the behaviour so the runbook's statement stays true (or is revisited when it changes).
        var services = await ServicesAsync("E0001", "E0002");
        var sas = await EmployerUploadSas.CreateAsync(services, "E0001", days: 1);
        var foreign = sas.UploadUrlTemplate.Replace("/E0001/{file}", "/E0002/spoof.csv", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(foreign, "spoof")).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused_by_storage()
    {
        var services = await ServicesAsync("E0001");
        var past = new FixedTime(DateTimeOffset.UtcNow.AddDays(-2));
        var sas = await EmployerUploadSas.CreateAsync(services, "E0001", days: 1, time: past);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(UrlFor(sas, "late.csv"), "row")).StatusCode);
    }

    [Theory]
    [InlineData("E0009", 7, "EMPLOYER_NOT_REGISTERED")]
    [InlineData("E 0001", 7, "EMPLOYER_CODE_INVALID")]
    [InlineData("E0001", 0, "SAS_DAYS_INVALID")]
    [InlineData("E0001", 32, "SAS_DAYS_INVALID")]
    public async Task Bad_requests_get_a_coded_bilingual_error(string code, int days, string expected)
    {
        var services = await ServicesAsync("E0001");
        var error = await Assert.ThrowsAsync<EmployerSasException>(() => EmployerUploadSas.CreateAsync(services, code, days));
        Assert.Equal(expected, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.English));
        Assert.Contains(error.Japanese, c => c > 0x3000); // Japanese text
    }

    [Fact]
    public async Task Without_an_account_key_more_than_seven_days_is_refused_before_anything_is_asked()
    {
        // Identity-based HubStorage (production disables shared keys): the link would be a user delegation SAS.
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string>
        {
            ["HubStorage__blobServiceUri"] = "https://sthubproddata.blob.core.windows.net",
            ["HubStorage__queueServiceUri"] = "https://sthubproddata.queue.core.windows.net",
            ["HubStorage__tableServiceUri"] = "https://sthubproddata.table.core.windows.net",
            ["HubStorage__credential"] = "managedidentity",
        }));
        var error = await Assert.ThrowsAsync<EmployerSasException>(() => EmployerUploadSas.CreateAsync(services, "E0001", 8));
        Assert.Equal("SAS_DAYS_USER_DELEGATION", error.Code);
        Assert.Contains("--days 7", error.English, StringComparison.Ordinal);
        Assert.Contains("最長 7 日", error.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_entra_identity_the_link_is_a_user_delegation_sas_that_only_uploads()
    {
        var oauth = await AzuriteOAuthInstance.Shared;
        var storage = new HubStorage(oauth.IdentityConnection(), oauth.ClientOptions());
        await storage.EnsureCreatedAsync();
        var employers = new EmployerRegistry(storage, TimeProvider.System);
        var code = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await employers.AddOrUpdateAsync(code, "テスト事業所");

        var sas = await EmployerUploadSas.CreateAsync(storage, employers, code, days: 7);

        Assert.True(sas.UserDelegation);
        Assert.Equal("cw", sas.Permissions);
        // 7 days, less the 5 minutes the signing key is backdated for clock skew: a link never outlives its key.
        Assert.InRange(sas.ExpiresOn, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-6), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-4));
        Assert.Equal(sas.ExpiresOn.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            System.Web.HttpUtility.ParseQueryString(sas.ContainerSasUri.Query)["ske"]);
        var query = System.Web.HttpUtility.ParseQueryString(sas.ContainerSasUri.Query);
        Assert.Equal((AzuriteOAuthInstance.ObjectId, "https", "c"), (query["skoid"], query["spr"], query["sr"]));
        Assert.Null(query["sip"]);

        using var http = oauth.CreateHttpClient();
        var url = UrlFor(sas, "members.csv");
        Assert.Equal(HttpStatusCode.Created, (await SendPutAsync(http, url, "row")).StatusCode);
        var stored = await storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{code}/members.csv").DownloadContentAsync();
        Assert.Equal("row", stored.Value.Content.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(sas.ContainerSasUri + "&restype=container&comp=list")).StatusCode);

        // An IP range is signed into it too.
        var limited = await EmployerUploadSas.CreateAsync(storage, employers, code, days: 1, ipRange: "203.0.113.0-203.0.113.255");
        Assert.Equal("203.0.113.0-203.0.113.255", System.Web.HttpUtility.ParseQueryString(limited.ContainerSasUri.Query)["sip"]);
    }

    [Fact]
    public async Task A_refused_delegation_key_says_which_role_is_needed()
    {
        var oauth = await AzuriteOAuthInstance.Shared;
        var registryStorage = new HubStorage(oauth.IdentityConnection(), oauth.ClientOptions());
        await registryStorage.EnsureCreatedAsync();
        var employers = new EmployerRegistry(registryStorage, TimeProvider.System);
        var code = "R" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await employers.AddOrUpdateAsync(code, "テスト事業所");
        // The operator's token is refused (here: expired), as it is for an identity without the role.
        var refusedStorage = new HubStorage(oauth.IdentityConnection(new AzuriteTokenCredential(AzuriteOAuthInstance.ObjectId,
            AzuriteOAuthInstance.TenantId, lifetime: TimeSpan.FromMinutes(-2))), oauth.ClientOptions());

        var error = await Assert.ThrowsAsync<EmployerSasException>(() => EmployerUploadSas.CreateAsync(refusedStorage, employers, code, 7));

        Assert.Equal("SAS_USER_DELEGATION_REFUSED", error.Code);
        Assert.Contains("Storage Blob Data Contributor", error.English, StringComparison.Ordinal);
        Assert.Contains("403", error.English, StringComparison.Ordinal);
        Assert.Contains("ストレージ BLOB データ共同作成者", error.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sas_connection_has_nothing_to_sign_with()
    {
        var storage = new HubStorage(StorageConnection.Parse(
            "BlobEndpoint=https://sthubproddata.blob.core.windows.net;TableEndpoint=https://sthubproddata.table.core.windows.net;SharedAccessSignature=sv=2025-05-05&sig=x"));
        var error = await Assert.ThrowsAsync<EmployerSasException>(() =>
            EmployerUploadSas.CreateAsync(storage, new EmployerRegistry(storage, TimeProvider.System), "E0001", 1));
        Assert.Equal("SAS_NO_SIGNING_CREDENTIAL", error.Code);
        Assert.Contains(error.Japanese, c => c > 0x3000);
    }

    private static Task<HttpResponseMessage> SendPutAsync(HttpClient http, string url, string content)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return http.SendAsync(request);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
