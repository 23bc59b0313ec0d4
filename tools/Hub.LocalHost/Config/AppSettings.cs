using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hub.LocalHost.Config;

/// <summary>
/// App settings as the handler process and the bindings see them: the <c>Values</c> of
/// local.settings.json, overridden by explicit values. <c>%Name%</c> in binding properties resolves here.
/// </summary>
public sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates settings from values.</summary>
    public AppSettings(IReadOnlyDictionary<string, string> values) =>
        _values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>All values (passed to the handler as environment variables, as Azure does with app settings).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>A setting or null.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>Reads the Values of a local.settings.json file.</summary>
    public static AppSettings FromFile(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
        {
            if (doc.RootElement.TryGetProperty("Values", out var v))
                foreach (var p in v.EnumerateObject()) values[p.Name] = p.Value.ToString();
        }
        foreach (var (k, val) in overrides ?? new Dictionary<string, string>()) values[k] = val;
        return new AppSettings(values);
    }

    /// <summary>Resolves <c>%Setting%</c> references (as the host's name resolver does); unknown names fail clearly.</summary>
    public string Expand(string value, string context) =>
        Percent().Replace(value, m => this[m.Groups[1].Value]
            ?? throw new InvalidOperationException($"{context}: app setting '{m.Groups[1].Value}' is not defined."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Percent();
}
