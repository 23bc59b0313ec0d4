using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Documentation;

/// <summary>
/// Generates the parts of the user documentation that must never drift from the code: <c>docs/error-codes.md</c>
/// (whole file, from <see cref="SubmissionErrorCatalog"/>), the column and code-list sections of
/// <c>docs/submission-format.md</c> (from <see cref="SubmissionColumnCatalog"/> and <see cref="SubmissionCodeLists"/>,
/// between <c>&lt;!-- BEGIN GENERATED: name --&gt;</c> and <c>&lt;!-- END GENERATED: name --&gt;</c> markers), and the CSV
/// templates in <c>docs/templates/</c>. A test compares the committed files with this output.
/// </summary>
public static class SubmissionDocs
{
    /// <summary>The generated sections of submission-format.md by name.</summary>
    public static IReadOnlyDictionary<string, string> FormatSections() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["columns"] = ColumnsTable(),
        ["code-lists"] = CodeListTables(),
        ["templates"] = TemplateList(),
    };

    /// <summary>Replaces every generated section of <paramref name="markdown"/> with the current content.</summary>
    /// <exception cref="InvalidDataException">A section's markers are missing.</exception>
    public static string UpdateSections(string markdown)
    {
        foreach (var (name, content) in FormatSections())
        {
            var begin = $"<!-- BEGIN GENERATED: {name} -->";
            var end = $"<!-- END GENERATED: {name} -->";
            var from = markdown.IndexOf(begin, StringComparison.Ordinal);
            var to = markdown.IndexOf(end, StringComparison.Ordinal);
            if (from < 0 || to < from) throw new InvalidDataException($"submission-format.md lacks the markers of section '{name}'.");
            markdown = markdown[..(from + begin.Length)] + "\n" + content + markdown[to..];
        }

        return markdown;
    }

    /// <summary>The whole of docs/error-codes.md.</summary>
    public static string ErrorCodes()
    {
        var md = new StringBuilder();
        md.Append("# Submission error codes / 提出ファイルのエラーコード\n\n");
        md.Append("<!-- Generated from SubmissionErrorCatalog (shared/Hub.Domain/Submissions) by SubmissionDocs; do not edit by hand. ");
        md.Append("Regenerate: HUB_UPDATE_DOCS=1 dotnet test tests/Hub.Integration.Tests --filter DocumentationTests -->\n\n");
        md.Append("Every problem the hub finds in an upload has a stable code, the row and column it concerns, and a message in Japanese ");
        md.Append("and English saying what to fix. Codes never change meaning; messages may be reworded. The result report ");
        md.Append("(`results/{employerCode}/{submissionId}.json` and `.csv`) lists them; see [submission-format.md](submission-format.md).\n\n");
        md.Append("- **file** — the whole file is refused (or quarantined); no row is processed.\n");
        md.Append("- **row** — the row is rejected; the other rows go on.\n");
        md.Append("- **registration** — an accepted row is refused later, by the registration step.\n\n");
        md.Append("`{name}` in a message is filled in from the file (cell values are quoted with control characters replaced by `?` and ");
        md.Append("cut at 40 characters; a My Number is never quoted).\n\n");
        md.Append("| Code | Scope | 概要 | Summary |\n|---|---|---|---|\n");
        foreach (var d in SubmissionErrorCatalog.All)
            md.Append($"| [`{d.Code}`](#{d.Code.ToLowerInvariant()}) | {ScopeName(d.Scope)} | {Cell(d.SummaryJa)} | {Cell(d.SummaryEn)} |\n");
        foreach (var d in SubmissionErrorCatalog.All)
        {
            md.Append($"\n## {d.Code}\n\n");
            md.Append($"Scope: **{ScopeName(d.Scope)}**. {d.SummaryJa} / {d.SummaryEn}\n\n");
            md.Append("| Message id | 日本語 | English |\n|---|---|---|\n");
            foreach (var m in d.Messages) md.Append($"| `{m.Id}` | {Cell(m.Ja)} | {Cell(m.En)} |\n");
        }

        return md.ToString();
    }

    /// <summary>The template files (name → bytes): per record type, UTF-8 with BOM and Shift_JIS.</summary>
    public static IReadOnlyDictionary<string, byte[]> Templates()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (recordType, name) in new[] { (RecordType.Insured, "insured"), (RecordType.Dependant, "dependant") })
        {
            var header = TemplateHeader(recordType) + "\r\n";
            files[$"{name}.utf8.csv"] = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header)];
            files[$"{name}.sjis.csv"] = TextEncodings.ShiftJis.GetBytes(header);
        }

        return files;
    }

    /// <summary>
    /// The header row of a record type's template: Japanese labels of every column that applies to one of its actions, in
    /// catalogue order, marked <c>(必須)</c> when every row needs it (the marker is ignored when the header is read).
    /// </summary>
    public static string TemplateHeader(RecordType recordType) =>
        string.Join(",", TemplateColumns(recordType).Select(d => d.RequiredInHeader ? d.LabelJa + "(必須)" : d.LabelJa));

    /// <summary>The columns of a record type's template.</summary>
    public static IEnumerable<SubmissionColumnDefinition> TemplateColumns(RecordType recordType) =>
        SubmissionColumnCatalog.All.Where(d => d.Column == SubmissionColumn.Note
            || SubmissionColumnDefinition.Combinations.Where(c => c.RecordType == recordType).Any(c => d.UseFor(c.RecordType, c.Action) != ColumnUse.NotApplicable));

    private static string ColumnsTable()
    {
        var md = new StringBuilder();
        md.Append("Use per record type and action: ● required, ○ optional (on update: empty = unchanged), – must be empty.\n\n");
        md.Append("| # | Column | 見出し (header) | Also accepted | Value | Max | 被保険者 取得/変更/喪失 | 被扶養者 該当/変更/非該当 | Meaning / 内容 | Example |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        var i = 0;
        foreach (var d in SubmissionColumnCatalog.All)
        {
            i++;
            var insured = string.Join(" ", SubmissionColumnDefinition.Combinations.Where(c => c.RecordType == RecordType.Insured).Select(c => Use(d.UseFor(c.RecordType, c.Action))));
            var dependant = string.Join(" ", SubmissionColumnDefinition.Combinations.Where(c => c.RecordType == RecordType.Dependant).Select(c => Use(d.UseFor(c.RecordType, c.Action))));
            var meaning = $"{d.DescriptionJa}<br>{d.DescriptionEn}";
            if (d.ConditionJa is not null) meaning += $"<br>条件: {d.ConditionJa}<br>Condition: {d.ConditionEn}";
            var value = d.CodeList is { } list ? $"code list [`{list.Name}`](#{list.Name.Replace('_', '-')})" : d.Column == SubmissionColumn.Action ? "code list [`action`](#action)" : KindName(d.Kind);
            var max = d.MaxLength == int.MaxValue ? "" : d.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
            md.Append($"| {i} | `{d.Name}` | {d.LabelJa} | {Cell(string.Join("、", d.Aliases.Where(a => a != d.LabelJa)))} | {value} | {max} | {insured} | {dependant} | {Cell(meaning)} | {Cell(d.ExampleValue ?? "")} |\n");
        }

        return md.ToString();
    }

    private static string CodeListTables()
    {
        var md = new StringBuilder();
        md.Append("Matching ignores width (全角/半角), case, spaces, hyphens and underscores. The code is what reports and the hub use.\n");
        foreach (var list in SubmissionCodeLists.All)
        {
            var title = list.Name switch
            {
                "action_insured" => "action",
                "action_dependant" => null,
                _ => list.Name,
            };
            if (title is not null) md.Append($"\n### {title}\n\n");
            if (list.Name.StartsWith("action_", StringComparison.Ordinal))
                md.Append(list.Name == "action_insured" ? "On insured rows (被保険者):\n\n" : "\nOn dependant rows (被扶養者):\n\n");
            md.Append("| Code | 日本語 | English | Also accepted |\n|---|---|---|---|\n");
            foreach (var e in list.Entries)
                md.Append($"| `{e.Code}` | {e.LabelJa} | {Cell(e.LabelEn)} | {Cell(string.Join("、", e.Aliases))} |\n");
        }

        return md.ToString();
    }

    private static string TemplateList()
    {
        var md = new StringBuilder();
        md.Append("| File | Record type | Encoding | Header |\n|---|---|---|---|\n");
        foreach (var (recordType, name) in new[] { (RecordType.Insured, "insured"), (RecordType.Dependant, "dependant") })
        foreach (var (suffix, encoding) in new[] { ("utf8", "UTF-8 with BOM"), ("sjis", "Shift_JIS (CP932)") })
            md.Append($"| [`templates/{name}.{suffix}.csv`](templates/{name}.{suffix}.csv) | {(recordType == RecordType.Insured ? "被保険者 insured" : "被扶養者 dependant")} | {encoding} | {Cell(TemplateHeader(recordType))} |\n");
        return md.ToString();
    }

    private static string Use(ColumnUse use) => use switch
    {
        ColumnUse.Required => "●",
        ColumnUse.Optional => "○",
        _ => "–",
    };

    private static string KindName(SubmissionValueKind kind) => kind switch
    {
        SubmissionValueKind.Text => "text",
        SubmissionValueKind.Kana => "katakana",
        SubmissionValueKind.Digits => "digits",
        SubmissionValueKind.Date => "[date](#dates)",
        SubmissionValueKind.Code => "code",
        SubmissionValueKind.MyNumber => "[My Number](#my-number)",
        _ => "ignored",
    };

    private static string ScopeName(SubmissionErrorScope scope) => scope switch
    {
        SubmissionErrorScope.File => "file",
        SubmissionErrorScope.Row => "row",
        _ => "registration",
    };

    /// <summary>Escapes text for a Markdown table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
