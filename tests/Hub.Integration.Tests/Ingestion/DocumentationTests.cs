using System.Text;
using System.Text.RegularExpressions;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.Documentation;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// The committed docs and templates match the catalogues they are generated from, and their examples are accepted.
/// To regenerate after changing a catalogue: <c>HUB_UPDATE_DOCS=1 dotnet test tests/Hub.Integration.Tests --filter DocumentationTests</c>.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("HUB_UPDATE_DOCS") == "1";

    private static string Docs(params string[] parts) => RepoPaths.Combine(["docs", .. parts]);

    private static void Check(string path, byte[] expected)
    {
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate with HUB_UPDATE_DOCS=1.");
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} is out of date with the catalogues; regenerate with HUB_UPDATE_DOCS=1.");
    }

    [Fact]
    public void Error_codes_doc_is_the_catalogue()
    {
        Check(Docs("error-codes.md"), Encoding.UTF8.GetBytes(SubmissionDocs.ErrorCodes()));
        var doc = File.ReadAllText(Docs("error-codes.md"));
        foreach (var definition in SubmissionErrorCatalog.All)
        {
            Assert.Contains($"## {definition.Code}\n", doc, StringComparison.Ordinal);
            foreach (var message in definition.Messages) Assert.Contains(message.Ja.Replace("|", "\\|", StringComparison.Ordinal), doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Submission_format_doc_has_the_current_columns_code_lists_and_templates()
    {
        var path = Docs("submission-format.md");
        var committed = File.ReadAllText(path);
        Check(path, Encoding.UTF8.GetBytes(SubmissionDocs.UpdateSections(committed)));
        foreach (var column in SubmissionColumnCatalog.All) Assert.Contains($"| `{column.Name}` | {column.LabelJa} |", committed, StringComparison.Ordinal);
        foreach (var list in SubmissionCodeLists.All)
        foreach (var entry in list.Entries)
            Assert.Contains($"| `{entry.Code}` | {entry.LabelJa} |", committed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_are_current_and_their_example_rows_are_accepted_in_both_encodings()
    {
        foreach (var (name, bytes) in SubmissionDocs.Templates())
        {
            Check(Docs("templates", name), bytes);
            var recordType = name.StartsWith("insured", StringComparison.Ordinal) ? RecordType.Insured : RecordType.Dependant;
            Assert.Equal(name.Contains("sjis", StringComparison.Ordinal), !Encoding.UTF8.GetString(bytes).Contains("対象区分", StringComparison.Ordinal));
            var scan = new SubmissionScan(SubmissionDocs.ExampleEmployerCode, new DateOnly(2026, 11, 21), new IngestionSettings(), null);
            await scan.CollectAsync(_ => Task.FromResult<Stream>(new MemoryStream(bytes)), CancellationToken.None);
            Assert.Equal(name.Contains("sjis", StringComparison.Ordinal) ? SubmissionEncoding.ShiftJis : SubmissionEncoding.Utf8, scan.Format!.Encoding);
            scan.IsInsuredRegistered = r => r.EmployeeId == SubmissionDocs.ExampleInsuredEmployeeId;
            var rows = new List<SubmissionRowResult>();
            await scan.ValidateAsync(_ => Task.FromResult<Stream>(new MemoryStream(bytes)), r =>
            {
                rows.Add(r);
                return ValueTask.CompletedTask;
            }, CancellationToken.None);

            Assert.Equal(SubmissionDocs.TemplateExamples(recordType).Count, rows.Count);
            Assert.True(rows.Count >= 3, name);
            Assert.All(rows, r => Assert.True(r.IsAccepted, $"{name} row {r.RowNumber}: {string.Join("; ", r.Errors.Select(e => $"{e.Code} {e.Column}: {e.MessageEn}"))}"));
            Assert.All(rows, r => Assert.Equal(recordType, r.Record!.RecordType));
            Assert.Equal(rows.Count, rows.Select(r => r.Record!.MyNumber).Distinct().Count());
        }

        Assert.DoesNotContain("続柄", SubmissionDocs.TemplateHeader(RecordType.Insured), StringComparison.Ordinal);
        Assert.Contains("続柄", SubmissionDocs.TemplateHeader(RecordType.Dependant), StringComparison.Ordinal);
        // The dependant template's header names every column, so it serves files mixing both record types.
        Assert.Equal(SubmissionColumnCatalog.All.Count, SubmissionDocs.TemplateColumns(RecordType.Dependant).Count());
    }

    [GeneratedRegex("```(csv|json) example\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [Fact]
    public async Task The_documented_examples_are_accepted_row_for_row()
    {
        var examples = Example().Matches(File.ReadAllText(Docs("submission-format.md")));
        Assert.Equal(2, examples.Count);
        foreach (Match example in examples)
        {
            var bytes = Encoding.UTF8.GetBytes(example.Groups[2].Value);
            var scan = new SubmissionScan("E0001", new DateOnly(2026, 11, 21), new IngestionSettings(), null);
            await scan.CollectAsync(_ => Task.FromResult<Stream>(new MemoryStream(bytes)), CancellationToken.None);
            var rows = new List<SubmissionRowResult>();
            await scan.ValidateAsync(_ => Task.FromResult<Stream>(new MemoryStream(bytes)), r =>
            {
                rows.Add(r);
                return ValueTask.CompletedTask;
            }, CancellationToken.None);
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.True(r.IsAccepted, $"{example.Groups[1].Value} row {r.RowNumber}: {string.Join("; ", r.Errors.Select(e => e.MessageEn))}"));
            Assert.Equal(["ヤマダ タロウ", "ヤマダ ハナコ", "ヤマダ イチロウ", "スズキ ケン"], rows.Select(r => r.Record!.NameKana));
            Assert.Equal([new DateOnly(1985, 4, 12), new DateOnly(1987, 12, 20), new DateOnly(2015, 6, 1), new DateOnly(1953, 3, 15)], rows.Select(r => r.Record!.BirthDate));
        }
    }

    [Fact]
    public void The_demo_sample_is_shift_jis_and_shows_every_case_with_three_mistakes()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Combine("tools", "Hub.Cli", "Samples", "demo-submission.csv"));
        Assert.Equal(SubmissionEncoding.ShiftJis, SubmissionFormatSniffer.Detect(bytes, complete: true, null).Encoding);
        var text = TextEncodings.ShiftJis.GetString(bytes);
        foreach (var situation in new[] { "未取得", "保険証利用登録なし", "電子証明書の期限が近い", "国外継続利用申請なし", "外国籍", "海外出生", "紛失", "ｻﾄｳ", "平成1年1月7日" })
            Assert.Contains(situation, text, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(text, "【誤り】").Count);
    }
}
