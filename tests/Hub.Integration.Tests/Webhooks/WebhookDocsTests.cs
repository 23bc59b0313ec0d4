using System.Text.Json.Nodes;
using Hub.Core.Events;
using Hub.Integration.Tests.Webhooks.Catalog;
using Hub.Testing;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Safety;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// The integrators' documents agree with each other: docs/asyncapi.json has a message and a schema for every event type,
/// the guide's tables state the same fields, presence, nullability and values, and every example is a body the hub
/// could send. (That the schemas match what the hub really sends is <see cref="WebhookCatalogEndToEndTests"/>.)
/// </summary>
public sealed class WebhookDocsTests
{
    private static readonly WebhookGuide Guide = WebhookGuide.Load();
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Load();

    public static TheoryData<string> Types => new(EventTypes.All);

    [Theory]
    [MemberData(nameof(Types))]
    public void The_guide_documents_every_event_type_with_examples_the_hub_would_send(string type)
    {
        Assert.NotNull(Guide.Section(type));
        var examples = Guide.Examples(type);
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var body = JsonNode.Parse(example)!.AsObject();
            Assert.Equal(type, body["type"]!.GetValue<string>());
            // Rendering the example's parts the way deliveries do gives the example, byte for byte.
            var rendered = WebhookMessage.Render(type, body["id"]!.GetValue<string>(), DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>()),
                body["subject"]!.GetValue<string>(), body["sequence"]!.GetValue<long>(), body["data"]!.AsObject());
            Assert.Equal(example, rendered);
            Assert.False(MyNumberGuard.ContainsMyNumber(example));
            Assert.DoesNotContain(body["data"]!.AsObject(), p => p.Key.EndsWith("Blob", StringComparison.Ordinal));
            var problems = Document.Validate(body);
            Assert.True(problems.Count == 0, $"{example}\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void The_asyncapi_document_has_one_message_and_schema_per_event_type_and_no_other()
    {
        Assert.Equal("3.0.0", Document.Root["asyncapi"]!.GetValue<string>());
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), Document.Messages.Select(m => m["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var channel = Document.Root["channels"]!["insurerWebhooks"]!["messages"]!.AsObject();
        var operation = Document.Root["operations"]!["sendEvent"]!["messages"]!.AsArray();
        foreach (var type in EventTypes.All)
        {
            var camel = AsyncApiDocument.Camel(type);
            var message = Document.Message(type)!;
            Assert.Equal(type, message["title"]!.GetValue<string>());
            Assert.Equal(AsyncApiDocument.MessageSchema(type), message["payload"]!["schema"]!["$ref"]!.GetValue<string>());
            Assert.Equal($"#/components/messages/{camel}", channel[camel]!["$ref"]!.GetValue<string>());
            Assert.Contains(operation, m => m!["$ref"]!.GetValue<string>() == $"#/channels/insurerWebhooks/messages/{camel}");
            var constant = Document.Strict.Resolve(AsyncApiDocument.MessageSchema(type))["allOf"]![1]!["properties"]!["type"]!["const"]!.GetValue<string>();
            Assert.Equal(type, constant);
        }
        Assert.Equal(EventTypes.All.Count, channel.Count);
        Assert.Equal(EventTypes.All.Count, operation.Count);
        // One source of truth: the YAML this document replaced is gone.
        Assert.False(File.Exists(RepoPaths.Combine("docs", "asyncapi.yaml")));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_asyncapi_examples_are_the_guide_examples_and_valid(string type)
    {
        var examples = Document.Message(type)!["examples"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(
            Guide.Examples(type).Select(e => JsonNode.Parse(e)!.ToJsonString()).Order(StringComparer.Ordinal),
            examples.Select(e => e["payload"]!.ToJsonString()).Order(StringComparer.Ordinal));
        foreach (var example in examples)
        {
            Assert.Equal(example["payload"]!["id"]!.GetValue<string>(), example["headers"]!["webhook-id"]!.GetValue<string>());
            // The examples elide the signature ("v1,…"); everything else about the headers must hold.
            Assert.DoesNotContain(Document.Strict.Validate(example["headers"], "#/components/schemas/WebhookHeaders"),
                p => !p.Contains("webhook-signature", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_guide_table_states_the_schema_fields_with_their_presence_nullability_and_values(string type)
    {
        var schema = Document.DataSchema(type);
        var properties = schema["properties"]!.AsObject();
        var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        var rows = Guide.Fields(type);
        Assert.Equal(properties.Select(p => p.Key).Order(StringComparer.Ordinal), rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Subset(properties.Select(p => p.Key).ToHashSet(), required);
        foreach (var row in rows)
        {
            var property = properties[row.Name]!["$ref"] is { } reference ? Document.Strict.Resolve(reference.GetValue<string>()) : properties[row.Name]!;
            Assert.True(required.Contains(row.Name) == (row.Present == "always"), $"{type}.{row.Name}: required={required.Contains(row.Name)}, guide says '{row.Present}'");
            var types = property["type"] is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [property["type"]!.GetValue<string>()];
            Assert.True(types.Contains("null") == row.Type.Contains("`null`", StringComparison.Ordinal),
                $"{type}.{row.Name}: schema type {string.Join("|", types)}, guide type '{row.Type}'");
            foreach (var value in (property["enum"] as JsonArray ?? []).Select(v => v!.GetValue<string>()))
                Assert.True(row.Whole.Contains($"`{value}`", StringComparison.Ordinal), $"{type}.{row.Name}: the guide does not name the value '{value}'");
            if (property["enum"] is null || !row.Type.Contains('`', StringComparison.Ordinal))
                Assert.StartsWith(TypeWord(row.Name, property, types.First(t => t != "null")), row.Type);
        }
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

    /// <summary>How the guide's type column names a schema type.</summary>
    private static string TypeWord(string name, JsonNode property, string type) => (type, property["format"]?.GetValue<string>()) switch
    {
        ("string", "date") => "date",
        ("string", "date-time") => "date-time",
        ("string", "uri") when name.EndsWith("Url", StringComparison.Ordinal) => "link",
        ("array", _) => Items(property["items"]!)["type"]!.GetValue<string>() + "[]",
        _ => type,
    };

    private static JsonNode Items(JsonNode items) => items["$ref"] is { } reference ? Document.Strict.Resolve(reference.GetValue<string>()) : items;
}
