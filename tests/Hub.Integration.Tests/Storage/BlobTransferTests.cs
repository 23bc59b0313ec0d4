using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

public sealed class BlobTransferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Large_non_seekable_upload_is_staged_in_4_MiB_blocks_and_round_trips_byte_for_byte()
    {
        var recorder = new RecordingPolicy();
        var container = await azurite.NewContainerAsync(BlobTestSupport.FastRetries(recorder));
        var blob = container.GetBlobClient("exports/large.bin");
        var data = BlobTestSupport.RandomBytes(10 * MiB + 123);

        var info = (await blob.UploadAsync(new NonSeekableStream(new MemoryStream(data)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
        })).Value;

        Assert.Equal(3, recorder.Count("PUT", "comp=block&"));
        Assert.Equal(1, recorder.Count("PUT", "comp=blocklist"));
        Assert.Equal(MD5.HashData(data), info.ContentHash);

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(data.Length, properties.ContentLength);
        Assert.Equal(MD5.HashData(data), properties.ContentHash); // the commit stores the whole-content MD5
        Assert.Equal(info.ETag, properties.ETag);

        await using var download = (await blob.DownloadStreamingAsync()).Value;
        Assert.Equal(BlobTestSupport.Sha256(data), await BlobTestSupport.Sha256Async(download.Content));
    }

    [Fact]
    public async Task Small_content_is_one_put_and_transfer_options_control_the_split()
    {
        var recorder = new RecordingPolicy();
        var container = await azurite.NewContainerAsync(BlobTestSupport.FastRetries(recorder));

        var small = BlobTestSupport.RandomBytes(50_000);
        recorder.Requests.Clear();
        await container.GetBlobClient("small.bin").UploadAsync(new MemoryStream(small));
        var single = Assert.Single(recorder.Requests);
        Assert.Equal(("PUT", ""), (single.Method, single.Query));

        var data = BlobTestSupport.RandomBytes(1 * MiB + 1);
        var transfer = new BlobTransferOptions { InitialTransferSize = 256 * 1024, MaximumTransferSize = 100_000, MaximumConcurrency = 3 };
        var fromSeekable = container.GetBlobClient("seekable.bin");
        await fromSeekable.UploadAsync(new MemoryStream(data), new BlobUploadOptions { TransferOptions = transfer });
        Assert.Equal(11, recorder.Count("PUT", "comp=block&"));

        var fromBinary = container.GetBlobClient("binary.bin");
        await fromBinary.UploadAsync(BinaryData.FromBytes(data), new BlobUploadOptions { TransferOptions = transfer });
        Assert.Equal(22, recorder.Count("PUT", "comp=block&"));

        foreach (var blob in new[] { fromSeekable, fromBinary })
        {
            Assert.Equal(data, (await blob.DownloadContentAsync()).Value.Content.ToArray());
            Assert.Equal(MD5.HashData(data), (await blob.GetPropertiesAsync()).Value.ContentHash);
        }

        var bad = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.GetBlobClient("bad.bin").UploadAsync(BinaryData.FromString("x"),
            new BlobUploadOptions { TransferOptions = new BlobTransferOptions { MaximumConcurrency = 0 } }));
        Assert.Equal(BlobErrors.TransferOptionsInvalid, bad.Data[BlobErrors.CodeKey]);
        Assert.False((await container.GetBlobClient("bad.bin").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Open_write_streams_a_100k_row_report_in_blocks_and_commits_on_dispose()
    {
        var recorder = new RecordingPolicy();
        var container = await azurite.NewContainerAsync(BlobTestSupport.FastRetries(recorder));
        var blob = container.GetBlobClient("reports/2026-11/members.csv");
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;

        await using (var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
            Metadata = new Dictionary<string, string> { ["rows"] = "100000", ["title"] = "加入者一覧" },
            TransferOptions = new BlobTransferOptions { MaximumTransferSize = 1 * MiB },
        }))
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
            for (var i = 0; i < 100_000; i++)
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"{i:D6},協会 太郎{i % 97},キョウカイ タロウ,E{i % 50:D3},🏥\n");
                await writer.WriteAsync(line);
                var lineBytes = Encoding.UTF8.GetBytes(line);
                expected.AppendData(lineBytes);
                bytes += lineBytes.Length;
                if (i == 50_000)
                {
                    await writer.FlushAsync();
                    Assert.True(recorder.Count("PUT", "comp=block&") > 0); // blocks go out while writing...
                    Assert.False((await blob.ExistsAsync()).Value);        // ...but nothing is visible before the commit
                }
            }
        }

        Assert.Equal(1, recorder.Count("PUT", "comp=blocklist"));
        Assert.True(recorder.Count("PUT", "comp=block&") >= bytes / MiB);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(bytes, properties.ContentLength);
        Assert.Equal("text/csv; charset=utf-8", properties.ContentType);
        Assert.Equal("加入者一覧", properties.Metadata["title"]);
        await using var download = (await blob.DownloadStreamingAsync()).Value;
        Assert.Equal(Convert.ToHexString(expected.GetHashAndReset()), await BlobTestSupport.Sha256Async(download.Content));
    }

    [Fact]
    public async Task Open_write_create_only_fails_on_commit_when_the_blob_exists_and_abort_commits_nothing()
    {
        var container = await azurite.NewContainerAsync();
        var blob = container.GetBlobClient("once.csv");
        await using (var first = await blob.OpenWriteAsync(overwrite: false))
            await first.WriteAsync("first"u8.ToArray());
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());

        var second = await blob.OpenWriteAsync(overwrite: false);
        await second.WriteAsync("second"u8.ToArray());
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => second.CommitAsync());
        Assert.Equal("BlobAlreadyExists", e.ErrorCode);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.WriteAsync(new byte[1]).AsTask());
        await second.DisposeAsync(); // already finished: no second commit
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());

        var aborted = container.GetBlobClient("aborted.csv");
        await using (var stream = await aborted.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            TransferOptions = new BlobTransferOptions { MaximumTransferSize = 1024 },
        }))
        {
            await stream.WriteAsync(BlobTestSupport.RandomBytes(10_000));
            stream.Abort();
        }
        Assert.False((await aborted.ExistsAsync()).Value);

        var committed = container.GetBlobClient("committed.csv");
        var open = await committed.OpenWriteAsync(overwrite: true);
        open.Write("sync write"u8);
        var result = await open.CommitAsync();
        Assert.Equal(result.Value.ETag, (await committed.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(result, open.Result);
    }

    [Fact]
    public async Task Open_write_with_if_match_replaces_only_the_version_read()
    {
        var blob = (await azurite.NewContainerAsync()).GetBlobClient("guarded.txt");
        var v1 = (await blob.UploadAsync(BinaryData.FromString("v1"))).Value.ETag;
        await using (var stream = await blob.OpenWriteAsync(true, new BlobOpenWriteOptions { Conditions = new RequestConditions { IfMatch = v1 } }))
            await stream.WriteAsync("v2"u8.ToArray());
        var stale = await blob.OpenWriteAsync(true, new BlobOpenWriteOptions { Conditions = new RequestConditions { IfMatch = v1 } });
        await stale.WriteAsync("v3"u8.ToArray());
        Assert.True((await Assert.ThrowsAsync<StorageRequestFailedException>(() => stale.CommitAsync())).IsPreconditionFailed);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Streaming_download_is_not_buffered_and_supports_ranges()
    {
        var blob = (await azurite.NewContainerAsync()).GetBlobClient("stream.bin");
        var data = BlobTestSupport.RandomBytes(3 * MiB);
        await blob.UploadAsync(BinaryData.FromBytes(data));

        var response = await blob.DownloadStreamingAsync();
        await using (var download = response.Value)
        {
            Assert.IsNotType<MemoryStream>(download.Content);
            Assert.Equal(data.Length, download.Details.ContentLength);
            Assert.Equal(MD5.HashData(data), download.Details.ContentHash);
            var buffer = new byte[8192];
            var read = await download.Content.ReadAtLeastAsync(buffer, buffer.Length);
            Assert.Equal(data.AsSpan(0, read).ToArray(), buffer.AsSpan(0, read).ToArray());
            var rest = new MemoryStream();
            await download.Content.CopyToAsync(rest);
            Assert.Equal(data.Length, read + rest.Length);
            Assert.Equal(data.AsSpan(read).ToArray(), rest.ToArray());
        }

        var ranged = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(100_000, 1_000) })).Value;
        await using (ranged)
        {
            Assert.Equal(1_000, ranged.Details.ContentLength);
            Assert.Equal(MD5.HashData(data), ranged.Details.ContentHash); // the whole blob's hash, not the range's
            var slice = new MemoryStream();
            await ranged.Content.CopyToAsync(slice);
            Assert.Equal(data.AsSpan(100_000, 1_000).ToArray(), slice.ToArray());
        }

        var destination = new MemoryStream();
        await blob.DownloadToAsync(destination);
        Assert.Equal(data, destination.ToArray());

        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        var conditional = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = new RequestConditions { IfNoneMatch = etag } }));
        Assert.Equal(304, conditional.Status);
    }

    [Fact]
    public async Task Dropped_download_connection_resumes_from_the_last_byte_read_pinned_to_the_etag()
    {
        var dropper = new DropFirstDownloadPolicy(cutAfter: 700_000);
        var recorder = new RecordingPolicy();
        var options = BlobTestSupport.FastRetries(dropper);
        options.AddPolicy(recorder, Azure.Core.HttpPipelinePosition.PerRetry);
        var container = await azurite.NewContainerAsync(options);
        var blob = container.GetBlobClient("resume.bin");
        var data = BlobTestSupport.RandomBytes(2 * MiB);
        var etag = (await blob.UploadAsync(BinaryData.FromBytes(data))).Value.ETag;

        await using var download = (await blob.DownloadStreamingAsync()).Value;
        var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);

        Assert.Equal(1, dropper.Dropped);
        Assert.Equal(BlobTestSupport.Sha256(data), BlobTestSupport.Sha256(copy.ToArray()));
        var gets = recorder.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, gets.Count);
        Assert.Null(gets[0].Range);
        Assert.Equal($"bytes=700000-{data.Length - 1}", gets[1].Range);
        Assert.Equal(etag.ToString("H"), gets[1].IfMatch);
    }

    [Fact]
    public async Task Transient_503s_on_upload_are_retried_by_the_pipeline()
    {
        await using var proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{azurite.Azurite.BlobPort}"));
        var viaProxy = StorageConnection.Create(proxy.Rewrite(azurite.Connection.BlobEndpoint!), null, null,
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));
        var container = viaProxy.CreateBlobServiceClient(BlobTestSupport.FastRetries()).GetBlobContainerClient(TestNames.Unique("retry"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("submissions/E001/社員名簿.csv");

        var before = proxy.Requests;
        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await blob.UploadAsync(BinaryData.FromString("氏名\n協会 太郎\n"));
        Assert.Equal(2, proxy.Faulted);
        Assert.Equal(before + 3, proxy.Requests);
        Assert.Equal("氏名\n協会 太郎\n", (await blob.DownloadContentAsync()).Value.Content.ToString());

        // Staged blocks are retried too (each block's bytes are kept until it is accepted).
        var large = container.GetBlobClient("exports/staged.bin");
        var data = BlobTestSupport.RandomBytes(3 * MiB);
        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await large.UploadAsync(new NonSeekableStream(new MemoryStream(data)), new BlobUploadOptions
        {
            TransferOptions = new BlobTransferOptions { InitialTransferSize = MiB, MaximumTransferSize = MiB },
        });
        Assert.Equal(4, proxy.Faulted);
        Assert.Equal(data, (await large.DownloadContentAsync()).Value.Content.ToArray());
    }
}
