using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.LocalHost.Triggers;
using Hub.Storage.Queues;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

public sealed class ServiceBusTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Consumer = """
        { "bindings": [
          { "name": "msg", "type": "serviceBusTrigger", "direction": "in", "queueName": "%InQueue%", "connection": "ServiceBusConnection" },
          { "name": "out", "type": "serviceBus", "direction": "out", "queueName": "out-q", "connection": "ServiceBusConnection" }
        ] }
        """;

    private static async Task SendAsync(TestApp app, string queue, string body) =>
        await new LocalServiceBus(app.Account).SendAsync(queue, Encoding.UTF8.GetBytes(body), CancellationToken.None);

    private static async Task<List<LocalServiceBusMessage>> DrainAsync(TestApp app, string queue)
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

    [Fact]
    public async Task Message_body_and_metadata_arrive_encoded_as_the_real_host_encodes_them()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer);
        await app.StartAsync();
        await SendAsync(app, "in-q", "{\"name\":\"協会 太郎\",\"n\":1}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));

        var record = Assert.Single(app.Records("Consume"));
        Assert.Equal("/Consume", record["path"]!.GetValue<string>());
        Assert.Equal("POST", record["method"]!.GetValue<string>());
        var headers = record["headers"]!.AsObject();
        Assert.True(Guid.TryParse(headers["X-Azure-Functions-InvocationId"]!.GetValue<string>(), out _));
        Assert.False(string.IsNullOrEmpty(headers["X-Azure-Functions-HostVersion"]!.GetValue<string>()));

        // Raw body text: a string input goes through JsonConvert.SerializeObject, then into the envelope:
        // the value is a JSON string whose content is the JSON-quoted body (Newtonsoft keeps non-ASCII raw).
        var raw = record["body"]!.GetValue<string>();
        Assert.StartsWith("""{"Data":{"msg":"\"{\\\"name\\\":\\\"協会 太郎\\\",\\\"n\\\":1}\""},"Metadata":{""", raw);

        var metadata = TestApp.Envelope(record)["Metadata"]!.AsObject();
        Assert.Equal("1", metadata["DeliveryCount"]!.GetValue<string>());           // int → "1"
        var messageId = metadata["MessageId"]!.GetValue<string>();                  // string → "\"…\""
        Assert.Matches("^\"[0-9a-f]{32}\"$", messageId);
        Assert.Matches("^[0-9]+$", metadata["SequenceNumber"]!.GetValue<string>()); // long → "123"
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", metadata["EnqueuedTimeUtc"]!.GetValue<string>()); // DateTime → ISO, seconds, no zone
        Assert.IsType<JsonObject>(metadata["ApplicationProperties"]);               // dictionary → object
        Assert.False(metadata.ContainsKey("ContentType"));                          // null → omitted
        var sys = metadata["sys"]!.AsObject();
        Assert.Equal("Consume", sys["MethodName"]!.GetValue<string>());
        Assert.True(Guid.TryParse(sys["RandGuid"]!.GetValue<string>(), out _));

        // The handler process got the host's environment and the app settings.
        var env = record["env"]!.AsObject();
        Assert.False(string.IsNullOrEmpty(env["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"]!.GetValue<string>()));
        Assert.Equal("from-settings", env["TEST_SETTING"]!.GetValue<string>());
    }

    [Fact]
    public async Task Array_output_becomes_one_message_per_element_with_fresh_message_ids()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new
        {
            mode = "ok",
            response = new { Outputs = new { @out = new object[] { new { a = 1 }, new { b = "二" } } }, Logs = new[] { "hello from handler" }, ReturnValue = (object?)null },
        });
        await app.StartAsync();
        await SendAsync(app, "in-q", "{}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));

        var sent = await DrainAsync(app, "out-q");
        Assert.Equal(2, sent.Count);
        // The Service Bus binding writes a JObject as indented JSON text (JObject.ToString()).
        Assert.Equal(["{\n  \"a\": 1\n}", "{\n  \"b\": \"二\"\n}"], sent.Select(m => Encoding.UTF8.GetString(m.Body)).Order());
        Assert.NotEqual(sent[0].MessageId, sent[1].MessageId);
        Assert.Contains("hello from handler", app.HostLog);
    }

    [Fact]
    public async Task Base64_decodable_string_output_arrives_as_System_Byte_array_text_as_in_azure()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new { response = new { Outputs = new { @out = "123456789018" }, Logs = Array.Empty<string>() } });
        await app.StartAsync();
        await SendAsync(app, "in-q", "{}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("System.Byte[]", Encoding.UTF8.GetString(Assert.Single(await DrainAsync(app, "out-q")).Body));
    }

    [Fact]
    public async Task Json_body_fields_are_promoted_into_metadata_and_override_broker_keys()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer);
        await app.StartAsync();
        await SendAsync(app, "in-q", "{\"messageId\":\"mine\",\"count\":2,\"ok\":true,\"nested\":{\"x\":1},\"list\":[1]}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        var metadata = TestApp.Envelope(Assert.Single(app.Records("Consume")))["Metadata"]!.AsObject();
        Assert.Equal("\"mine\"", metadata["messageId"]!.GetValue<string>());
        Assert.False(metadata.ContainsKey("MessageId"));
        Assert.Equal("\"2\"", metadata["count"]!.GetValue<string>());
        Assert.Equal("\"True\"", metadata["ok"]!.GetValue<string>());
        Assert.Equal(1, metadata["nested"]!["x"]!.GetValue<int>());
        Assert.False(metadata.ContainsKey("list"));
    }

    [Fact]
    public async Task Messages_received_in_batches_are_each_processed_once_with_at_most_maxConcurrentCalls_in_flight()
    {
        // maxConcurrentCalls is 4 in the test app: the listener receives up to 4 at a time and holds the rest of a
        // batch until a slot frees up.
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new { mode = "ok", delayMs = 150 });
        await app.StartAsync();
        for (var i = 0; i < 20; i++) await SendAsync(app, "in-q", $"{{\"n\":{i}}}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));

        var bodies = app.Records("Consume").Select(r => TestApp.Envelope(r)["Data"]!["msg"]!.GetValue<string>()).ToList();
        Assert.Equal(20, bodies.Count);
        Assert.Equal(20, bodies.Distinct().Count());
        Assert.All(app.Records("Consume"), r => Assert.Equal("1", TestApp.Envelope(r)["Metadata"]!["DeliveryCount"]!.GetValue<string>()));
        var invocations = app.Host.Invocations;
        Assert.All(invocations, i => Assert.True(i.Succeeded));
        var overlap = invocations.Max(i => invocations.Count(o => o.Started <= i.Started && o.Started + o.Duration > i.Started));
        Assert.InRange(overlap, 2, 4);
        Assert.Empty(await DrainAsync(app, "in-q"));
    }

    [Fact]
    public async Task Failing_message_is_redelivered_then_dead_lettered_at_max_delivery_count()
    {
        await using var app = new TestApp(azurite.Azurite, maxDeliveryCount: 3);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new { mode = "fail" });
        await app.StartAsync();
        await SendAsync(app, "in-q", "{\"id\":42}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));

        var records = app.Records("Consume");
        Assert.Equal(["1", "2", "3"], records.Select(r => TestApp.Envelope(r)["Metadata"]!["DeliveryCount"]!.GetValue<string>()));
        var dead = Assert.Single(await DrainAsync(app, "in-q-deadletter"));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("500", dead.DeadLetterErrorDescription);
        Assert.Equal("{\"id\":42}", Encoding.UTF8.GetString(dead.Body));
        Assert.Empty(await DrainAsync(app, "in-q"));
    }

    [Fact]
    public async Task Unparsable_success_response_fails_the_invocation()
    {
        await using var app = new TestApp(azurite.Azurite, maxDeliveryCount: 2);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new { mode = "bad-json" });
        await app.StartAsync();
        await SendAsync(app, "in-q", "{}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, app.Host.Invocations.Count(i => !i.Succeeded));
        Assert.Single(await DrainAsync(app, "in-q-deadletter"));
    }

    [Fact]
    public async Task Handler_crash_mid_invocation_restarts_the_handler_and_redelivers_the_message()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer, new { mode = "crash-once" });
        await app.StartAsync();
        await SendAsync(app, "in-q", "{\"id\":7}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, app.Host.Handler.Starts);
        var records = app.Records("Consume");
        Assert.Equal(["1", "2"], records.Select(r => TestApp.Envelope(r)["Metadata"]!["DeliveryCount"]!.GetValue<string>()));
        Assert.Equal([false, true], app.Host.Invocations.Select(i => i.Succeeded));
        Assert.Empty(await DrainAsync(app, "in-q-deadletter"));
    }

    [Fact]
    public async Task Killed_handler_is_restarted_and_serves_the_next_invocation()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["InQueue"] = "in-q";
        app.Function("Consume", Consumer);
        await app.StartAsync();
        var firstPid = app.Host.Handler.ProcessId;
        app.Host.Handler.Kill();
        await SendAsync(app, "in-q", "{}");
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(60)));
        Assert.True(app.Host.Handler.Starts >= 2);
        Assert.NotEqual(firstPid, app.Host.Handler.ProcessId);
        Assert.Contains(app.Host.Invocations, i => i.Succeeded);
    }
}
