using System.Text;
using System.Text.Json.Nodes;
using Hub.LocalHost;
using Hub.LocalHost.Triggers;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

/// <summary>
/// Output bindings are written with several sends in flight, yet as the host writes them: every message of an
/// invocation is on its queue before the trigger message completes, and a send that fails fails the invocation.
/// </summary>
public sealed class OutputSendingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Consumer = """
        { "bindings": [
          { "name": "msg", "type": "serviceBusTrigger", "direction": "in", "queueName": "in-q", "connection": "ServiceBusConnection" },
          { "name": "out", "type": "serviceBus", "direction": "out", "queueName": "out-q", "connection": "ServiceBusConnection" },
          { "name": "events", "type": "serviceBus", "direction": "out", "queueName": "events-q", "connection": "ServiceBusConnection" }
        ] }
        """;

    private static object Response(object? @out, object? events = null) =>
        new { response = new { Outputs = new { @out, events }, Logs = Array.Empty<string>() } };

    [Fact]
    public async Task Every_message_of_a_large_output_array_is_on_its_queue_before_the_trigger_message_completes()
    {
        await using var app = new TestApp(azurite.Azurite);
        const int count = 300;
        app.Function("Consume", Consumer, Response(Enumerable.Range(0, count).Select(i => new { i }).ToArray(), new[] { new { e = "done" } }));
        await app.StartAsync();
        var queues = app.Account.CreateQueueServiceClient();
        var input = queues.GetQueueClient("in-q");
        var output = queues.GetQueueClient("out-q");
        await output.CreateIfNotExistsAsync();
        await new LocalServiceBus(app.Account).SendAsync("in-q", "{}"u8.ToArray(), CancellationToken.None);

        // The trigger message leaves its queue (is completed) only after the invocation: by then all outputs must be there,
        // however many sends were in flight. Checked the moment the trigger message is seen gone.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await input.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the trigger message was not completed in time");
            await Task.Delay(5);
        }
        Assert.Equal(count, (await output.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));

        var sent = await ServiceBusQueues.DrainAsync(app, "out-q");
        Assert.Equal(Enumerable.Range(0, count), sent.Select(m => JsonNode.Parse(m.Body)!["i"]!.GetValue<int>()).Order());
        Assert.Equal(count, sent.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(count, sent.Select(m => m.SequenceNumber).Distinct().Count());
        Assert.Equal("done", JsonNode.Parse(Assert.Single(await ServiceBusQueues.DrainAsync(app, "events-q")).Body)!["e"]!.GetValue<string>());
        Assert.True(Assert.Single(app.Host.Invocations).Succeeded);
    }

    [Fact]
    public async Task A_send_that_fails_among_many_fails_the_invocation_and_the_trigger_message_is_delivered_again()
    {
        await using var app = new TestApp(azurite.Azurite, maxDeliveryCount: 2);
        // One element is far over any queue's message size limit: its send fails (the others may or may not be sent, as
        // with the real host, which sends one by one until a send throws).
        var elements = Enumerable.Range(0, 40).Select(i => (object)new { i }).ToList();
        elements.Insert(20, new { big = new string('x', 300_000) });
        app.Function("Consume", Consumer, Response(elements.ToArray()));
        await app.StartAsync();
        await new LocalServiceBus(app.Account).SendAsync("in-q", "{\"id\":1}"u8.ToArray(), CancellationToken.None);
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, app.Records("Consume").Count);
        Assert.All(app.Host.Invocations, i => Assert.False(i.Succeeded));
        Assert.All(app.Host.Invocations, i => Assert.StartsWith("Writing outputs failed", i.Error));
        var dead = Assert.Single(await ServiceBusQueues.DrainAsync(app, "in-q-deadletter"));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("Writing outputs failed", dead.DeadLetterErrorDescription);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString(dead.Body));
        Assert.Empty(await ServiceBusQueues.DrainAsync(app, "in-q"));
    }

    [Fact]
    public async Task Sends_run_concurrently_up_to_the_limit_and_all_complete()
    {
        const int limit = 8;
        var running = 0;
        var peak = 0;
        var done = new bool[100];
        var sends = Enumerable.Range(0, done.Length).Select(i => (Func<CancellationToken, Task>)(async ct =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            done[i] = true;
            Interlocked.Decrement(ref running);
        })).ToList();

        await OutputWriter.SendAllAsync(sends, limit, CancellationToken.None);

        Assert.All(done, Assert.True);
        Assert.InRange(peak, 2, limit);
        Assert.Equal(0, running);
    }

    [Fact]
    public async Task After_a_failed_send_no_new_send_starts_those_in_flight_finish_and_the_failure_is_thrown()
    {
        var started = 0;
        var running = 0;
        var sends = Enumerable.Range(0, 200).Select(i => (Func<CancellationToken, Task>)(async _ =>
        {
            Interlocked.Increment(ref started);
            Interlocked.Increment(ref running);
            try
            {
                await Task.Delay(i == 10 ? 1 : 20, CancellationToken.None);
                if (i == 10) throw new InvalidOperationException("send 10 failed");
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        })).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OutputWriter.SendAllAsync(sends, 4, CancellationToken.None));

        Assert.Equal("send 10 failed", error.Message);
        Assert.Equal(0, Volatile.Read(ref running)); // nothing left running after the call
        Assert.InRange(started, 11, 20);             // stopped starting new sends soon after the failure
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }
}

/// <summary>Reads emulated Service Bus queues in tests.</summary>
internal static class ServiceBusQueues
{
    /// <summary>Receives and deletes every message of a queue.</summary>
    public static async Task<List<LocalServiceBusMessage>> DrainAsync(TestApp app, string queue)
    {
        var client = app.Account.CreateQueueServiceClient().GetQueueClient(queue);
        await client.CreateIfNotExistsAsync();
        var result = new List<LocalServiceBusMessage>();
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0) return result;
            foreach (var m in batch)
            {
                result.Add(LocalServiceBus.Parse(m));
                await client.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
    }
}
