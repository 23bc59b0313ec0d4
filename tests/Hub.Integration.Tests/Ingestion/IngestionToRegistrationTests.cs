using System.Text;
using System.Text.Json;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.Documentation;
using Hub.Core.Ingestion.Reading;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// Ingestion followed by the real registration step (RegisterMember's service, in process on Azurite): the templates
/// as shipped, the member ids a report promises, and the rows only registration can refuse.
/// </summary>
public sealed class IngestionToRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData("utf8")]
    [InlineData("sjis")]
    public async Task The_templates_uploaded_as_they_stand_are_accepted_and_registered(string encoding)
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var pipeline = new MemberPipeline(harness.Services);
        var employer = await harness.EmployerAsync(SubmissionDocs.ExampleEmployerCode);
        var templates = SubmissionDocs.Templates();

        // The insured template first: its A1001 is the insured person of the dependant template's examples.
        foreach (var (recordType, name) in new[] { (RecordType.Insured, $"insured.{encoding}.csv"), (RecordType.Dependant, $"dependant.{encoding}.csv") })
        {
            var examples = SubmissionDocs.TemplateExamples(recordType).Count;
            var id = await harness.UploadAsync(employer, name, templates[name]);
            var outcome = await harness.IngestAsync(employer, name);

            var submission = (await harness.Store.FindAsync(id))!;
            Assert.Equal((SubmissionStatus.Completed, examples, examples), (submission.Status, submission.Rows, submission.Accepted));
            Assert.Equal(encoding == "sjis" ? "shift_jis" : "utf-8", submission.Encoding);
            var report = await ReportAsync(harness, employer, id);
            Assert.All(report.GetProperty("rows").EnumerateArray(), r => Assert.Empty(r.GetProperty("errors").EnumerateArray()));

            var staged = await RegisterAllAsync(harness, pipeline, outcome, id);
            Assert.All(staged, s => Assert.True(s.Status == StagedRowStatus.Registered, $"{name} row {s.RowNumber}: {s.Status} {s.RejectionCode}"));
        }

        var members = new List<Member>();
        await foreach (var m in pipeline.Store.Table.QueryAsync<Member>(Hub.Storage.Tables.TableClient.CreateQueryFilter($"RowKey eq {Member.EntityRowKey} and EmployerCode eq {employer}")))
            members.Add(m);
        Assert.Equal(7, members.Count);
        Assert.Equal(3, members.Count(m => m.Role == RecordType.Dependant && m.InsuredMemberId == MemberIds.ForInsured(employer, SubmissionDocs.ExampleInsuredEmployeeId)));
    }

    [Fact]
    public async Task Example_rows_left_in_another_employers_file_are_rejected_as_employer_mismatch()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var employer = await harness.EmployerAsync("E0002");
        foreach (var (name, bytes) in SubmissionDocs.Templates())
        {
            var id = await harness.UploadAsync(employer, name, bytes);
            await harness.IngestAsync(employer, name);
            Assert.Equal(0, (await harness.Store.FindAsync(id))!.Accepted);
            Assert.All((await ReportAsync(harness, employer, id)).GetProperty("rows").EnumerateArray(), r =>
                Assert.Contains(r.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == SubmissionErrorCodes.EmployerMismatch));
            Assert.Empty(await harness.StagedRowsAsync(id));
        }
    }

    [Fact]
    public async Task Member_ids_in_the_report_are_the_ones_registration_gives_and_the_notes_say_where_the_rest_comes_from()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var pipeline = new MemberPipeline(harness.Services);
        var employer = await harness.EmployerAsync("M0001");

        // R1 is registered by an earlier submission.
        var earlier = await harness.UploadAsync(employer, "earlier.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "R1"))));
        await RegisterAllAsync(harness, pipeline, await harness.IngestAsync(employer, "earlier.csv"), earlier);

        var rows = new[]
        {
            TestFiles.Insured(employer, "A1"),                                                                      // 2: new insured person
            TestFiles.Dependant(employer, "A1", name: "山田 花子", kana: "ヤマダ ハナコ", birth: "1987-06-01"),      // 3: added to A1's new household
            TestFiles.Dependant(employer, "A1", name: "山田 一郎", kana: "ﾔﾏﾀﾞ ｲﾁﾛｳ", birth: "2015-06-01", relationship: "child"), // 4: same, half-width kana
            TestFiles.Dependant(employer, "R1", name: "佐藤 花子", kana: "サトウ ハナコ", birth: "1990-01-01"),      // 5: added to a registered household
            $"insured,update,{employer},R1,山田 太郎,ヤマダ タロウ,1985-04-01,1,,,,registered",                       // 6: change of a registered insured person
            TestFiles.Insured(employer, "A7", myNumber: "12345"),                                                   // 7: rejected
        };
        var id = await harness.UploadAsync(employer, "mixed.csv", TestFiles.ShiftJis(TestFiles.Csv(rows)));
        var outcome = await harness.IngestAsync(employer, "mixed.csv");

        var report = await ReportAsync(harness, employer, id);
        var memberIds = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("memberId").GetString());
        Assert.Equal(MemberIds.ForInsured(employer, "A1"), memberIds[2]);
        Assert.NotNull(memberIds[3]);
        Assert.NotNull(memberIds[4]);
        Assert.Null(memberIds[5]);
        Assert.Equal(MemberIds.ForInsured(employer, "R1"), memberIds[6]);
        Assert.Null(memberIds[7]);

        var staged = await RegisterAllAsync(harness, pipeline, outcome, id);
        Assert.Equal([2, 3, 4, 5, 6], staged.Select(s => s.RowNumber));
        foreach (var row in staged)
        {
            Assert.True(row.Status == StagedRowStatus.Registered, $"row {row.RowNumber}: {row.Status} {row.RejectionCode}");
            if (memberIds[row.RowNumber] is { } promised) Assert.Equal(promised, row.MemberId);
        }

        Assert.Equal(MemberIds.ForInsured(employer, "R1"), (await pipeline.Store.FindAsync(staged.Single(s => s.RowNumber == 5).MemberId!))!.InsuredMemberId);

        // The CSV carries the same ids, with the 社員番号 and 対象区分 HR matches rows by, and one note line says what happens next.
        var csv = await harness.ResultTextAsync(ResultReportWriter.CsvPath(employer, id));
        var identity = new Dictionary<int, (string EmployeeId, string Label)>
        {
            [2] = ("A1", "被保険者 資格取得"), [3] = ("A1", "被扶養者 該当"), [4] = ("A1", "被扶養者 該当"), [5] = ("R1", "被扶養者 該当"), [6] = ("R1", "被保険者 変更"),
        };
        foreach (var (row, memberId) in memberIds.Where(m => m.Key != 7))
            Assert.Contains($"\"{row}\",\"{identity[row].EmployeeId}\",\"{identity[row].Label}\",\"受付\",\"{memberId}\",\"\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"7\",\"A7\",\"被保険者 資格取得\",\"エラー\",\"\",\"MYNUMBER_FORMAT\"", csv, StringComparison.Ordinal);
        var note = ReportNote.HandedToRegistration(id);
        Assert.Contains($"\"\",\"\",\"\",\"処理完了\",\"\",\"\",\"\",\"{note.MessageJa}\",\"{note.MessageEn}\"\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var notes = report.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal((note.MessageJa, note.MessageEn), (Assert.Single(notes).GetProperty("message_ja").GetString(), notes[0].GetProperty("message_en").GetString()));
        Assert.Contains(SubmissionErrorCodes.MyNumberBelongsToOtherMember, note.MessageEn, StringComparison.Ordinal);
        // The note names the registration result that follows.
        Assert.Contains($"{id}.registration.csv", note.MessageJa, StringComparison.Ordinal);
        Assert.Contains($"{id}.registration.csv", note.MessageEn, StringComparison.Ordinal);
        // The JSON rows carry the same identity, rejected rows included.
        var json = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal(("A1", "dependant", "add"), (json[3].GetProperty("employeeId").GetString(), json[3].GetProperty("recordType").GetString(), json[3].GetProperty("action").GetString()));
        Assert.Equal(("R1", "insured", "update"), (json[6].GetProperty("employeeId").GetString(), json[6].GetProperty("recordType").GetString(), json[6].GetProperty("action").GetString()));
        Assert.Equal(("A7", "insured", "enroll"), (json[7].GetProperty("employeeId").GetString(), json[7].GetProperty("recordType").GetString(), json[7].GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_file_with_no_accepted_row_has_no_note_and_a_duplicate_names_its_original_in_both_reports()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var employer = await harness.EmployerAsync("M0002");
        var bad = await harness.UploadAsync(employer, "bad.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A1", myNumber: "1"))));
        await harness.IngestAsync(employer, "bad.csv");
        Assert.Empty((await ReportAsync(harness, employer, bad)).GetProperty("notes").EnumerateArray());
        Assert.DoesNotContain("処理完了", await harness.ResultTextAsync(ResultReportWriter.CsvPath(employer, bad)), StringComparison.Ordinal);

        var content = TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A2")));
        var first = await harness.UploadAsync(employer, "first.csv", content);
        await harness.IngestAsync(employer, "first.csv");
        var again = await harness.UploadAsync(employer, "again.csv", content);
        await harness.IngestAsync(employer, "again.csv");
        var note = ReportNote.Duplicate(first);
        var json = Assert.Single((await ReportAsync(harness, employer, again)).GetProperty("notes").EnumerateArray());
        Assert.Equal(note.MessageJa, json.GetProperty("message_ja").GetString());
        Assert.Contains($"\"\",\"\",\"\",\"重複（処理済み）\",\"\",\"\",\"\",\"{note.MessageJa}\"", await harness.ResultTextAsync(ResultReportWriter.CsvPath(employer, again)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_my_number_already_registered_for_another_member_passes_ingestion_and_is_refused_at_registration()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var pipeline = new MemberPipeline(harness.Services);
        var employer = await harness.EmployerAsync("M0003");
        var number = TestFiles.NewMyNumber();
        var first = await harness.UploadAsync(employer, "first.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A1", number))));
        await RegisterAllAsync(harness, pipeline, await harness.IngestAsync(employer, "first.csv"), first);

        var second = await harness.UploadAsync(employer, "second.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "B1", $"{number[..4]}-{number[4..8]}-{number[8..]}"))));
        var outcome = await harness.IngestAsync(employer, "second.csv");
        Assert.Equal(1, (await harness.Store.FindAsync(second))!.Accepted); // ingestion cannot see other members' numbers

        var row = Assert.Single(await RegisterAllAsync(harness, pipeline, outcome, second));
        Assert.Equal((StagedRowStatus.Rejected, SubmissionErrorCodes.MyNumberBelongsToOtherMember), (row.Status, row.RejectionCode));
        Assert.Null(row.ProtectedMyNumber);
        var rejection = await pipeline.Store.Table.GetEntityIfExistsAsync<Hub.Storage.Tables.TableEntity>(MemberRegistration.RejectionPartition(second),
            Hub.Core.Members.MemberRegistration.RejectionRowKey(2));
        var data = Hub.Core.Events.EventOutbox.FromEntity(rejection.Value!).Data;
        Assert.Equal((SubmissionErrorCodes.MyNumberBelongsToOtherMember, 2), (data["code"]!.GetValue<string>(), data["row"]!.GetValue<int>()));
        Assert.False(string.IsNullOrWhiteSpace(data["message_ja"]!.GetValue<string>()));
        Assert.DoesNotContain(number, data.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReportAsync(IngestionHarness harness, string employer, string submissionId) =>
        JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, submissionId))).RootElement;

    /// <summary>Fans the submission out and registers every row as RegisterMember would, re-running dependants that waited; returns the staged rows after.</summary>
    private static async Task<List<StagedRow>> RegisterAllAsync(IngestionHarness harness, MemberPipeline pipeline, IngestionOutcome outcome, string submissionId)
    {
        var queue = new Queue<RegistrationRequest>(await harness.FanOutAsync(outcome));
        for (var steps = 0; queue.TryDequeue(out var request); steps++)
        {
            Assert.True(steps < 1000, "registration does not settle");
            foreach (var again in (await pipeline.Registration.RegisterAsync(request)).Registrations) queue.Enqueue(again);
        }

        return await harness.StagedRowsAsync(submissionId);
    }
}
