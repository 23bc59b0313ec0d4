using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.LocalHost.Config;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>
/// What the code uses, read from the code itself: function.json bindings, host.json, the sample settings,
/// and every <c>"Hub__…"</c> setting name in the C# sources of shared/ and functions/.
/// </summary>
public static partial class CodeInventory
{
    /// <summary>Every function of the app (folders with function.json).</summary>
    public static IReadOnlyList<FunctionDescriptor> Functions => FunctionDescriptor.LoadAll(InfraPaths.Functions);

    /// <summary>Every binding of every function.</summary>
    public static IEnumerable<(FunctionDescriptor Function, Binding Binding)> Bindings =>
        Functions.SelectMany(f => f.Bindings.Select(b => (f, b)));

    /// <summary>Service Bus queues used by triggers and outputs.</summary>
    public static IReadOnlySet<string> ServiceBusQueues => Bindings
        .Where(x => x.Binding.Type is "serviceBusTrigger" or "serviceBus")
        .Select(x => x.Binding["queueName"] ?? throw new InvalidDataException($"{x.Function.Name}/{x.Binding.Name} has no queueName (topics are not used)"))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Connection names used by bindings, by binding type.</summary>
    public static ILookup<string, string> ConnectionsByType => Bindings
        .Where(x => x.Binding["connection"] is not null)
        .ToLookup(x => x.Binding.Type, x => x.Binding["connection"]!);

    /// <summary>App settings named by <c>%Setting%</c> in function.json (timer schedules …).</summary>
    public static IReadOnlySet<string> PercentSettings => Bindings
        .SelectMany(x => x.Binding.Raw.Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null))
        .Where(s => s is not null)
        .SelectMany(s => PercentPattern().Matches(s!).Select(m => m.Groups[1].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>functions/host.json.</summary>
    public static JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Functions, "host.json")))!.AsObject();

    /// <summary>The Values of local.settings.sample.json.</summary>
    public static IReadOnlyDictionary<string, string> SampleSettings =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>
    /// Every app setting named by a string literal in the C# sources of shared/ and functions/ (tools/ and
    /// tests/ only set settings for local runs), with the files that name it: literals starting with
    /// <c>Hub__</c> (messages included), and whole literals shaped like a setting (<c>Section__Name</c>, e.g.
    /// <c>PdfSharp__LicenseKey</c>). A name built at run time from pieces is invisible here: name settings with
    /// whole literals.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CodeSettings()
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var root in new[] { RepoPaths.Combine("shared"), RepoPaths.Combine("functions") })
        foreach (var file in SourceFiles(root))
        foreach (Match m in HubSettingLiteral().Matches(File.ReadAllText(file)))
        {
            var name = m.Groups["hub"].Success ? m.Groups["hub"].Value : m.Groups["whole"].Value;
            if (!found.TryGetValue(name, out var files)) found[name] = files = [];
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (!files.Contains(relative)) files.Add(relative);
        }
        return found.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>C# files under a folder, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [GeneratedRegex(@"%([A-Za-z0-9_]+)%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"""(?:(?<hub>Hub__[A-Za-z0-9]+(?:__[A-Za-z0-9]+)*)|(?<whole>[A-Z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)"")")]
    private static partial Regex HubSettingLiteral();
}
