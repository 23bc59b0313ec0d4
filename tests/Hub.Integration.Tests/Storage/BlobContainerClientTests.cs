using Azure;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

public sealed class BlobContainerClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Container_create_exists_and_delete_are_idempotent_where_asked()
    {
        var service = azurite.Connection.CreateBlobServiceClient();
        var container = service.GetBlobContainerClient(TestNames.Unique("life"));
        Assert.Equal(StorageConnection.DevelopmentAccountName, container.AccountName);
        Assert.False((await container.ExistsAsync()).Value);

        var created = await container.CreateIfNotExistsAsync(new Dictionary<string, string> { ["purpose"] = "提出" });
        Assert.NotNull(created);
        Assert.Null(await container.CreateIfNotExistsAsync());
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.CreateAsync());
        Assert.True(e.IsConflict);
        Assert.Equal("ContainerAlreadyExists", e.ErrorCode);

        Assert.True((await container.ExistsAsync()).Value);
        var properties = (await container.GetPropertiesAsync()).Value;
        Assert.Equal(created!.Value.ETag, properties.ETag);
        Assert.Equal("提出", properties.Metadata["purpose"]);

        Assert.True((await container.DeleteIfExistsAsync()).Value);
        Assert.False((await container.DeleteIfExistsAsync()).Value);
        Assert.Equal("ContainerNotFound", (await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DeleteAsync())).ErrorCode);
    }

    [Fact]
    public async Task Listing_containers_pages_by_continuation_with_prefix_and_metadata()
    {
        var service = new BlobServiceClient(azurite.Azurite.ConnectionString);
        var prefix = TestNames.Unique("lc");
        for (var i = 0; i < 5; i++)
            await service.CreateBlobContainerAsync($"{prefix}-{i}", new Dictionary<string, string> { ["index"] = i.ToString() });

        var pages = new List<IReadOnlyList<BlobContainerItem>>();
        await foreach (var page in service.GetBlobContainersAsync(BlobContainerTraits.Metadata, prefix).AsPages(pageSizeHint: 2))
            pages.Add(page.Values);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), all.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i.ToString()), all.Select(c => c.Properties.Metadata["index"]));
        Assert.All(all, c => Assert.NotEqual(default, c.Properties.ETag));

        await service.DeleteBlobContainerAsync($"{prefix}-0");
        var remaining = new List<string>();
        await foreach (var c in service.GetBlobContainersAsync(prefix: prefix)) remaining.Add(c.Name);
        Assert.Equal(4, remaining.Count);
    }

    [Fact]
    public async Task Listing_continues_across_more_than_5000_blobs_and_filters_by_prefix()
    {
        var container = await azurite.NewContainerAsync();
        const int bulk = 5_040, other = 60;
        var names = Enumerable.Range(0, bulk).Select(i => $"bulk/{i:D5}.txt")
            .Concat(Enumerable.Range(0, other).Select(i => $"other/{i:D3}.txt"))
            .ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (name, ct) =>
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name), cancellationToken: ct));

        // The service caps a page at 5,000 and hands back a continuation marker.
        var pageSizes = new List<int>();
        var listed = new List<string>();
        await foreach (var page in container.GetBlobsAsync().AsPages())
        {
            pageSizes.Add(page.Values.Count);
            listed.AddRange(page.Values.Select(b => b.Name));
        }
        Assert.Equal([5_000, bulk + other - 5_000], pageSizes);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed);

        var bulkNames = new List<string>();
        await foreach (var item in container.GetBlobsAsync(prefix: "bulk/")) bulkNames.Add(item.Name);
        Assert.Equal(bulk, bulkNames.Count);
        Assert.All(bulkNames, n => Assert.StartsWith("bulk/", n, StringComparison.Ordinal));

        var otherPages = new List<int>();
        await foreach (var page in container.GetBlobsAsync(prefix: "other/").AsPages(pageSizeHint: 25)) otherPages.Add(page.Values.Count);
        Assert.Equal([25, 25, 10], otherPages);

        // A continuation token taken from one page resumes the listing exactly there.
        var first = await FirstPageAsync(container.GetBlobsAsync(prefix: "bulk/").AsPages(pageSizeHint: 1000));
        var resumed = await FirstPageAsync(container.GetBlobsAsync(prefix: "bulk/").AsPages(first.ContinuationToken, 1000));
        Assert.Equal("bulk/01000.txt", resumed.Values[0].Name);
    }

    [Fact]
    public async Task Hierarchy_listing_shows_virtual_folders_one_level_at_a_time()
    {
        var container = await azurite.NewContainerAsync();
        foreach (var name in new[] { "readme.txt", "submissions/E001/a.csv", "submissions/E001/b.csv", "submissions/E002/社員名簿.csv" })
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name));

        var top = await AllAsync(container.GetBlobsByHierarchyAsync());
        Assert.Equal(["submissions/"], top.Where(i => i.IsPrefix).Select(i => i.Prefix!));
        Assert.Equal(["readme.txt"], top.Where(i => i.IsBlob).Select(i => i.Blob!.Name));

        var employers = await AllAsync(container.GetBlobsByHierarchyAsync(prefix: "submissions/"));
        Assert.Equal(["submissions/E001/", "submissions/E002/"], employers.Select(i => i.Prefix!));

        var e002 = await AllAsync(container.GetBlobsByHierarchyAsync(prefix: "submissions/E002/"));
        Assert.Equal("submissions/E002/社員名簿.csv", Assert.Single(e002).Blob!.Name);
    }

    [Fact]
    public async Task Container_client_from_connection_string_reaches_the_same_container()
    {
        var container = await azurite.NewContainerAsync();
        var viaString = new BlobContainerClient(azurite.Azurite.ConnectionString, container.Name);
        Assert.Equal(container.Uri, viaString.Uri);
        await viaString.GetBlobClient("x.txt").UploadAsync(BinaryData.FromString("x"));
        Assert.True((await container.GetBlobClient("x.txt").ExistsAsync()).Value);
    }

    private static async Task<Page<BlobItem>> FirstPageAsync(IAsyncEnumerable<Page<BlobItem>> pages)
    {
        await foreach (var page in pages) return page;
        throw new InvalidOperationException("no page");
    }

    private static async Task<List<BlobHierarchyItem>> AllAsync(AsyncPageable<BlobHierarchyItem> pageable)
    {
        var items = new List<BlobHierarchyItem>();
        await foreach (var item in pageable) items.Add(item);
        return items;
    }
}
