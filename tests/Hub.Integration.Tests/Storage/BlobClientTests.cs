using System.Security.Cryptography;
using System.Text;
using Azure;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

public sealed class BlobClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string JapaneseCsv = "氏名,フリガナ,備考\r\n協会 太郎,キョウカイ タロウ,🏥 マイナ保険証\r\n健保 花子,ケンポ ハナコ,資格確認書\r\n";

    [Fact]
    public async Task Japanese_text_and_emoji_round_trip_in_content_and_blob_name()
    {
        var container = await azurite.NewContainerAsync();
        const string name = "submissions/E001/社員名簿🏥.csv";
        var blob = container.GetBlobClient(name);
        Assert.Equal(name, blob.Name);
        Assert.Contains("%E7%A4%BE", blob.Uri.AbsoluteUri, StringComparison.Ordinal); // percent-encoded UTF-8 on the wire

        var uploaded = (await blob.UploadAsync(BinaryData.FromString(JapaneseCsv), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
        })).Value;

        var download = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(JapaneseCsv, download.Content.ToString());
        Assert.Equal("text/csv; charset=utf-8", download.Details.ContentType);
        Assert.Equal(uploaded.ETag, download.Details.ETag);

        var listed = new List<string>();
        await foreach (var item in container.GetBlobsAsync(prefix: "submissions/E001/")) listed.Add(item.Name);
        Assert.Equal([name], listed);

        // The same name reached through a fresh client (no shared state) resolves to the same blob.
        var again = new BlobClient(azurite.Connection, container.Name, name);
        Assert.True((await again.ExistsAsync()).Value);
        Assert.Equal(Encoding.UTF8.GetByteCount(JapaneseCsv), (await again.GetPropertiesAsync()).Value.ContentLength);
    }

    [Fact]
    public async Task Create_only_upload_twice_is_a_typed_409_and_keeps_the_first_content()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("receipts/R-0001.json");
        await blob.UploadAsync(BinaryData.FromString("first"));

        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second")));
        Assert.True(e.IsConflict);
        Assert.Equal(409, e.Status);
        Assert.Equal("BlobAlreadyExists", e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));

        var explicitCreateOnly = new BlobUploadOptions { Conditions = new RequestConditions { IfNoneMatch = ETag.All } };
        var e2 = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.UploadAsync(new MemoryStream("third"u8.ToArray()), explicitCreateOnly));
        Assert.Equal("BlobAlreadyExists", e2.ErrorCode);

        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
        await blob.UploadAsync(BinaryData.FromString("replaced"), overwrite: true);
        Assert.Equal("replaced", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Stale_etag_is_a_typed_412_on_upload_metadata_and_delete()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("members/M-001.json");
        var v1 = (await blob.UploadAsync(BinaryData.FromString("{\"v\":1}"))).Value.ETag;
        var v2 = (await blob.UploadAsync(BinaryData.FromString("{\"v\":2}"), new BlobUploadOptions { Conditions = new RequestConditions { IfMatch = v1 } })).Value.ETag;
        Assert.NotEqual(v1, v2);
        var stale = new RequestConditions { IfMatch = v1 };

        var upload = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("{\"v\":3}"), new BlobUploadOptions { Conditions = stale }));
        var metadata = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.SetMetadataAsync(new Dictionary<string, string> { ["status"] = "stale" }, stale));
        var delete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync(conditions: stale));
        foreach (var e in new[] { upload, metadata, delete })
        {
            Assert.True(e.IsPreconditionFailed, $"status {e.Status}");
            Assert.Equal("ConditionNotMet", e.ErrorCode);
        }
        Assert.Equal("{\"v\":2}", (await blob.DownloadContentAsync()).Value.Content.ToString());

        // With the current ETag each succeeds; metadata changes the ETag, so the delete needs the newer one.
        var v3 = (await blob.SetMetadataAsync(new Dictionary<string, string> { ["status"] = "current" }, new RequestConditions { IfMatch = v2 })).Value.ETag;
        Assert.NotEqual(v2, v3);
        await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync(conditions: new RequestConditions { IfMatch = v2 }));
        await blob.DeleteAsync(conditions: new RequestConditions { IfMatch = v3 });
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Properties_and_metadata_are_stored_read_and_replaced()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("notices/E001/notice.pdf");
        var content = BlobTestSupport.RandomBytes(12_345);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var uploaded = (await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = "application/pdf",
                ContentLanguage = "ja-JP",
                ContentDisposition = "attachment; filename=\"notice.pdf\"",
                CacheControl = "no-store",
            },
            Metadata = new Dictionary<string, string> { ["employer"] = "E001", ["kind"] = "notice" },
        })).Value;

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(uploaded.ETag, properties.ETag);
        Assert.Equal(content.Length, properties.ContentLength);
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal("ja-JP", properties.ContentLanguage);
        Assert.Equal("attachment; filename=\"notice.pdf\"", properties.ContentDisposition);
        Assert.Equal("no-store", properties.CacheControl);
        Assert.Equal(MD5.HashData(content), properties.ContentHash);
        Assert.Equal(MD5.HashData(content), uploaded.ContentHash);
        Assert.Equal("BlockBlob", properties.BlobType);
        Assert.NotNull(properties.CreatedOn);
        Assert.InRange(properties.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("E001", properties.Metadata["employer"]);
        Assert.Equal("notice", properties.Metadata["KIND"]); // names are case-insensitive

        var changed = (await blob.SetMetadataAsync(new Dictionary<string, string> { ["status"] = "sent" })).Value;
        properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(changed.ETag, properties.ETag);
        Assert.Equal(new Dictionary<string, string> { ["status"] = "sent" }, properties.Metadata.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value));
        Assert.Equal(content.Length, properties.ContentLength); // content untouched

        await blob.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = "application/octet-stream", ContentHash = properties.ContentHash });
        properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("application/octet-stream", properties.ContentType);
        Assert.Null(properties.ContentLanguage); // Set Blob Properties replaces them all
        Assert.Equal(MD5.HashData(content), properties.ContentHash);

        var listedWith = await SingleAsync(container.GetBlobsAsync(BlobTraits.Metadata));
        Assert.Equal("sent", listedWith.Metadata["status"]);
        Assert.Equal(properties.ETag, listedWith.Properties.ETag);
        Assert.Equal(content.Length, listedWith.Properties.ContentLength);
        Assert.Equal(MD5.HashData(content), listedWith.Properties.ContentHash);
        Assert.Empty((await SingleAsync(container.GetBlobsAsync())).Metadata);
    }

    [Fact]
    public async Task Non_ascii_metadata_is_encoded_on_the_wire_and_decoded_on_every_read()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("submissions/E001/roster.csv");
        var metadata = new Dictionary<string, string>
        {
            ["originalFileName"] = "社員名簿🏥.csv",
            ["employerName"] = "株式会社テスト　本社", // includes an ideographic space
            ["padded"] = "  spaces kept  ",
            ["lookalike"] = "=?UTF-8?B?AAAA?=",
            ["plain"] = "E001",
        };
        await blob.UploadAsync(BinaryData.FromString(JapaneseCsv), new BlobUploadOptions { Metadata = metadata });

        var properties = await blob.GetPropertiesAsync();
        foreach (var (name, value) in metadata) Assert.Equal(value, properties.Value.Metadata[name]);

        // What the service stores is ASCII: the encoded word, decodable by BlobMetadataEncoding.
        Assert.True(properties.GetRawResponse().Headers.TryGetValue("x-ms-meta-originalFileName", out var raw));
        Assert.StartsWith("=?UTF-8?B?", raw, StringComparison.Ordinal);
        Assert.All(raw!, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal("社員名簿🏥.csv", BlobMetadataEncoding.DecodeValue(raw!));
        Assert.True(properties.GetRawResponse().Headers.TryGetValue("x-ms-meta-plain", out var plain));
        Assert.Equal("E001", plain);

        var listed = await SingleAsync(container.GetBlobsAsync(BlobTraits.Metadata));
        foreach (var (name, value) in metadata) Assert.Equal(value, listed.Metadata[name]);
        using var download = (await blob.DownloadStreamingAsync()).Value;
        Assert.Equal("社員名簿🏥.csv", download.Details.Metadata["originalFileName"]);

        await container.SetMetadataAsync(new Dictionary<string, string> { ["owner"] = "健康保険組合" });
        Assert.Equal("健康保険組合", (await container.GetPropertiesAsync()).Value.Metadata["owner"]);
    }

    [Theory]
    [InlineData("x-ms-custom")]
    [InlineData("1st")]
    [InlineData("氏名")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Invalid_metadata_names_are_refused_before_any_request(string name)
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("refused.txt");
        var metadata = new Dictionary<string, string> { [name] = "value" };

        var upload = await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = metadata }));
        Assert.Equal(BlobErrors.MetadataNameInvalid, upload.Data[BlobErrors.CodeKey]);
        Assert.Contains("C# identifier", upload.Message, StringComparison.Ordinal);
        Assert.Contains("メタデータ名", upload.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => blob.OpenWriteAsync(true, new BlobOpenWriteOptions { Metadata = metadata }));
        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(new NonSeekableStream(new MemoryStream(new byte[10])), new BlobUploadOptions { Metadata = metadata }));
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Metadata_names_differing_only_in_case_are_refused()
    {
        var blob = (await azurite.NewContainerAsync()).GetBlobClient("dup.txt");
        var metadata = new Dictionary<string, string> { ["Status"] = "a", ["status"] = "b" };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = metadata }));
        Assert.Equal(BlobErrors.MetadataNameDuplicate, e.Data[BlobErrors.CodeKey]);
    }

    [Fact]
    public async Task Delete_respects_snapshots_and_conditions()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("reports/2026-11.csv");
        var monthly = new Dictionary<string, string> { ["kind"] = "月次" };
        await blob.UploadAsync(BinaryData.FromString("v1"), new BlobUploadOptions { Metadata = monthly });
        var snapshot = (await blob.CreateSnapshotAsync()).Value;
        Assert.False(string.IsNullOrEmpty(snapshot.Snapshot));
        var current = (await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Metadata = monthly })).Value.ETag;

        var listed = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.Snapshots)) listed.Add(item);
        Assert.Equal(2, listed.Count);
        Assert.Equal(snapshot.Snapshot, Assert.Single(listed, i => i.Snapshot is not null).Snapshot);
        Assert.All(listed, i => Assert.Equal("月次", i.Metadata["kind"]));

        var withSnapshots = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DeleteAsync());
        Assert.True(withSnapshots.IsConflict);
        Assert.Equal("SnapshotsPresent", withSnapshots.ErrorCode);

        var notModifiedSince = new RequestConditions { IfUnmodifiedSince = DateTimeOffset.UtcNow.AddHours(-1) };
        Assert.True((await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, notModifiedSince))).IsPreconditionFailed);

        await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new RequestConditions { IfMatch = current });
        Assert.False((await blob.ExistsAsync()).Value);
        await foreach (var item in container.GetBlobsAsync(states: BlobStates.Snapshots)) Assert.Fail($"left behind: {item.Name} {item.Snapshot}");
        Assert.False((await blob.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task Delete_only_snapshots_keeps_the_blob()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("keep.txt");
        await blob.UploadAsync(BinaryData.FromString("kept"));
        await blob.CreateSnapshotAsync();
        await blob.DeleteAsync(DeleteSnapshotsOption.OnlySnapshots);
        var remaining = await SingleAsync(container.GetBlobsAsync(states: BlobStates.Snapshots));
        Assert.Null(remaining.Snapshot);
        Assert.True((await blob.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task Missing_blob_is_a_typed_404_on_every_read()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("missing/nothing.bin");
        Assert.False((await blob.ExistsAsync()).Value);
        var head = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.GetPropertiesAsync());
        var stream = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DownloadStreamingAsync());
        var content = await Assert.ThrowsAsync<StorageRequestFailedException>(() => blob.DownloadContentAsync());
        foreach (var e in new[] { head, stream, content })
        {
            Assert.True(e.IsNotFound);
            Assert.Equal("BlobNotFound", e.ErrorCode);
        }
        Assert.False((await blob.DeleteIfExistsAsync()).Value);

        var noContainer = azurite.Connection.CreateBlobServiceClient().GetBlobContainerClient(TestNames.Unique("none")).GetBlobClient("x");
        var e2 = await Assert.ThrowsAsync<StorageRequestFailedException>(() => noContainer.UploadAsync(BinaryData.FromString("x")));
        Assert.Equal("ContainerNotFound", e2.ErrorCode);
    }

    [Fact]
    public async Task Empty_content_uploads_and_downloads()
    {
        var blob = (await azurite.NewContainerAsync()).GetBlobClient("empty.txt");
        var info = (await blob.UploadAsync(BinaryData.FromBytes([]))).Value;
        Assert.Equal(MD5.HashData(ReadOnlySpan<byte>.Empty), info.ContentHash);
        Assert.Equal(0, (await blob.GetPropertiesAsync()).Value.ContentLength);
        Assert.Empty((await blob.DownloadContentAsync()).Value.Content.ToArray());
        using var stream = (await blob.DownloadStreamingAsync()).Value;
        Assert.Equal(-1, stream.Content.ReadByte());
    }

    private static async Task<BlobItem> SingleAsync(AsyncPageable<BlobItem> pageable)
    {
        var items = new List<BlobItem>();
        await foreach (var item in pageable) items.Add(item);
        return Assert.Single(items);
    }
}
