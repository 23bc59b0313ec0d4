using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Core.Events;
using Hub.Functions.Functions.Webhooks;
using Hub.Functions.Protocol;
using Hub.Testing;
using Hub.Webhooks;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>The two functions in process, fed envelopes encoded as the Functions host encodes them.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookFunctionTests(WebhookFixture fixture) : DeliveryTestBase(fixture)
{
    [Fact]
    public async Task DeliverWebhooks_reads_the_dispatch_from_a_service_bus_envelope_and_outputs_endpoint_events()
    {
        var ws = Services();
        var gone = await ReceiverAsync(new Reply(410));
        var (endpoint, _) = await AddEndpointAsync(ws, gone.Url);
        var dispatch = await CommitAsync(ws);
        var function = new DeliverWebhooksFunction(ws);

        var result = await InvokeAsync(function, ServiceBusEnvelope(dispatch, deliveryCount: 1));
        // Redelivered (DeliveryCount 2): same delivery, nothing sent, nothing emitted twice.
        var again = await InvokeAsync(function, ServiceBusEnvelope(dispatch, deliveryCount: 2));

        Assert.Single(gone.Received);
        var message = Assert.Single(result.Outputs["webhooks"]!.AsArray())!.AsObject();
        Assert.Equal(new[] { "table", "partitionKey", "eventRowKey", "eventId", "eventType" }, message.Select(p => p.Key));
        Assert.Equal("endpoint.disabled", message["eventType"]!.GetValue<string>());
        Assert.Equal(endpoint.Id, message["partitionKey"]!.GetValue<string>());
        Assert.False(again.Outputs.ContainsKey("webhooks"));
        Assert.Contains(result.Logs, l => l.Contains(dispatch.EventId) && l.Contains("1 failed"));

        // The emitted message, fed back in, is a valid dispatch.
        var emitted = JsonSerializer.Deserialize<EventDispatch>(message.ToJsonString(), HostJson.Options)!;
        Assert.NotNull(await EventOutbox.LoadAsync(ws.Hub.Storage.Table(emitted.Table), emitted));
    }

    [Fact]
    public async Task RetryWebhooks_runs_due_attempts_from_a_timer_envelope()
    {
        var ws = Services();
        var receiver = await ReceiverAsync(new Reply(500), new Reply(500));
        var (endpoint, _) = await AddEndpointAsync(ws, receiver.Url);
        var dispatch = await CommitAsync(ws);
        await ws.Engine.DispatchAsync(dispatch);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await InvokeAsync(new RetryWebhooksFunction(ws), new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = null,
                    ["IsPastDue"] = false,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = Sys("RetryWebhooks") },
        });

        Assert.Equal(3, receiver.Received.Count);
        Assert.Contains(result.Logs, l => l.Contains("1 delivered"));
        Assert.Equal(Hub.Webhooks.Delivery.DeliveryStatus.Delivered, (await DeliveryAsync(ws, endpoint.Id, dispatch.EventId)).Status);
    }

    private static async Task<InvocationResult> InvokeAsync(Hub.Functions.Hosting.IHubFunction function, JsonObject envelope)
    {
        var metadata = FunctionMetadata.Load(RepoPaths.Combine("functions", function.Name, "function.json"));
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        var request = await InvocationRequestReader.ReadAsync(body, function.Name, Guid.NewGuid().ToString(), "4.1037.0");
        var result = new InvocationResult(metadata);
        await function.InvokeAsync(request, result, CancellationToken.None);
        return result;
    }

    // A Service Bus message body bound as string: JsonConvert.SerializeObject of the text (double-encoded), its
    // top-level fields promoted into Metadata, numbers as strings (docs/architecture/custom-handler-protocol.md §1.4, §1.6).
    private static JsonObject ServiceBusEnvelope(EventDispatch dispatch, int deliveryCount)
    {
        var text = JsonSerializer.Serialize(dispatch, HostJson.Options);
        var metadata = new JsonObject
        {
            ["DeliveryCount"] = deliveryCount.ToString(),
            ["MessageId"] = JsonSerializer.Serialize(Guid.NewGuid().ToString("N")),
            ["SequenceNumber"] = "7",
            ["ContentType"] = "\"text/plain\"",
            ["sys"] = Sys("DeliverWebhooks"),
        };
        foreach (var (name, value) in JsonNode.Parse(text)!.AsObject()) metadata[name] = JsonSerializer.Serialize(value!.GetValue<string>());
        return new JsonObject { ["Data"] = new JsonObject { ["delivery"] = JsonSerializer.Serialize(text) }, ["Metadata"] = metadata };
    }

    private static JsonObject Sys(string name) => new()
    {
        ["MethodName"] = name,
        ["UtcNow"] = DateTime.UtcNow.ToString("O"),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}
