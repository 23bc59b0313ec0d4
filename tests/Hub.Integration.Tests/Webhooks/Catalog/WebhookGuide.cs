using System.Text.RegularExpressions;
using Hub.Testing;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>docs/webhooks.md as the catalog tests read it: per event type (<c>### `type`</c>), its field table and example bodies.</summary>
internal sealed partial class WebhookGuide
{
    private WebhookGuide(string text) => Text = text;

    /// <summary>The whole guide.</summary>
    public string Text { get; }

    /// <summary>Reads docs/webhooks.md.</summary>
    public static WebhookGuide Load() => new(File.ReadAllText(RepoPaths.Combine("docs", "webhooks.md")));

    /// <summary>The section of an event type (up to the next heading), or null.</summary>
    public string? Section(string type)
    {
        var start = Text.IndexOf($"\n### `{type}`\n", StringComparison.Ordinal);
        if (start < 0) return null;
        var next = NextHeading().Match(Text, start + 1);
        return Text[start..(next.Success ? next.Index : Text.Length)];
    }

    /// <summary>The example bodies of an event type's section, exactly as written.</summary>
    public IReadOnlyList<string> Examples(string type) =>
        ExampleBlock().Matches(Section(type) ?? "").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The rows of an event type's field table.</summary>
    public IReadOnlyList<FieldRow> Fields(string type) =>
        (Section(type) ?? "").Split('\n')
        .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
        .Select(l => CellSeparator().Split(l.Trim().Trim('|')).Select(c => c.Trim()).ToArray())
        .Select(c => new FieldRow(Backticked().Match(c[0]).Groups[1].Value, c[1], c[2], c[3], string.Join(" ", c)))
        .ToList();

    [GeneratedRegex("\n#{2,3} ")]
    private static partial Regex NextHeading();

    [GeneratedRegex("```json\\n(\\{\"type\":.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    /// <summary>A table cell separator: a pipe not escaped as <c>\|</c>.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex("^`([A-Za-z0-9_]+)`$")]
    private static partial Regex Backticked();
}

/// <summary>One row of a field table: <c>| `field` | type | present | meaning |</c>.</summary>
internal sealed record FieldRow(string Name, string Type, string Present, string Meaning, string Whole);
