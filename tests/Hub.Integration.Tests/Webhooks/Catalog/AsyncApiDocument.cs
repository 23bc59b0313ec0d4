using System.Text.Json.Nodes;
using Hub.Testing;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>docs/asyncapi.json, the insurers' machine-readable webhook contract: its messages, schemas and examples by event type.</summary>
internal sealed class AsyncApiDocument
{
    private AsyncApiDocument(JsonObject root)
    {
        Root = root;
        Strict = new JsonSchemaSubset(root, closedObjects: true);
    }

    /// <summary>The document.</summary>
    public JsonObject Root { get; }

    /// <summary>A validator over the document's schemas that refuses undocumented properties.</summary>
    public JsonSchemaSubset Strict { get; }

    /// <summary>Reads docs/asyncapi.json.</summary>
    public static AsyncApiDocument Load() => new(JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("docs", "asyncapi.json")))!.AsObject());

    /// <summary>The component name of an event type: <c>certificate.not_required</c> → <c>certificateNotRequired</c>.</summary>
    public static string Camel(string type) =>
        string.Concat(type.Split('.', '_').Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>The pointer to the whole-body schema of an event type.</summary>
    public static string MessageSchema(string type) => $"#/components/schemas/{Camel(type)}Message";

    /// <summary>The <c>data</c> schema of an event type.</summary>
    public JsonObject DataSchema(string type) => Root["components"]!["schemas"]![$"{Camel(type)}Data"]!.AsObject();

    /// <summary>The message of an event type (null if the document lacks it).</summary>
    public JsonObject? Message(string type) => Root["components"]?["messages"]?[Camel(type)]?.AsObject();

    /// <summary>Every message in the document.</summary>
    public IEnumerable<JsonObject> Messages => Root["components"]!["messages"]!.AsObject().Select(m => m.Value!.AsObject());

    /// <summary>The problems of a whole webhook body against the schema of its <c>type</c>.</summary>
    public IReadOnlyList<string> Validate(JsonObject body)
    {
        var type = body["type"]?.GetValue<string>() ?? "";
        return Message(type) is null ? [$"no message in asyncapi.json for type '{type}'"] : Strict.Validate(body, MessageSchema(type));
    }
}
