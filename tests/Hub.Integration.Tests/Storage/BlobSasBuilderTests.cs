using Hub.Storage;
using Hub.Storage.Blobs;

namespace Hub.Integration.Tests.Storage;

/// <summary>SAS builder rules that need no service (the signature itself is verified by Azurite in BlobSasTests).</summary>
public sealed class BlobSasBuilderTests
{
    private static readonly StorageSharedKeyCredential Key = new(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey);
    private static readonly DateTimeOffset Expiry = new(2026, 11, 21, 9, 30, 15, 789, TimeSpan.FromHours(9));

    [Theory]
    [InlineData(BlobSasPermissions.Read, "r")]
    [InlineData(BlobSasPermissions.Write | BlobSasPermissions.Create, "cw")]
    [InlineData(BlobSasPermissions.Delete | BlobSasPermissions.Read | BlobSasPermissions.Add, "rad")]
    [InlineData(BlobSasPermissions.All, "racwdl")]
    public void Blob_permissions_are_written_in_the_service_order(BlobSasPermissions permissions, string letters) =>
        Assert.Equal(letters, new BlobSasBuilder(permissions, Expiry).Permissions);

    [Theory]
    [InlineData(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, "cw")]
    [InlineData(BlobContainerSasPermissions.List | BlobContainerSasPermissions.Read, "rl")]
    public void Container_permissions_are_written_in_the_service_order(BlobContainerSasPermissions permissions, string letters) =>
        Assert.Equal(letters, new BlobSasBuilder(permissions, Expiry).Permissions);

    [Theory]
    [InlineData("wc", "cw")]
    [InlineData("ldr", "rdl")]
    [InlineData("r", "r")]
    public void Raw_permissions_are_normalized(string raw, string expected)
    {
        var builder = new BlobSasBuilder();
        builder.SetPermissions(raw);
        Assert.Equal(expected, builder.Permissions);
    }

    [Theory]
    [InlineData("rx")]
    [InlineData("rr")]
    [InlineData("R")]
    public void Unknown_or_repeated_permission_letters_are_refused(string raw)
    {
        var e = Assert.Throws<ArgumentException>(() => new BlobSasBuilder().SetPermissions(raw));
        Assert.Equal(BlobErrors.SasInvalid, e.Data[BlobErrors.CodeKey]);
    }

    [Fact]
    public void The_token_carries_utc_times_to_the_second_resource_and_protocol()
    {
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, Expiry)
        {
            BlobContainerName = "notices",
            BlobName = "E001/通知.pdf",
            StartsOn = Expiry.AddHours(-1),
        }.ToSasQueryParameters(Key);
        var query = sas.ToString();
        Assert.Equal("b", sas.Resource);
        Assert.Contains("se=2026-11-21T00%3A30%3A15Z", query, StringComparison.Ordinal);
        Assert.Contains("st=2026-11-20T23%3A30%3A15Z", query, StringComparison.Ordinal);
        Assert.Contains("spr=https&", query, StringComparison.Ordinal);
        Assert.Contains("sv=" + StorageClientOptions.DefaultBlobQueueVersion, query, StringComparison.Ordinal);
        Assert.Contains("sig=" + Uri.EscapeDataString(sas.Signature), query, StringComparison.Ordinal);
        Assert.Equal(44, sas.Signature.Length); // base64 HMAC-SHA256

        var container = new BlobSasBuilder(BlobContainerSasPermissions.Create, Expiry) { BlobContainerName = "notices" }.ToSasQueryParameters(Key);
        Assert.Equal("c", container.Resource);
        Assert.NotEqual(sas.Signature, container.Signature);
    }

    [Fact]
    public void Every_signed_field_changes_the_signature()
    {
        BlobSasBuilder Baseline() => new(BlobSasPermissions.Read, Expiry) { BlobContainerName = "c", BlobName = "b.txt" };
        var baseline = Baseline().ToSasQueryParameters(Key).Signature;
        var variants = new Action<BlobSasBuilder>[]
        {
            b => b.SetPermissions(BlobSasPermissions.Read | BlobSasPermissions.Write),
            b => b.ExpiresOn = Expiry.AddSeconds(1),
            b => b.StartsOn = Expiry.AddHours(-1),
            b => b.BlobName = "other.txt",
            b => b.BlobContainerName = "d",
            b => b.Protocol = SasProtocol.HttpsAndHttp,
            b => b.IPRange = "203.0.113.1",
            b => b.Version = "2021-08-06",
            b => b.ContentDisposition = "attachment",
            b => b.ContentType = "text/csv",
            b => b.CacheControl = "no-store",
            b => b.ContentEncoding = "gzip",
            b => b.ContentLanguage = "ja",
        };
        foreach (var change in variants)
        {
            var builder = Baseline();
            change(builder);
            Assert.NotEqual(baseline, builder.ToSasQueryParameters(Key).Signature);
        }
        Assert.Equal(baseline, Baseline().ToSasQueryParameters(Key).Signature); // and it is deterministic
    }

    [Fact]
    public void Incomplete_or_inconsistent_builders_are_refused()
    {
        var noExpiry = new BlobSasBuilder { BlobContainerName = "c" };
        noExpiry.SetPermissions(BlobSasPermissions.Read);
        Assert.Throws<ArgumentException>(() => noExpiry.ToSasQueryParameters(Key));
        Assert.Throws<ArgumentException>(() => new BlobSasBuilder { BlobContainerName = "c", ExpiresOn = Expiry }.ToSasQueryParameters(Key));
        Assert.Throws<ArgumentException>(() => new BlobSasBuilder(BlobSasPermissions.Read, Expiry).ToSasQueryParameters(Key));
        Assert.Throws<ArgumentException>(() => new BlobSasBuilder(BlobSasPermissions.Read, Expiry) { BlobContainerName = "c", StartsOn = Expiry }.ToSasQueryParameters(Key));
        var old = Assert.Throws<ArgumentException>(() =>
            new BlobSasBuilder(BlobSasPermissions.Read, Expiry) { BlobContainerName = "c", Version = "2019-12-12" }.ToSasQueryParameters(Key));
        Assert.Equal(BlobErrors.SasInvalid, old.Data[BlobErrors.CodeKey]);

        var blob = new BlobClient(StorageConnection.Parse("UseDevelopmentStorage=true"), "c", "b.txt");
        Assert.Throws<ArgumentException>(() => blob.GenerateSasUri(new BlobSasBuilder(BlobSasPermissions.Read, Expiry) { BlobContainerName = "c", BlobName = "other" }));
        Assert.StartsWith("http://127.0.0.1:10000/devstoreaccount1/c/b.txt?", blob.GenerateSasUri(BlobSasPermissions.Read, Expiry).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/notices/E001/a%20b.pdf?sv=x&sig=y", "devstoreaccount1", "notices", "E001/a b.pdf")]
    [InlineData("https://hubprod.blob.core.windows.net/notices/E001/%E9%80%9A%E7%9F%A5.pdf?sv=x&sig=y", "hubprod", "notices", "E001/通知.pdf")]
    [InlineData("http://azurite:10000/devstoreaccount1/submissions/x.csv?sv=x&sig=y", "devstoreaccount1", "submissions", "x.csv")]
    public void Sas_urls_are_split_into_account_container_and_blob(string url, string account, string container, string blobName)
    {
        var blob = new BlobClient(new Uri(url));
        Assert.Equal(account, blob.AccountName);
        Assert.Equal(container, blob.BlobContainerName);
        Assert.Equal(blobName, blob.Name);
        Assert.DoesNotContain("sig=", blob.Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_without_sas_is_refused_for_key_less_clients()
    {
        Assert.Throws<ArgumentException>(() => new BlobClient(new Uri("https://hubprod.blob.core.windows.net/notices/a.pdf")));
        Assert.Throws<ArgumentException>(() => new BlobContainerClient(new Uri("https://hubprod.blob.core.windows.net/?sv=x&sig=y")));
    }
}
