using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Functions.Protocol;

/// <summary>One binding of a function.json.</summary>
/// <param name="Name">The binding name (the key in Data or Outputs).</param>
/// <param name="Type">e.g. blobTrigger, serviceBus, queue, blob, timerTrigger.</param>
/// <param name="Direction">in or out.</param>
/// <param name="DataType">binary, string, stream or null.</param>
/// <param name="Properties">Every property as written (path, queueName, connection, schedule, …).</param>
public sealed record BindingMetadata(string Name, string Type, string Direction, string? DataType, JsonObject Properties)
{
    /// <summary>Whether this is the trigger.</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is an output binding.</summary>
    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string property, or null.</summary>
    public string? Get(string property) => Properties.TryGetPropertyValue(property, out var node) && node is JsonValue v
        ? v.ToString()
        : null;
}

/// <summary>A function.json: the function's name (its folder) and bindings.</summary>
public sealed record FunctionMetadata(string Name, string Directory, IReadOnlyList<BindingMetadata> Bindings, bool Disabled)
{
    /// <summary>The trigger binding.</summary>
    public BindingMetadata Trigger => Bindings.Single(b => b.IsTrigger);

    /// <summary>A binding by name (case-insensitive, as the host matches them).</summary>
    public BindingMetadata? Binding(string name) =>
        Bindings.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads every <c>*/function.json</c> under an app root, as the host indexes functions.</summary>
    public static IReadOnlyList<FunctionMetadata> LoadAll(string appRoot)
    {
        var result = new List<FunctionMetadata>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "function.json");
            if (File.Exists(file)) result.Add(Load(file));
        }
        return result;
    }

    /// <summary>Reads one function.json.</summary>
    public static FunctionMetadata Load(string functionJsonPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(functionJsonPath))!;
        var root = JsonNode.Parse(File.ReadAllText(functionJsonPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
                   ?? throw new InvalidDataException($"{functionJsonPath} is empty.");
        var bindings = new List<BindingMetadata>();
        foreach (var node in root["bindings"]?.AsArray() ?? [])
        {
            var b = node!.AsObject();
            string Req(string key) => b[key]?.GetValue<string>() ?? throw new InvalidDataException($"{functionJsonPath}: a binding lacks '{key}'.");
            bindings.Add(new BindingMetadata(Req("name"), Req("type"), Req("direction"), b["dataType"]?.GetValue<string>(), b));
        }
        var disabled = root["disabled"] is JsonValue d && d.TryGetValue<bool>(out var isDisabled) && isDisabled;
        return new FunctionMetadata(Path.GetFileName(dir), dir, bindings, disabled);
    }
}
