using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hub.Core.Configuration;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.FanOut;
using Hub.Core.Ingestion.Reporting;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Pure rules of ingestion: upload paths, Excel-safe cells, settings, chunking, ids.</summary>
public sealed class IngestionRulesTests
{
    [Theory]
    [InlineData("E0001", "2026-11.csv")]
    [InlineData("E0001", "資格取得届 11月分（本社）.csv")]
    [InlineData("abc-12", "a..b.csv")]
    [InlineData("E0001", ".hidden.csv")]
    [InlineData("E0001", "emoji😀.json")]
    public void Plain_names_below_an_employer_folder_are_accepted(string folder, string name)
    {
        Assert.Null(SubmissionBlobPath.Check(folder, name));
    }

    [Theory]
    [InlineData("E0001/sub", "x.csv", "sub-folders")]
    [InlineData("E0001/..", "x.csv", "sub-folders")]
    [InlineData("..", "x.csv", "not an employer code")]
    [InlineData("E 0001", "x.csv", "not an employer code")]
    [InlineData("E00010000000000001", "x.csv", "not an employer code")]
    [InlineData("E0001", "..", "'.', '..'")]
    [InlineData("E0001", ".", "'.', '..'")]
    [InlineData("E0001", "a\\..\\b.csv", "'.', '..'")]
    [InlineData("E0001", "   ", "empty")]
    [InlineData("E0001", "bell\u0007.csv", "control")]
    [InlineData("E0001", "line\nbreak.csv", "control")]
    [InlineData("E0001", "invoice\u202Evsc.exe", "control")]
    [InlineData("E0001", "zero\u200Bwidth.csv", "control")]
    public void Path_tricks_control_characters_and_bad_folders_are_refused(string folder, string name, string reason)
    {
        var error = SubmissionBlobPath.Check(folder, name);
        Assert.NotNull(error);
        Assert.Equal(SubmissionErrorCodes.FileNameInvalid, error.Code);
        Assert.Contains(reason, error.MessageEn, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', error.MessageJa);
        Assert.DoesNotContain('\n', error.MessageEn);
    }

    [Fact]
    public void Absurdly_long_names_are_refused_and_quoted_short()
    {
        Assert.Null(SubmissionBlobPath.Check("E0001", new string('a', SubmissionBlobPath.MaxNameLength)));
        var error = SubmissionBlobPath.Check("E0001", new string('a', 5000));
        Assert.Contains("too long", error!.MessageEn, StringComparison.Ordinal);
        Assert.True(error.MessageEn.Length < 400);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+81-3", "'+81-3")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("＝HYPERLINK(\"x\")", "'＝HYPERLINK(\"x\")")]
    [InlineData("a=1", "a=1")]
    [InlineData("山田", "山田")]
    [InlineData("", "")]
    public void Cells_a_spreadsheet_would_evaluate_are_neutralised(string value, string expected)
    {
        Assert.Equal(expected, CsvCells.Neutralise(value));
    }

    [Fact]
    public void Every_written_cell_is_quoted_and_none_starts_with_a_formula_character()
    {
        var text = Gen.Elements("=", "+", "-", "@", "\t", "\r", "\n", "\"", ",", "a", "山", "＝", " ").ArrayOf().Select(p => string.Concat(p));
        Prop.ForAll(text.ToArbitrary(), value =>
        {
            var line = new StringBuilder();
            CsvCells.AppendRecord(line, value, "x");
            var written = line.ToString();
            Assert.StartsWith("\"", written, StringComparison.Ordinal);
            var cell = written[1..written.IndexOf("\",\"x\"\r\n", StringComparison.Ordinal)].Replace("\"\"", "\"", StringComparison.Ordinal);
            Assert.Equal(CsvCells.Neutralise(value), cell);
            Assert.False(CsvCells.NeedsNeutralising(cell) && !cell.StartsWith('\''), cell);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Settings_have_safe_defaults_and_refuse_nonsense()
    {
        var defaults = IngestionSettings.FromSettings(Settings.FromDictionary(new Dictionary<string, string>()), HubEnvironment.Azure);
        Assert.Equal((100L * 1024 * 1024, 65536, 5, 1000), (defaults.MaxFileBytes, defaults.MaxRowChars, defaults.MaxAttempts, defaults.ChunkRows));
        var custom = IngestionSettings.FromSettings(Settings.FromDictionary(new Dictionary<string, string>
        {
            ["Hub__Ingestion__MaxFileBytes"] = "2048",
            ["Hub__Ingestion__ChunkRows"] = "10",
            [IngestionFault.SettingName] = "stage:2:kill",
        }), HubEnvironment.Local);
        Assert.Equal((2048L, 10), (custom.MaxFileBytes, custom.ChunkRows));
        Assert.Equal(new IngestionFault(IngestionStep.Stage, 2, Kill: true), custom.Fault);
        Assert.Throws<HubConfigurationException>(() => IngestionSettings.FromSettings(
            Settings.FromDictionary(new Dictionary<string, string> { ["Hub__Ingestion__MaxAttempts"] = "0" }), HubEnvironment.Azure));
    }

    [Fact]
    public void The_fault_setting_is_ignored_outside_local_and_parsed_strictly()
    {
        var settings = Settings.FromDictionary(new Dictionary<string, string> { [IngestionFault.SettingName] = "commit" });
        Assert.Null(IngestionSettings.FromSettings(settings, HubEnvironment.Azure).Fault);
        Assert.Equal(new IngestionFault(IngestionStep.Commit, 1, false), IngestionSettings.FromSettings(settings, HubEnvironment.Local).Fault);
        Assert.Throws<HubConfigurationException>(() => IngestionFault.Parse("explode"));
        Assert.Throws<HubConfigurationException>(() => IngestionFault.Parse("stage:x"));
        Assert.Throws<HubConfigurationException>(() => IngestionFault.Parse("stage:1:boom"));
        var fault = IngestionFault.Parse("report:2")!;
        fault.Trip(IngestionStep.Stage, 1);
        fault.Trip(IngestionStep.Report, 3);
        Assert.Throws<InjectedFaultException>(() => fault.Trip(IngestionStep.Report, 2));
    }

    [Fact]
    public void Accepted_rows_are_chunked_in_file_order_by_count()
    {
        var planner = new ChunkPlanner(3);
        foreach (var row in new[] { 2, 3, 5, 8, 9, 10, 11 }) planner.Add(row);
        Assert.Equal(3, planner.Count);
        Assert.Equal("[[2,5],[8,10],[11,11]]", planner.ToJson());
        Assert.Equal("[]", new ChunkPlanner(3).ToJson());
    }

    [Fact]
    public void Submission_ids_are_deterministic_per_upload_version()
    {
        var at = new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero); // 01:00 on the 22nd in Japan
        var id = SubmissionIds.Submission("E0001", "a.csv", new Azure.ETag("\"0x1\""), at);
        Assert.Matches("^S20261122-[0-9a-f]{16}$", id);
        Assert.Equal(id, SubmissionIds.Submission("E0001", "a.csv", new Azure.ETag("\"0x1\""), at));
        Assert.NotEqual(id, SubmissionIds.Submission("E0001", "a.csv", new Azure.ETag("\"0x2\""), at));
        Assert.NotEqual(id, SubmissionIds.Submission("E0002", "a.csv", new Azure.ETag("\"0x1\""), at));
        Assert.Matches("^Q20261122-[0-9a-f]{16}$", SubmissionIds.Quarantine("x/y", new Azure.ETag("\"0x1\""), at));
    }
}
