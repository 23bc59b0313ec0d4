using System.Net;
using System.Text.RegularExpressions;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

public sealed class BlobSasTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly HttpClient Plain = new();

    [Fact]
    public async Task Read_only_sas_url_downloads_with_a_plain_http_client_and_fails_after_expiry()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("notices/E001/資格確認書🏥.pdf");
        var content = BlobTestSupport.RandomBytes(40_000);
        await blob.UploadAsync(BinaryData.FromBytes(content));

        var expiresOn = DateTimeOffset.UtcNow.AddSeconds(3);
        var sas = blob.GenerateSasUri(BlobSasPermissions.Read, expiresOn);
        Assert.Contains("sp=r&", sas.Query, StringComparison.Ordinal);
        Assert.Contains("sr=b", sas.Query, StringComparison.Ordinal);
        Assert.Contains("spr=https%2Chttp", sas.Query, StringComparison.Ordinal); // Azurite is HTTP

        using (var ok = await Plain.GetAsync(sas))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(content, await ok.Content.ReadAsByteArrayAsync());
        }

        // The same URL drives a key-less client, which cannot sign SAS URLs itself.
        var viaSas = new BlobClient(sas);
        Assert.Equal(blob.Name, viaSas.Name);
        Assert.Equal(container.Name, viaSas.BlobContainerName);
        Assert.False(viaSas.CanGenerateSasUri);
        Assert.Equal(content, (await viaSas.DownloadContentAsync()).Value.Content.ToArray());
        var noKey = Assert.Throws<InvalidOperationException>(() => viaSas.GenerateSasUri(BlobSasPermissions.Read, expiresOn));
        Assert.Equal(BlobErrors.SasNeedsAccountKey, noKey.Data[BlobErrors.CodeKey]);

        // Read-only: writing and deleting through it are refused.
        using (var put = await Plain.PutAsync(sas, new ByteArrayContent([1, 2, 3]) { Headers = { { "x-ms-blob-type", "BlockBlob" } } }))
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        var delete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => viaSas.DeleteAsync());
        Assert.Equal(403, delete.Status);

        // The signature is signed to the second; wait until it has certainly passed.
        var wait = expiresOn.AddSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        using var expired = await Plain.GetAsync(sas);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.True(expired.Headers.TryGetValues("x-ms-error-code", out var codes));
        Assert.Contains(Assert.Single(codes), new[] { "AuthenticationFailed", "AuthorizationFailure" }); // Azure | Azurite
        Assert.True((await blob.ExistsAsync()).Value); // the key still works
    }

    [Fact]
    public async Task Tampered_sas_is_refused()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("tamper.txt");
        await blob.UploadAsync(BinaryData.FromString("secret"));
        var sas = blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(5)).ToString();

        using (var ok = await Plain.GetAsync(sas)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        foreach (var tampered in new[]
                 {
                     sas.Replace("sp=r&", "sp=rw&", StringComparison.Ordinal),      // more permissions
                     sas.Replace("/tamper.txt", "/other.txt", StringComparison.Ordinal), // another blob
                     Regex.Replace(sas, "se=[0-9]{4}", "se=2099"),                     // a longer life
                 })
        {
            using var refused = await Plain.GetAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Https_only_sas_is_refused_over_http()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("https-only.txt");
        await blob.UploadAsync(BinaryData.FromString("x"));
        var sas = blob.GenerateSasUri(new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(5))
        {
            BlobContainerName = container.Name,
            BlobName = blob.Name,
        });
        Assert.Contains("spr=https&", sas.Query, StringComparison.Ordinal);
        using var refused = await Plain.GetAsync(sas);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("AuthorizationProtocolMismatch", Assert.Single(refused.Headers.GetValues("x-ms-error-code")));
    }

    [Fact]
    public async Task Sas_response_header_overrides_apply_to_downloads()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("exports/roster.csv");
        await blob.UploadAsync(BinaryData.FromString("a,b\n"));
        var sas = blob.GenerateSasUri(new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(5))
        {
            BlobContainerName = container.Name,
            BlobName = blob.Name,
            Protocol = SasProtocol.HttpsAndHttp,
            ContentDisposition = "attachment; filename=roster.csv",
            ContentType = "text/csv",
        });
        using var response = await Plain.GetAsync(sas);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=roster.csv", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Container_create_write_sas_uploads_under_a_prefix_but_cannot_read_or_list()
    {
        var container = await azurite.NewContainerAsync();
        var uploadUrl = container.GenerateSasUri(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Contains("sp=cw&", uploadUrl.Query, StringComparison.Ordinal);
        Assert.Contains("sr=c", uploadUrl.Query, StringComparison.Ordinal);

        // What an employer does with the URL it was given: no key anywhere.
        var employer = new BlobContainerClient(uploadUrl);
        Assert.Equal(container.Name, employer.Name);
        Assert.False(employer.CanGenerateSasUri);
        const string csv = "氏名,マイナンバー下4桁\n協会 太郎,9018\n";
        var small = employer.GetBlobClient("submissions/E001/社員名簿🏥.csv");
        await small.UploadAsync(BinaryData.FromString(csv));
        var large = employer.GetBlobClient("submissions/E001/scan.pdf");
        var scan = BlobTestSupport.RandomBytes(3 * 1024 * 1024);
        await using (var stream = await large.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            TransferOptions = new BlobTransferOptions { MaximumTransferSize = 1024 * 1024 },
        }))
            await stream.WriteAsync(scan);

        var read = await Assert.ThrowsAsync<StorageRequestFailedException>(() => small.DownloadContentAsync());
        Assert.Equal(403, read.Status);
        Assert.Equal("AuthorizationPermissionMismatch", read.ErrorCode);
        var head = await Assert.ThrowsAsync<StorageRequestFailedException>(() => small.GetPropertiesAsync());
        Assert.Equal(403, head.Status);
        var list = await Assert.ThrowsAsync<StorageRequestFailedException>(async () =>
        {
            await foreach (var _ in employer.GetBlobsAsync(prefix: "submissions/")) { }
        });
        Assert.Equal(403, list.Status);
        var delete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => small.DeleteAsync());
        Assert.Equal(403, delete.Status);
        using (var plainGet = await Plain.GetAsync(new UriBuilder(small.Uri) { Query = uploadUrl.Query.TrimStart('?') }.Uri))
            Assert.Equal(HttpStatusCode.Forbidden, plainGet.StatusCode);

        // The hub (account key) sees exactly what was uploaded.
        Assert.Equal(csv, (await container.GetBlobClient("submissions/E001/社員名簿🏥.csv").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(scan, (await container.GetBlobClient("submissions/E001/scan.pdf").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Sas_for_a_blob_does_not_open_its_neighbours()
    {
        var container = await azurite.NewContainerAsync();
        await container.GetBlobClient("E001/a.txt").UploadAsync(BinaryData.FromString("a"));
        await container.GetBlobClient("E002/b.txt").UploadAsync(BinaryData.FromString("b"));
        var sas = container.GetBlobClient("E001/a.txt").GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(5));
        var neighbour = new UriBuilder(container.GetBlobClient("E002/b.txt").Uri) { Query = sas.Query.TrimStart('?') }.Uri;
        using var refused = await Plain.GetAsync(neighbour);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
