using System.Text;
using System.Text.RegularExpressions;

namespace Hub.LocalHost.Triggers;

/// <summary>
/// A binding path template such as <c>submissions/{employer}/{name}</c>, matched like the WebJobs SDK's
/// <c>BindingTemplateToken.BuildCapturePattern</c>: literals escaped, each parameter a greedy
/// <c>(?&lt;p&gt;.*)</c> (so a parameter can span '/'), anchored at both ends. Also resolves output paths
/// from binding data.
/// </summary>
public sealed class BindingPath
{
    private static readonly Regex Token = new(@"\{([^{}]*)\}", RegexOptions.Compiled);
    private readonly Regex _capture;

    /// <summary>Parses a template.</summary>
    public BindingPath(string template)
    {
        Template = template;
        var sb = new StringBuilder("^");
        var last = 0;
        foreach (Match m in Token.Matches(template))
        {
            sb.Append(Regex.Escape(template[last..m.Index]));
            sb.Append("(?<").Append(m.Groups[1].Value).Append(">.*)");
            last = m.Index + m.Length;
        }
        sb.Append(Regex.Escape(template[last..])).Append('$');
        _capture = new Regex(sb.ToString(), RegexOptions.CultureInvariant);
        var slash = template.IndexOf('/');
        Container = slash < 0 ? template : template[..slash];
        var blobPart = slash < 0 ? "" : template[(slash + 1)..];
        var brace = blobPart.IndexOf('{');
        Prefix = brace < 0 ? blobPart : blobPart[..brace];
    }

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>The container (the first segment; no parameters allowed there for triggers).</summary>
    public string Container { get; }

    /// <summary>The literal blob-name prefix before the first parameter (to narrow listings).</summary>
    public string Prefix { get; }

    /// <summary>Parameter names in order.</summary>
    public IEnumerable<string> Parameters => _capture.GetGroupNames().Where(n => !int.TryParse(n, out _));

    /// <summary>Matches <c>container/blobName</c>; returns the parameter values or null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string containerAndBlob)
    {
        var m = _capture.Match(containerAndBlob);
        if (!m.Success) return null;
        return Parameters.ToDictionary(p => p, p => m.Groups[p].Value);
    }

    /// <summary>Fills a template from binding data; <c>{rand-guid}</c> and <c>{DateTime}</c> as the host supports them.</summary>
    public static string Resolve(string template, IReadOnlyDictionary<string, string> bindingData) =>
        Token.Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            if (name.Equals("rand-guid", StringComparison.OrdinalIgnoreCase)) return Guid.NewGuid().ToString();
            if (name.Equals("DateTime", StringComparison.OrdinalIgnoreCase)) return DateTime.UtcNow.ToString("yyyy-MM-ddTHH-mm-ssZ");
            foreach (var (key, value) in bindingData)
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return value;
            throw new InvalidOperationException($"No value for '{{{name}}}' in binding path '{template}'.");
        });
}
