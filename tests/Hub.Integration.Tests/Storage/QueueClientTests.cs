using System.Net;
using Hub.Storage;
using Hub.Storage.Queues;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

public sealed class QueueClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<QueueClient> NewQueueAsync()
    {
        var queue = azurite.Connection.CreateQueueServiceClient().GetQueueClient(TestNames.Unique("q"));
        Assert.NotNull(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    [Fact]
    public async Task Create_if_not_exists_is_idempotent_and_exists_reports_it()
    {
        var queue = azurite.Connection.CreateQueueServiceClient().GetQueueClient(TestNames.Unique("q"));
        Assert.False((await queue.ExistsAsync()).Value);
        Assert.NotNull(await queue.CreateIfNotExistsAsync());
        Assert.Null(await queue.CreateIfNotExistsAsync());
        Assert.True((await queue.ExistsAsync()).Value);
        Assert.True((await queue.DeleteIfExistsAsync()).Value);
        Assert.False((await queue.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task Send_receive_delete_round_trips_japanese_text()
    {
        var queue = await NewQueueAsync();
        const string text = "{\"name\":\"協会 太郎\",\"note\":\"🏥 マイナ保険証\"}";
        var receipt = (await queue.SendMessageAsync(text)).Value;
        Assert.False(string.IsNullOrEmpty(receipt.MessageId));

        var received = Assert.Single((await queue.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(30))).Value);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.Equal(receipt.MessageId, received.MessageId);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Received_message_is_invisible_until_its_timeout_and_then_counts_a_second_dequeue()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("once");
        var first = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);
        Assert.Empty((await queue.ReceiveMessagesAsync(1)).Value);

        QueueMessage? again = null;
        for (var i = 0; i < 50 && again is null; i++)
        {
            await Task.Delay(100);
            again = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.SingleOrDefault();
        }
        Assert.NotNull(again);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Visibility_delay_hides_a_new_message_and_update_can_hide_or_release_one()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(5));
        Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await queue.SendMessageAsync("now");
        var received = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value);
        var update = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, BinaryData.FromString("changed"), TimeSpan.Zero)).Value;
        Assert.NotEqual(received.PopReceipt, update.PopReceipt);

        var peeked = Assert.Single((await queue.PeekMessagesAsync(5)).Value);
        Assert.Equal("changed", peeked.MessageText);

        // The old pop receipt no longer works after an update.
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        Assert.True(e.IsNotFound || e.Status == 400, $"status {e.Status} {e.ErrorCode}");
    }

    [Fact]
    public async Task Message_with_short_time_to_live_expires()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("short-lived", timeToLive: TimeSpan.FromSeconds(1));
        await Task.Delay(2500);
        Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task Receive_batch_and_approximate_count()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 40; i++) await queue.SendMessageAsync($"m{i}");
        Assert.Equal(40, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var batch = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(32, batch.Length);
        Assert.Equal(32, batch.Select(m => m.MessageId).Distinct().Count());
        await queue.ClearMessagesAsync();
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Missing_queue_surfaces_a_typed_404_with_code_and_request_id()
    {
        var queue = azurite.Connection.CreateQueueServiceClient().GetQueueClient(TestNames.Unique("missing"));
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.SendMessageAsync("x"));
        Assert.True(e.IsNotFound);
        Assert.Equal("QueueNotFound", e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task Wrong_account_key_is_refused_with_403()
    {
        var good = azurite.Connection;
        var bad = StorageConnection.Create(null, good.QueueEndpoint, null,
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, Convert.ToBase64String(new byte[64])));
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            bad.CreateQueueServiceClient().GetQueueClient(TestNames.Unique("q")).CreateAsync());
        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task Listing_queues_pages_by_continuation()
    {
        var service = azurite.Connection.CreateQueueServiceClient();
        var prefix = TestNames.Unique("list");
        for (var i = 0; i < 7; i++) await service.GetQueueClient($"{prefix}-{i}").CreateAsync();
        var pages = new List<int>();
        await foreach (var page in service.GetQueuesAsync(prefix).AsPages(pageSizeHint: 3)) pages.Add(page.Values.Count);
        Assert.Equal([3, 3, 1], pages);
    }

    [Fact]
    public async Task Transient_503s_are_retried_by_the_pipeline()
    {
        var azuriteInstance = azurite.Azurite;
        await using var proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{azuriteInstance.QueuePort}"));
        var direct = azurite.Connection;
        var viaProxy = StorageConnection.Create(null, proxy.Rewrite(direct.QueueEndpoint!), null,
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var queue = viaProxy.CreateQueueServiceClient(options).GetQueueClient(TestNames.Unique("retry"));

        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await queue.CreateAsync();
        Assert.Equal(2, proxy.Faulted);
        Assert.Equal(3, proxy.Requests);
        Assert.True((await queue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Non_transient_errors_are_not_retried()
    {
        await using var proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{azurite.Azurite.QueuePort}"));
        var viaProxy = StorageConnection.Create(null, proxy.Rewrite(azurite.Connection.QueueEndpoint!), null,
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));
        proxy.FailNext(1, HttpStatusCode.BadRequest);
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            viaProxy.CreateQueueServiceClient().GetQueueClient(TestNames.Unique("q")).CreateAsync());
        Assert.Equal(400, e.Status);
        Assert.Equal(1, proxy.Requests);
    }
}
