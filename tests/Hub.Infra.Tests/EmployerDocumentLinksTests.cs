using System.Net;
using Hub.Cli.Cli;
using Hub.Cli.Commands.Ops;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>
/// <c>./hub employers links</c>: read-only links to one employer's documents, checked against a real Azurite's SAS
/// enforcement; and the ops verbs' one-line explanations of storage problems.
/// </summary>
public class EmployerDocumentLinksTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly HttpClient Http = new();

    private async Task<HubServices> ServicesAsync()
    {
        var account = azurite.Azurite.LeaseAccount();
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string> { ["HubStorage"] = account.ToConnectionString() }));
        await services.Storage.EnsureCreatedAsync();
        await services.Employers.AddOrUpdateAsync("E0001", "テスト事業所");
        await services.Employers.AddOrUpdateAsync("E0002", "別の事業所");
        foreach (var (container, path) in new[]
                 {
                     (HubStorage.Containers.Results, "E0001/S1.csv"), (HubStorage.Containers.Outbox, "E0001/20261121-reminders.csv"),
                     (HubStorage.Containers.Notices, "E0001/m1/N1.pdf"), (HubStorage.Containers.Certificates, "E0001/m1/C1.pdf"),
                     (HubStorage.Containers.Results, "E0002/S2.csv"), (HubStorage.Containers.Submissions, "E0001/upload.csv"),
                 })
            await services.Storage.Container(container).GetBlobClient(path).UploadAsync(BinaryData.FromString($"{container}/{path}"), overwrite: true);
        return services;
    }

    [Fact]
    public async Task Links_cover_the_employers_own_documents_only_and_open_read_only()
    {
        var services = await ServicesAsync();

        var links = await EmployerDocumentLinks.CreateAsync(services.Storage, services.Employers, "E0001", since: null, days: 3);

        Assert.Equal(
            ["results:E0001/S1.csv", "outbox:E0001/20261121-reminders.csv", "notices:E0001/m1/N1.pdf", "certificates:E0001/m1/C1.pdf"],
            links.Select(l => $"{l.Kind}:{l.Path}"));
        foreach (var link in links)
        {
            Assert.Equal($"{link.Kind}/{link.Path}", await Http.GetStringAsync(link.Url));
            Assert.Equal("r", System.Web.HttpUtility.ParseQueryString(link.Url.Query)["sp"]);
            var put = new HttpRequestMessage(HttpMethod.Put, link.Url) { Content = new StringContent("x") };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            Assert.Equal(HttpStatusCode.Forbidden, (await Http.SendAsync(put)).StatusCode);
        }

        // A blob link opens that blob only: the same signature on another employer's report is refused.
        var other = links[0].Url.AbsoluteUri.Replace("E0001/S1.csv", "E0002/S2.csv", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Since_leaves_out_older_documents()
    {
        var services = await ServicesAsync();

        var links = await EmployerDocumentLinks.CreateAsync(services.Storage, services.Employers, "E0001", since: DateTimeOffset.UtcNow.AddDays(1), days: 1);

        Assert.Empty(links);
    }

    [Theory]
    [InlineData("E0009", 7, "EMPLOYER_NOT_REGISTERED")]
    [InlineData("E/0001", 7, "EMPLOYER_CODE_INVALID")]
    [InlineData("E0001", 8, "SAS_DAYS_INVALID")]
    [InlineData("E0001", 0, "SAS_DAYS_INVALID")]
    public async Task Bad_requests_are_refused_with_a_code(string code, int days, string expected)
    {
        var services = await ServicesAsync();

        var error = await Assert.ThrowsAsync<EmployerSasException>(() => EmployerDocumentLinks.CreateAsync(services.Storage, services.Employers, code, null, days));

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task A_fresh_store_is_explained_in_one_line_not_a_stack_trace()
    {
        var account = azurite.Azurite.LeaseAccount();
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string> { ["HubStorage"] = account.ToConnectionString() }));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => services.Employers.ListAsync());

        var explained = CliErrors.Explain(error);
        Assert.NotNull(explained);
        Assert.Contains("Nothing is stored here yet", explained, StringComparison.Ordinal);
        Assert.Contains("保存先にまだ何も記録されていません", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_is_explained_in_one_line()
    {
        var port = Hub.LocalHost.Azurite.AzuriteProcess.FreePort();
        var services = new HubServices(Settings.FromDictionary(new Dictionary<string, string>
        {
            ["HubStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
                             $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
        }));

        var error = await Record.ExceptionAsync(() => services.Employers.ListAsync());

        Assert.NotNull(error);
        Assert.Contains("Cannot reach storage", CliErrors.Explain(error!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_is_not_disguised_as_an_environment_problem() =>
        Assert.Null(CliErrors.Explain(new InvalidOperationException("bug")));
}
