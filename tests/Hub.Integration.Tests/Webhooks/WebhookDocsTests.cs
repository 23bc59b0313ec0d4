using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Core.Events;
using Hub.Testing;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Safety;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>The integrators' documents cover the whole catalog and show exactly what the hub sends.</summary>
public sealed partial class WebhookDocsTests
{
    private static readonly string Guide = File.ReadAllText(RepoPaths.Combine("docs", "webhooks.md"));
    private static readonly string AsyncApi = File.ReadAllText(RepoPaths.Combine("docs", "asyncapi.yaml"));

    public static TheoryData<string> Types => new(EventTypes.All);

    [Theory]
    [MemberData(nameof(Types))]
    public void The_guide_documents_every_event_type_with_an_example_the_hub_would_send(string type)
    {
        Assert.Contains($"### `{type}`", Guide);
        var example = Examples().SingleOrDefault(e => JsonNode.Parse(e)!["type"]!.GetValue<string>() == type)
                      ?? throw new Xunit.Sdk.XunitException($"no example body for {type}");
        var body = JsonNode.Parse(example)!.AsObject();
        Assert.Matches("^evt_[0-9a-f]{32}$", body["id"]!.GetValue<string>());
        // Rendering the example's parts the way deliveries do gives the example, byte for byte.
        var rendered = WebhookMessage.Render(type, body["id"]!.GetValue<string>(), DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>()),
            body["subject"]!.GetValue<string>(), body["sequence"]!.GetValue<long>(), body["data"]!.AsObject());
        Assert.Equal(example, rendered);
        Assert.False(MyNumberGuard.ContainsMyNumber(example));
        Assert.DoesNotContain(body["data"]!.AsObject(), p => p.Key.EndsWith("Blob", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_asyncapi_document_has_a_message_and_a_json_schema_for_every_event_type(string type)
    {
        var camel = string.Concat(type.Split('.', '_').Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        Assert.StartsWith("# AsyncAPI 3.0", AsyncApi);
        Assert.Contains("asyncapi: 3.0.0", AsyncApi);
        Assert.Contains($"\n    {camel}Data:\n      type: object", AsyncApi);
        Assert.Contains($"\n    {camel}:\n      name: {type}\n", AsyncApi);
        Assert.Contains($"$ref: '#/components/schemas/{camel}Message'", AsyncApi);
        var example = Examples().Single(e => JsonNode.Parse(e)!["type"]!.GetValue<string>() == type);
        Assert.Contains(JsonNode.Parse(example)!["id"]!.GetValue<string>(), AsyncApi);
    }

    [Fact]
    public void The_receiver_example_verifies_signatures_without_the_hub()
    {
        var program = File.ReadAllText(RepoPaths.Combine("docs", "examples", "webhook-receiver", "Program.cs"));
        Assert.Contains("HMACSHA256", program);
        Assert.Contains("FixedTimeEquals", program);
        Assert.DoesNotContain("Hub.", program);
        Assert.True(File.Exists(RepoPaths.Combine("docs", "examples", "webhook-receiver", "Directory.Build.props")));
    }

    private static IEnumerable<string> Examples() => ExampleBlock().Matches(Guide).Select(m => m.Groups[1].Value);

    [GeneratedRegex("```json\\n(\\{\"type\":.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
