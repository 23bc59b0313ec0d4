using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

public sealed class BlobTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Ingest = """
        { "bindings": [
          { "name": "file", "type": "blobTrigger", "direction": "in", "path": "uploads/{employer}/{name}", "connection": "HubStorage", "dataType": "binary" }
        ] }
        """;

    private static async Task<BlobClient> UploadAsync(TestApp app, string name, byte[] content)
    {
        var container = app.Account.CreateBlobServiceClient().GetBlobContainerClient("uploads");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return blob;
    }

    [Fact]
    public async Task New_blob_invokes_with_base64_content_path_parameters_and_blob_metadata()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Ingest", Ingest);
        await app.StartAsync();
        var content = Encoding.GetEncoding("utf-8").GetBytes("社員番号,氏名\r\n1,協会 太郎\r\n");
        await UploadAsync(app, "E001/社員.csv", content);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));

        var envelope = TestApp.Envelope(Assert.Single(app.Records("Ingest")));
        // dataType binary: byte[] → base64, not double-encoded.
        Assert.Equal(Convert.ToBase64String(content), envelope["Data"]!["file"]!.GetValue<string>());
        var metadata = envelope["Metadata"]!.AsObject();
        Assert.Equal("\"E001\"", metadata["employer"]!.GetValue<string>());
        Assert.Equal("\"社員.csv\"", metadata["name"]!.GetValue<string>());
        Assert.False(metadata.ContainsKey("BlobTrigger")); // keys ending in "trigger" are dropped
        Assert.StartsWith("\"http://127.0.0.1:", metadata["Uri"]!.GetValue<string>());
        Assert.Equal(content.Length, metadata["Properties"]!["ContentLength"]!.GetValue<long>());
        Assert.IsType<JsonObject>(metadata["Metadata"]);
    }

    [Fact]
    public async Task Parameters_match_greedily_like_the_sdk_binding_template()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Ingest", Ingest);
        await app.StartAsync();
        await UploadAsync(app, "E001/sub/file.csv", [1, 2, 3]);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        var metadata = TestApp.Envelope(Assert.Single(app.Records("Ingest")))["Metadata"]!.AsObject();
        Assert.Equal("\"E001/sub\"", metadata["employer"]!.GetValue<string>());
        Assert.Equal("\"file.csv\"", metadata["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receipt_prevents_a_second_run_and_a_changed_blob_runs_again()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Ingest", Ingest);
        await app.StartAsync();
        await UploadAsync(app, "E001/a.csv", [1]);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(app.Records("Ingest"));

        // Receipts live in the host's storage, keyed by function, ETag, container and name.
        var receipts = new List<string>();
        await foreach (var b in app.Account.CreateBlobServiceClient().GetBlobContainerClient("azure-webjobs-hosts").GetBlobsAsync(prefix: "blobreceipts/"))
            receipts.Add(b.Name);
        var receipt = Assert.Single(receipts);
        Assert.Matches(@"^blobreceipts/hub-local/Host\.Functions\.Ingest/[^/]+/uploads/E001/a\.csv$", receipt);

        // A restarted host does not run it again (the receipt, not memory, decides).
        await app.Host.DisposeAsync();
        await app.StartAsync();
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(app.Records("Ingest"));

        await UploadAsync(app, "E001/a.csv", [2]);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, app.Records("Ingest").Count);
    }

    [Fact]
    public async Task Failing_blob_is_tried_five_times_then_goes_to_the_poison_queue()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Ingest", Ingest, new { mode = "fail" });
        await app.StartAsync();
        await UploadAsync(app, "E001/bad.csv", [9]);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(5, app.Records("Ingest").Count);
        var poison = app.Account.CreateQueueServiceClient().GetQueueClient("webjobs-blobtrigger-poison");
        var message = Assert.Single((await poison.PeekMessagesAsync(32)).Value);
        using var doc = JsonDocument.Parse(message.MessageText);
        Assert.Equal("BlobTrigger", doc.RootElement.GetProperty("Type").GetString());
        Assert.Equal("Host.Functions.Ingest", doc.RootElement.GetProperty("FunctionId").GetString());
        Assert.Equal("uploads", doc.RootElement.GetProperty("ContainerName").GetString());
        Assert.Equal("E001/bad.csv", doc.RootElement.GetProperty("BlobName").GetString());
    }

    [Fact]
    public async Task Large_blob_is_streamed_to_the_handler_intact()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Ingest", Ingest);
        await app.StartAsync();
        var content = new byte[3 * 1024 * 1024 + 7];
        new Random(42).NextBytes(content);
        await UploadAsync(app, "E001/big.bin", content);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));
        var envelope = TestApp.Envelope(Assert.Single(app.Records("Ingest")));
        Assert.Equal(content, Convert.FromBase64String(envelope["Data"]!["file"]!.GetValue<string>()));
    }
}
