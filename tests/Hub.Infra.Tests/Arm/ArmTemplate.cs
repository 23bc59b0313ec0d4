using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Infra.Tests.Arm;

/// <summary>A resource declared in a template.</summary>
/// <param name="Type">Full type, e.g. <c>Microsoft.Storage/storageAccounts/blobServices</c>.</param>
/// <param name="Node">The resource object.</param>
/// <param name="CopyName">The copy loop name, if the resource is in a loop.</param>
/// <param name="Path">JSON path for messages.</param>
public sealed record ArmResource(string Type, JsonObject Node, string? CopyName, string Path)
{
    /// <summary>The raw <c>name</c> property (literal or expression).</summary>
    public string Name => Node["name"]?.GetValue<string>() ?? "";

    /// <summary>String property of the resource.</summary>
    public string? Property(string name) => Node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>An expression found in a template, with where it was.</summary>
/// <param name="Expression">The parsed expression.</param>
/// <param name="Text">The JSON string.</param>
/// <param name="Path">JSON path.</param>
/// <param name="Section">Top-level section: parameters, variables, resources or outputs.</param>
/// <param name="Resource">The resource it belongs to, if any.</param>
/// <param name="VariableCopyName">The variable copy loop whose input holds it, if any.</param>
public sealed record ArmExpressionSite(ArmExpr Expression, string Text, string Path, string Section, ArmResource? Resource, string? VariableCopyName);

/// <summary>An ARM JSON template loaded from a file: declarations and every expression in it.</summary>
public sealed class ArmTemplate
{
    private ArmTemplate(string path, JsonObject root)
    {
        FilePath = path;
        Root = root;
        Parameters = root["parameters"] as JsonObject ?? [];
        Variables = root["variables"] as JsonObject ?? [];
        Outputs = root["outputs"] as JsonObject ?? [];
        Resources = ReadResources(root["resources"] as JsonArray);
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The file name relative to infra/ (for messages).</summary>
    public string Name => Path.GetRelativePath(InfraPaths.Infra, FilePath).Replace('\\', '/');

    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>Declared parameters.</summary>
    public JsonObject Parameters { get; }

    /// <summary>Declared variables (including the special <c>copy</c> array).</summary>
    public JsonObject Variables { get; }

    /// <summary>Declared outputs.</summary>
    public JsonObject Outputs { get; }

    /// <summary>Resources (all top-level).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>Loads and parses a template (throws on invalid JSON).</summary>
    public static ArmTemplate Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new InvalidDataException($"{path} is not a JSON object.");
        return new ArmTemplate(path, node);
    }

    /// <summary>Names of variables, top-level <c>copy</c> variables included.</summary>
    public IReadOnlySet<string> VariableNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Variables)
        {
            if (name != "copy") { names.Add(name); continue; }
            foreach (var loop in value?.AsArray() ?? [])
                if (loop?["name"]?.GetValue<string>() is { } loopName) names.Add(loopName);
        }
        return names;
    }

    /// <summary>Names of copy loops in variables (top-level or nested in a variable object).</summary>
    public IReadOnlySet<string> VariableCopyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "copy" && value is JsonArray loops)
                            foreach (var loop in loops)
                                if (loop?["name"]?.GetValue<string>() is { } n) names.Add(n);
                        Visit(value);
                    }
                    break;
                case JsonArray arr:
                    foreach (var item in arr) Visit(item);
                    break;
            }
        }
        Visit(Variables);
        return names;
    }

    /// <summary>Every expression string in the template with its context. Parse failures throw with the path.</summary>
    public IReadOnlyList<ArmExpressionSite> Expressions()
    {
        var sites = new List<ArmExpressionSite>();
        Walk(Root["parameters"], "$.parameters", "parameters", null, null, sites);
        Walk(Root["variables"], "$.variables", "variables", null, null, sites);
        foreach (var resource in Resources) Walk(resource.Node, "$." + resource.Path, "resources", resource, null, sites);
        Walk(Root["outputs"], "$.outputs", "outputs", null, null, sites);
        return sites;
    }

    /// <summary>Every string in the template (expressions and literals) with its path.</summary>
    public IEnumerable<(string Path, string Value)> Strings()
    {
        var all = new List<(string, string)>();
        void Visit(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj) Visit(value, $"{path}.{key}");
                    break;
                case JsonArray arr:
                    for (var i = 0; i < arr.Count; i++) Visit(arr[i], $"{path}[{i}]");
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    all.Add((path, v.GetValue<string>()));
                    break;
            }
        }
        Visit(Root, "$");
        return all;
    }

    private void Walk(JsonNode? node, string path, string section, ArmResource? resource, string? variableCopy, List<ArmExpressionSite> sites)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "copy" && section == "variables" && value is JsonArray loops)
                    {
                        for (var i = 0; i < loops.Count; i++)
                        {
                            var loop = loops[i]!.AsObject();
                            var loopName = loop["name"]?.GetValue<string>();
                            foreach (var (lk, lv) in loop)
                                Walk(lv, $"{path}.copy[{i}].{lk}", section, resource, lk == "input" ? loopName : variableCopy, sites);
                        }
                        continue;
                    }
                    Walk(value, $"{path}.{key}", section, resource, variableCopy, sites);
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++) Walk(arr[i], $"{path}[{i}]", section, resource, variableCopy, sites);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (!ArmExpressionParser.IsExpression(text)) return;
                ArmExpr expr;
                try
                {
                    expr = ArmExpressionParser.Parse(text);
                }
                catch (ArmExpressionException e)
                {
                    throw new ArmExpressionException($"{Name} {path}: {e.Message}");
                }
                sites.Add(new ArmExpressionSite(expr, text, path, section, resource, variableCopy));
                break;
        }
    }

    // The hub's templates declare every resource at the top level (child types spelled out in full): simpler
    // to review, and the checks below can rely on it.
    private static List<ArmResource> ReadResources(JsonArray? resources)
    {
        var list = new List<ArmResource>();
        if (resources is null) return list;
        for (var i = 0; i < resources.Count; i++)
        {
            var obj = resources[i] as JsonObject ?? throw new InvalidDataException($"resources[{i}] is not an object.");
            if (obj["resources"] is not null)
                throw new InvalidDataException($"resources[{i}] nests child resources; declare them at the top level with their full type.");
            list.Add(new ArmResource(obj["type"]?.GetValue<string>() ?? "", obj, obj["copy"]?["name"]?.GetValue<string>(), $"resources[{i}]"));
        }
        return list;
    }
}
