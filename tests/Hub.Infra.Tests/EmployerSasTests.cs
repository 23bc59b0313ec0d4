using System.Net;
using Hub.Cli.Commands.Ops;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Storage;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary><c>./hub employers sas</c>: a write-only upload link, checked against a real Azurite's SAS enforcement.</summary>
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
    public async Task Without_an_account_key_it_explains_the_user_delegation_alternative()
    {
        // Identity-based HubStorage (production disables shared keys): nothing to sign a service SAS with.
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string>
        {
            ["HubStorage__blobServiceUri"] = "https://sthubproddata.blob.core.windows.net",
            ["HubStorage__queueServiceUri"] = "https://sthubproddata.queue.core.windows.net",
            ["HubStorage__tableServiceUri"] = "https://sthubproddata.table.core.windows.net",
            ["HubStorage__credential"] = "managedidentity",
        }));
        var error = await Assert.ThrowsAsync<EmployerSasException>(() => EmployerUploadSas.CreateAsync(services, "E0001", 30));
        Assert.Equal("SAS_NEEDS_ACCOUNT_KEY", error.Code);
        Assert.Contains("--account-name sthubproddata --name submissions --permissions cw", error.English, StringComparison.Ordinal);
        Assert.Contains("--as-user", error.English, StringComparison.Ordinal);
        Assert.Contains("+7 days", error.English, StringComparison.Ordinal); // user delegation SAS live at most 7 days
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
