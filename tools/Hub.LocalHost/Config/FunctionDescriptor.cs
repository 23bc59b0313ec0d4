using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.LocalHost.Config;

/// <summary>A binding from function.json.</summary>
public sealed record Binding(string Name, string Type, string Direction, string? DataType, JsonObject Raw)
{
    /// <summary>A string property of the binding (path, queueName, connection, schedule, source …).</summary>
    public string? this[string property] => Raw[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A boolean property.</summary>
    public bool Flag(string property) => Raw[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Whether the binding declares <c>"dataType": "binary"</c>.</summary>
    public bool IsBinary => string.Equals(DataType, "binary", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is an output binding.</summary>
    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A function as the host indexes it: the folder name and its bindings.</summary>
public sealed record FunctionDescriptor(string Name, IReadOnlyList<Binding> Bindings, bool Disabled)
{
    /// <summary>The single trigger binding.</summary>
    public Binding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>Input bindings other than the trigger (none in this app).</summary>
    public IEnumerable<Binding> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>The name the host uses in logs and receipts: <c>Host.Functions.{Name}</c>.</summary>
    public string FullName => "Host.Functions." + Name;

    /// <summary>Every function folder (a subfolder with function.json) of the app root.</summary>
    public static IReadOnlyList<FunctionDescriptor> LoadAll(string appRoot) =>
        Directory.EnumerateDirectories(appRoot)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Order(StringComparer.Ordinal)
            .Select(d => Load(Path.GetFileName(d), Path.Combine(d, "function.json")))
            .ToList();

    private static FunctionDescriptor Load(string name, string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var bindings = (root["bindings"]?.AsArray() ?? throw new InvalidDataException($"{file} has no bindings."))
            .Select(n =>
            {
                var o = n!.AsObject();
                string Req(string key) => o[key]?.GetValue<string>() ?? throw new InvalidDataException($"{file}: a binding lacks '{key}'.");
                return new Binding(Req("name"), Req("type"), Req("direction"), o["dataType"]?.GetValue<string>(), o);
            }).ToList();
        if (bindings.Count(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)) != 1)
            throw new InvalidDataException($"{file} must have exactly one trigger.");
        var disabled = root["disabled"] is JsonValue d && d.TryGetValue<bool>(out var isDisabled) && isDisabled;
        return new FunctionDescriptor(name, bindings, disabled);
    }
}
