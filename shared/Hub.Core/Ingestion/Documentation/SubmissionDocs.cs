using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Identifiers;
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
        md.Append("- **registration** — an accepted row is refused later, by the registration step (see [members.md](members.md#rejections-at-registration)), ");
        md.Append("or has not finished in time (`REGISTRATION_PENDING`). The result report is written before registration, so these come in the ");
        md.Append("**registration result** (`results/{employerCode}/{submissionId}.registration.json` and `.csv`, written once every accepted row ");
        md.Append("is registered or refused; see [submission-format.md](submission-format.md#8-the-registration-result-登録結果)); the insurer also ");
        md.Append("gets them per row (`member.rejected`). A code of another scope may also be given at registration (`UNKNOWN_INSURED`, ");
        md.Append("`EMPLOYER_NOT_REGISTERED`): its messages marked *(registration)* are those.\n\n");
        md.Append("`{name}` in a message is filled in from the file (cell values are quoted with control and invisible formatting characters replaced by `?` and ");
        md.Append("cut at 40 characters; a My Number is never quoted).\n\n");
        md.Append("| Code | Scope | 概要 | Summary |\n|---|---|---|---|\n");
        foreach (var d in SubmissionErrorCatalog.All)
            md.Append($"| [`{d.Code}`](#{d.Code.ToLowerInvariant()}) | {Scopes(d)} | {Cell(d.SummaryJa)} | {Cell(d.SummaryEn)} |\n");
        foreach (var d in SubmissionErrorCatalog.All)
        {
            md.Append($"\n## {d.Code}\n\n");
            md.Append($"Scope: **{Scopes(d)}**. {d.SummaryJa} / {d.SummaryEn}\n\n");
            md.Append("| Message id | 日本語 | English |\n|---|---|---|\n");
            foreach (var m in d.Messages)
                md.Append($"| `{m.Id}`{(m.Scope is { } scope && scope != d.Scope ? $" *({ScopeName(scope)})*" : "")} | {Cell(m.Ja)} | {Cell(m.En)} |\n");
        }

        return md.ToString();
    }

    /// <summary>The employer code of the templates' example rows (the demo employer's).</summary>
    public const string ExampleEmployerCode = "E0001";

    /// <summary>The employee id of the insured person the dependant template's examples belong to (an example of the insured template).</summary>
    public const string ExampleInsuredEmployeeId = "A1001";

    /// <summary>
    /// The template files (name → bytes): per record type, UTF-8 with BOM and Shift_JIS, each a header row and example
    /// rows (marked 記入例 in 備考) that are accepted as they stand when uploaded to <see cref="ExampleEmployerCode"/>'s
    /// folder — the dependant examples once <see cref="ExampleInsuredEmployeeId"/> is enrolled. Anywhere else they are
    /// rejected (EMPLOYER_MISMATCH), so an example row left in a real file never registers anyone.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> Templates()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (recordType, name) in new[] { (RecordType.Insured, "insured"), (RecordType.Dependant, "dependant") })
        {
            var text = TemplateText(recordType);
            files[$"{name}.utf8.csv"] = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
            files[$"{name}.sjis.csv"] = TextEncodings.ShiftJis.GetBytes(text);
        }

        return files;
    }

    /// <summary>A record type's template as text: the header and the example rows, CRLF line ends (what Excel writes).</summary>
    public static string TemplateText(RecordType recordType)
    {
        var columns = TemplateColumns(recordType).ToList();
        var text = new StringBuilder(TemplateHeader(recordType)).Append("\r\n");
        foreach (var example in TemplateExamples(recordType))
            text.Append(string.Join(",", columns.Select(c => example.GetValueOrDefault(c.Column, "")))).Append("\r\n");
        return text.ToString();
    }

    /// <summary>
    /// The example rows of a record type's template, column → cell as an employer would type it (Japanese codes, the
    /// date forms employers use). My Numbers are synthetic (valid check digits, nobody's number). No value depends on
    /// today's date beyond lying in the past, so the examples stay valid.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<SubmissionColumn, string>> TemplateExamples(RecordType recordType)
    {
        static string Number(long body) => MyNumber.FromBody(body).RevealDigits();
        Dictionary<SubmissionColumn, string> Row(string employeeId, string kanji, string kana, string birth, string sex, string note) => new()
        {
            [SubmissionColumn.RecordType] = recordType == RecordType.Insured ? "被保険者" : "被扶養者",
            [SubmissionColumn.Action] = recordType == RecordType.Insured ? "資格取得" : "該当",
            [SubmissionColumn.EmployerCode] = ExampleEmployerCode,
            [SubmissionColumn.EmployeeId] = employeeId,
            [SubmissionColumn.NameKanji] = kanji,
            [SubmissionColumn.NameKana] = kana,
            [SubmissionColumn.BirthDate] = birth,
            [SubmissionColumn.Sex] = sex,
            [SubmissionColumn.QualificationDate] = "2026/11/1",
            [SubmissionColumn.Note] = "記入例（提出前に削除） " + note,
        };

        if (recordType == RecordType.Insured)
        {
            var registered = Row(ExampleInsuredEmployeeId, "山田 太郎", "ヤマダ タロウ", "1985/4/12", "男", "マイナ保険証あり");
            registered[SubmissionColumn.MyNumber] = Number(30_200_000_001);
            registered[SubmissionColumn.CardState] = "登録済";
            registered[SubmissionColumn.EcertExpiryDate] = "2028/4/12";
            var notRegistered = Row("A1002", "佐藤 花子", "サトウ ハナコ", "平成2年5月20日", "女", "保険証利用登録なし（有効期限はカード交付日から計算）");
            notRegistered[SubmissionColumn.MyNumber] = Number(30_200_000_002);
            notRegistered[SubmissionColumn.CardState] = "保険証利用登録なし";
            notRegistered[SubmissionColumn.CardIssueDate] = "2022/6/15";
            var lostCard = Row("A1003", "鈴木 健", "ｽｽﾞｷ ｹﾝ", "S55.1.20", "男", "カード紛失で資格確認書を申請");
            lostCard[SubmissionColumn.MyNumber] = Number(30_200_000_003);
            lostCard[SubmissionColumn.CardState] = "登録済";
            lostCard[SubmissionColumn.CertificateRequest] = "あり";
            lostCard[SubmissionColumn.CertificateRequestReason] = "紛失";
            var leaving = Row("A1004", "高橋 美咲", "タカハシ ミサキ", "5600401", "女", "カードなし・出国予定");
            leaving[SubmissionColumn.MyNumber] = Number(30_200_000_004);
            leaving[SubmissionColumn.CardState] = "未取得";
            leaving[SubmissionColumn.DepartureDate] = "2027/3/31";
            leaving[SubmissionColumn.OverseasContinuationFiled] = "なし";
            leaving[SubmissionColumn.Nationality] = "日本国籍";
            return [registered, notRegistered, lostCard, leaving];
        }

        var spouse = Row(ExampleInsuredEmployeeId, "山田 花子", "やまだ はなこ", "昭和62年12月20日", "女", "配偶者（フリガナはひらがなでも可）");
        spouse[SubmissionColumn.Relationship] = "妻";
        spouse[SubmissionColumn.MyNumber] = Number(30_200_000_011);
        spouse[SubmissionColumn.CardState] = "未取得";
        var child = Row(ExampleInsuredEmployeeId, "山田 一郎", "ﾔﾏﾀﾞ ｲﾁﾛｳ", "H27.6.1", "男", "子（続柄は長男・長女なども可）");
        child[SubmissionColumn.Relationship] = "長男";
        child[SubmissionColumn.MyNumber] = Number(30_200_000_012);
        child[SubmissionColumn.CardState] = "登録済";
        child[SubmissionColumn.CardIssueDate] = "R4/8/1";
        var bornAbroad = Row(ExampleInsuredEmployeeId, "山田 次郎", "ヤマダ ジロウ", "令和6年12月2日", "男", "海外出生で個人番号なし");
        bornAbroad[SubmissionColumn.Relationship] = "次男";
        bornAbroad[SubmissionColumn.NoMyNumberReason] = "海外出生";
        bornAbroad[SubmissionColumn.CardState] = "未取得";
        return [spouse, child, bornAbroad];
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
        md.Append("| File | Record type | Encoding |\n|---|---|---|\n");
        foreach (var (recordType, name) in new[] { (RecordType.Insured, "insured"), (RecordType.Dependant, "dependant") })
        foreach (var (suffix, encoding) in new[] { ("utf8", "UTF-8 with BOM"), ("sjis", "Shift_JIS (CP932)") })
            md.Append($"| [`templates/{name}.{suffix}.csv`](templates/{name}.{suffix}.csv) | {RecordTypeName(recordType)} | {encoding} |\n");
        foreach (var recordType in new[] { RecordType.Insured, RecordType.Dependant })
        {
            md.Append($"\n{RecordTypeName(recordType)} (both encodings hold the same text):\n\n```csv\n");
            md.Append(TemplateText(recordType).Replace("\r\n", "\n", StringComparison.Ordinal));
            md.Append("```\n");
        }

        return md.ToString();
    }

    private static string RecordTypeName(RecordType recordType) => recordType == RecordType.Insured ? "被保険者 insured" : "被扶養者 dependant";

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

    private static string Scopes(SubmissionErrorDefinition d) => string.Join(", ", d.Scopes.Select(ScopeName));

    private static string ScopeName(SubmissionErrorScope scope) => scope switch
    {
        SubmissionErrorScope.File => "file",
        SubmissionErrorScope.Row => "row",
        _ => "registration",
    };

    /// <summary>Escapes text for a Markdown table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
