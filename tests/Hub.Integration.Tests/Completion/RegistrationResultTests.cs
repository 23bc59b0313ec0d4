using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Core.Completion;
using Hub.Core.Ingestion.Reading;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Integration.Tests.Ingestion;
using Hub.Testing;

namespace Hub.Integration.Tests.Completion;

/// <summary>
/// The registration result (登録結果) an employer gets once every accepted row of a file has been through the real
/// registration step: which rows were registered (with member ids) and which were refused, with the same kind of errors
/// as validation — and when rows never finish, a pending result after the waiting time.
/// </summary>
public sealed partial class RegistrationResultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Header = TestFiles.Header + ",insured_number,branch_number";

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex TwelveDigits();

    [Fact]
    public async Task Registered_and_refused_rows_are_reported_with_member_ids_codes_and_messages_on_their_fields()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0001");
        var taken = TestFiles.NewMyNumber();
        var earlier = await h.IngestAsync(employer, "earlier.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "R1", taken))));
        Assert.All(await h.RegisterAsync(earlier.Outcome, earlier.Id), r => Assert.Equal(StagedRowStatus.Registered, r.Status));
        var r1Number = (await h.Pipeline.Store.FindAsync(MemberIds.ForInsured(employer, "R1")))!.InsuredNumber;

        var numbers = new List<string> { taken };
        string Insured(string id, string? number = null, string insuredNumber = "")
        {
            var n = number ?? TestFiles.NewMyNumber();
            numbers.Add(n);
            return TestFiles.Insured(employer, id, n) + $",{insuredNumber},";
        }

        string Dependant(string insured, string name, string kana, string birth, string branch = "")
        {
            var n = TestFiles.NewMyNumber();
            numbers.Add(n);
            return TestFiles.Dependant(employer, insured, n, name, kana, birth, "child") + $",,{branch}";
        }

        var file = string.Join("\r\n",
            Header,
            Insured("A1"),                                                             // 2 registered
            Dependant("A1", "山田 一郎", "ヤマダ イチロウ", "2015-06-01"),              // 3 registered
            Insured("B1", taken),                                                      // 4 MYNUMBER_BELONGS_TO_OTHER_MEMBER
            Dependant("B1", "鈴木 花子", "スズキ ハナコ", "2016-02-02"),                // 5 UNKNOWN_INSURED (row 4 refused)
            $"dependant,update,{employer},R1,佐藤 次郎,サトウ ジロウ,2001-01-01,,child,,,,,",  // 6 MEMBER_NOT_FOUND
            Insured("C1", insuredNumber: r1Number),                                    // 7 INSURED_NUMBER_TAKEN
            Dependant("R1", "佐藤 三郎", "サトウ サブロウ", "2010-01-01", branch: "00"),  // 8 BRANCH_NUMBER_TAKEN
            Insured("=1+2"),                                                           // 9 registered (a formula-like 社員番号)
            $"insured,update,{employer},R1,山田 一,ヤマダ ハジメ,1985-04-01,,,,,,,") + "\r\n"; // 10 registered
        var (id, outcome) = await h.IngestAsync(employer, "mixed.csv", TestFiles.Utf8(file, bom: true));
        Assert.Equal(9, (await h.Ingestion.Store.FindAsync(id))!.Accepted);
        var staged = await h.RegisterAsync(outcome, id);
        Assert.DoesNotContain(staged, s => s.Status == StagedRowStatus.Staged);

        Assert.Equal(CompletionResult.Completed, await h.Completion().CompleteAsync(id));

        var result = (await h.ResultAsync(employer, id))!.Value;
        Assert.Equal((id, employer, "mixed.csv", "complete"), (result.GetProperty("submissionId").GetString(), result.GetProperty("employerCode").GetString(),
            result.GetProperty("fileName").GetString(), result.GetProperty("status").GetString()));
        Assert.Equal(Path.GetFileName(ResultReportWriter.CsvPath(employer, id)), result.GetProperty("validationReport").GetString());
        var counts = result.GetProperty("counts");
        Assert.Equal((9, 4, 5, 0), (counts.GetProperty("accepted").GetInt32(), counts.GetProperty("registered").GetInt32(),
            counts.GetProperty("rejected").GetInt32(), counts.GetProperty("pending").GetInt32()));
        var rows = result.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));

        void Registered(int row, string employeeId, string recordType, string action)
        {
            var r = rows[row];
            Assert.Equal(("registered", employeeId, recordType, action), (r.GetProperty("status").GetString(), r.GetProperty("employeeId").GetString(),
                r.GetProperty("recordType").GetString(), r.GetProperty("action").GetString()));
            Assert.Equal(staged.Single(s => s.RowNumber == row).MemberId, r.GetProperty("memberId").GetString());
            Assert.Empty(r.GetProperty("errors").EnumerateArray());
        }

        JsonElement Refused(int row, string code, string? field, string messageId)
        {
            var r = rows[row];
            Assert.Equal("rejected", r.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("memberId").ValueKind); // a refused row names no member
            var error = Assert.Single(r.GetProperty("errors").EnumerateArray());
            Assert.Equal((code, field), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
            var template = SubmissionErrorCatalog.Template(messageId);
            var fixedStart = template.Ja.IndexOf('{') is var brace and > 0 ? template.Ja[..brace] : template.Ja[..8];
            Assert.StartsWith(fixedStart, error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("{", error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("{", error.GetProperty("message_en").GetString(), StringComparison.Ordinal);
            return error;
        }

        Registered(2, "A1", "insured", "enroll");
        Registered(3, "A1", "dependant", "add");
        Assert.Equal(MemberIds.ForInsured(employer, "A1"), rows[2].GetProperty("memberId").GetString());
        Assert.Equal(MemberIds.ForDependant(employer, "A1", new DateOnly(2015, 6, 1), "ヤマダ イチロウ"), rows[3].GetProperty("memberId").GetString());
        Registered(9, "=1+2", "insured", "enroll");
        Registered(10, "R1", "insured", "update");
        Assert.Equal(MemberIds.ForInsured(employer, "R1"), rows[10].GetProperty("memberId").GetString());

        Refused(4, SubmissionErrorCodes.MyNumberBelongsToOtherMember, "my_number", SubmissionErrorCodes.MyNumberBelongsToOtherMember);
        var unknown = Refused(5, SubmissionErrorCodes.UnknownInsured, "employee_id", "UNKNOWN_INSURED.registration_row");
        Assert.Contains("（4行目の被保険者の行が登録できなかったため）", unknown.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Contains("(row 4, the insured person's row, was not registered)", unknown.GetProperty("message_en").GetString(), StringComparison.Ordinal);
        Refused(6, SubmissionErrorCodes.MemberNotFound, "action", "MEMBER_NOT_FOUND.dependant");
        var numberTaken = Refused(7, SubmissionErrorCodes.InsuredNumberTaken, "insured_number", SubmissionErrorCodes.InsuredNumberTaken);
        Assert.Contains($"「{r1Number.TrimStart('0')}」", numberTaken.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        var branchTaken = Refused(8, SubmissionErrorCodes.BranchNumberTaken, "branch_number", SubmissionErrorCodes.BranchNumberTaken);
        Assert.Contains("枝番「00」", branchTaken.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Equal(("dependant", "update", "R1"), (rows[6].GetProperty("recordType").GetString(), rows[6].GetProperty("action").GetString(),
            rows[6].GetProperty("employeeId").GetString()));
        // The staged rows say the same as the result (RegisterMember's own record of the refusals).
        foreach (var (row, code) in new[] { (4, "MYNUMBER_BELONGS_TO_OTHER_MEMBER"), (5, "UNKNOWN_INSURED"), (6, "MEMBER_NOT_FOUND"), (7, "INSURED_NUMBER_TAKEN"), (8, "BRANCH_NUMBER_TAKEN") })
            Assert.Equal((StagedRowStatus.Rejected, code), (staged.Single(s => s.RowNumber == row).Status, staged.Single(s => s.RowNumber == row).RejectionCode));

        var note = Assert.Single(result.GetProperty("notes").EnumerateArray());
        Assert.Contains("登録済 4 行、登録不可 5 行", note.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, result.GetProperty("settledAt").ValueKind);

        // The CSV: BOM, the validation report's columns, a line per registered row and per error, neutralised cells.
        var csv = await h.ResultCsvTextAsync(employer, id);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"行 (row)\",\"社員番号 (employee_id)\",\"対象区分 (record_type/action)\",\"結果 (status)\",\"加入者ID (member_id)\",\"エラーコード (code)\",\"項目 (field)\",\"内容\",\"message\"", lines[0]);
        Assert.Equal(1 + 9 + 1, lines.Length);
        Assert.StartsWith($"\"2\",\"A1\",\"被保険者 資格取得\",\"登録済\",\"{MemberIds.ForInsured(employer, "A1")}\",\"\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"3\",\"A1\",\"被扶養者 該当\",\"登録済\"", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("\"4\",\"B1\",\"被保険者 資格取得\",\"登録不可\",\"\",\"MYNUMBER_BELONGS_TO_OTHER_MEMBER\",\"個人番号 (my_number)\"", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("\"6\",\"R1\",\"被扶養者 変更\",\"登録不可\",\"\",\"MEMBER_NOT_FOUND\",\"異動区分 (action)\"", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("\"9\",\"'=1+2\",\"被保険者 資格取得\",\"登録済\"", lines[8], StringComparison.Ordinal);
        Assert.StartsWith("\"\",\"\",\"\",\"登録完了\",\"\",\"\",\"\",\"" + note.GetProperty("message_ja").GetString(), lines[^1], StringComparison.Ordinal);

        // No My Number anywhere, not even in part.
        foreach (var text in new[] { csv, result.GetRawText() })
        {
            Assert.DoesNotMatch(TwelveDigits(), text);
            foreach (var n in numbers) Assert.DoesNotContain(n[..11], text, StringComparison.Ordinal);
        }

        // Marked on the submission, off the waiting list, audited once.
        var submission = (await h.Ingestion.Store.FindAsync(id))!;
        Assert.Equal((RegistrationResultStatus.Complete, 4, 5, 0, (string?)null), (submission.RegistrationResult, submission.Registered, submission.RegistrationRejected,
            submission.RegistrationPending, submission.RegistrationClaim));
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync(id));
        Assert.Single(await h.AuditAsync(id, "registration_result"));
    }

    [Fact]
    public async Task Nothing_is_written_while_a_row_is_still_staged_and_the_result_follows_once_it_is_registered()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0002");
        var (id, outcome) = await h.IngestAsync(employer, "f.csv", TestFiles.Utf8(TestFiles.Csv(
            TestFiles.Insured(employer, "A1"), TestFiles.Insured(employer, "A2"), TestFiles.Insured(employer, "A3"))));
        Assert.NotNull(await h.Ingestion.Store.FindRegistrationDueAsync(id));
        await h.RegisterAsync(outcome, id, skip: 3);
        var completion = h.Completion();

        Assert.Equal(CompletionResult.Waiting, await completion.CompleteAsync(id));
        Assert.Null(await h.ResultCsvAsync(employer, id));
        Assert.Null(await h.ResultAsync(employer, id));
        Assert.Null((await h.Ingestion.Store.FindAsync(id))!.RegistrationResult);
        // The check remembers where the first staged row is, so the next one starts there.
        Assert.Equal(3, (await h.Ingestion.Store.FindRegistrationDueAsync(id))!.FirstStagedRow);
        var run = await completion.RunAsync();
        Assert.Equal((1, 0), (run.Count(CompletionResult.Waiting), run.Written));

        await h.RegisterRowAsync(id, 3, employer);
        run = await completion.RunAsync();
        Assert.Equal((1, 0), (run.Count(CompletionResult.Completed), run.Failures.Count));
        var result = (await h.ResultAsync(employer, id))!.Value;
        Assert.Equal(3, result.GetProperty("counts").GetProperty("registered").GetInt32());
        Assert.All(result.GetProperty("rows").EnumerateArray(), r => Assert.Equal("registered", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_rerun_or_a_second_timer_rewrites_nothing_and_marks_once_and_a_crash_before_the_mark_is_repaired_with_the_same_files()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0003");
        var (id, outcome) = await h.IngestAsync(employer, "f.csv", TestFiles.Utf8(TestFiles.Csv(
            TestFiles.Insured(employer, "A1"), TestFiles.Dependant(employer, "A1"), TestFiles.Insured(employer, "A2"))));
        await h.RegisterAsync(outcome, id);

        // A run that dies after writing the files, before marking the submission.
        var crashing = h.Completion(new CompletionSettings
        {
            AfterStep = (step, _) => step == CompletionStep.Written ? throw new IOException("simulated crash") : Task.CompletedTask,
        });
        await Assert.ThrowsAsync<IOException>(() => crashing.CompleteAsync(id));
        var firstJson = (await h.ResultAsync(employer, id))!.Value.GetRawText();
        var firstCsv = await h.ResultCsvAsync(employer, id);
        var afterCrash = (await h.Ingestion.Store.FindAsync(id))!;
        Assert.Null(afterCrash.RegistrationResult);
        Assert.NotNull(afterCrash.RegistrationClaim); // the dead run's claim: it lapses after the claim timeout
        Assert.Empty(await h.AuditAsync(id, "registration_result"));

        // Another run within the claim timeout leaves it alone; once the claim has lapsed, one takes over.
        Assert.Equal(CompletionResult.Busy, await h.Completion().CompleteAsync(id));
        var later = new ManualClock(h.Services.Clock.Unshifted.GetUtcNow());
        var takeOver = h.Completion(clock: later);
        later.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(CompletionResult.Completed, await takeOver.CompleteAsync(id));
        Assert.Equal(firstJson, (await h.ResultAsync(employer, id))!.Value.GetRawText());
        Assert.Equal(firstCsv, await h.ResultCsvAsync(employer, id));
        var marked = (await h.Ingestion.Store.FindAsync(id))!;
        Assert.Equal((RegistrationResultStatus.Complete, (string?)null), (marked.RegistrationResult, marked.RegistrationClaim));

        // Reruns: nothing is due any more; the files and the mark stay as they are.
        var csvBlob = h.Services.Storage.Container("results").GetBlobClient(RegistrationResultPaths.Csv(employer, id));
        var etag = (await csvBlob.GetPropertiesAsync()).Value.ETag;
        Assert.Equal(CompletionResult.NotDue, await h.Completion().CompleteAsync(id));
        Assert.Equal(0, (await h.Completion().RunAsync()).Written);
        Assert.Equal(etag, (await csvBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(marked.RegistrationResultAt, (await h.Ingestion.Store.FindAsync(id))!.RegistrationResultAt);
        Assert.Single(await h.AuditAsync(id, "registration_result"));

        // A crash after the mark leaves only the waiting entry, which the next run clears without writing.
        await h.Ingestion.Store.MarkRegistrationDueAsync(id, employer, DateTimeOffset.UtcNow);
        Assert.Equal(CompletionResult.AlreadyComplete, await h.Completion().CompleteAsync(id));
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync(id));
        Assert.Equal(etag, (await csvBlob.GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task Two_timers_at_once_write_one_result_and_mark_it_once()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0004");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, outcome) = await h.IngestAsync(employer, $"f{i}.csv", TestFiles.Utf8(TestFiles.Csv(
                TestFiles.Insured(employer, $"A{i}"), TestFiles.Dependant(employer, $"A{i}"))));
            await h.RegisterAsync(outcome, id);
            ids.Add(id);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.Completion().RunAsync())));
        Assert.All(runs, r => Assert.Empty(r.Failures));
        Assert.Equal(3, runs.Sum(r => r.Count(CompletionResult.Completed)));
        foreach (var id in ids)
        {
            Assert.Single(await h.AuditAsync(id, "registration_result"));
            var result = (await h.ResultAsync(employer, id))!.Value;
            Assert.Equal(2, result.GetProperty("counts").GetProperty("registered").GetInt32());
            var csv = await h.ResultCsvTextAsync(employer, id);
            Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(RegistrationResultStatus.Complete, (await h.Ingestion.Store.FindAsync(id))!.RegistrationResult);
        }
    }

    [Fact]
    public async Task Rows_that_never_finish_are_reported_pending_after_the_waiting_time_and_the_result_is_rewritten_when_they_do()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0005");
        var (id, outcome) = await h.IngestAsync(employer, "f.csv", TestFiles.Utf8(TestFiles.Csv(
            TestFiles.Insured(employer, "A1"), TestFiles.Insured(employer, "A2"), TestFiles.Insured(employer, "A3", TestFiles.NewMyNumber()))));
        await h.RegisterAsync(outcome, id, skip: 3); // row 3's message was dead-lettered

        var clock = new ManualClock(h.Services.Clock.Unshifted.GetUtcNow());
        var completion = h.Completion(new CompletionSettings { PendingAfter = TimeSpan.FromHours(24) }, clock);
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(CompletionResult.Waiting, await completion.CompleteAsync(id));
        Assert.Null(await h.ResultAsync(employer, id));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(CompletionResult.WrittenPending, await completion.CompleteAsync(id));
        var pending = (await h.ResultAsync(employer, id))!.Value;
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        var counts = pending.GetProperty("counts");
        Assert.Equal((3, 2, 0, 1), (counts.GetProperty("accepted").GetInt32(), counts.GetProperty("registered").GetInt32(),
            counts.GetProperty("rejected").GetInt32(), counts.GetProperty("pending").GetInt32()));
        var row3 = pending.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == 3);
        Assert.Equal(("pending", JsonValueKind.Null), (row3.GetProperty("status").GetString(), row3.GetProperty("memberId").ValueKind));
        var error = Assert.Single(row3.GetProperty("errors").EnumerateArray());
        Assert.Equal(SubmissionErrorCodes.RegistrationPending, error.GetProperty("code").GetString());
        Assert.Contains("健康保険組合で原因を調査しています", error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Contains("24時間", error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 行（結果「確認中」）", Assert.Single(pending.GetProperty("notes").EnumerateArray()).GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        var pendingCsv = await h.ResultCsvTextAsync(employer, id);
        Assert.True(pendingCsv.Contains("\"3\",\"A2\",\"被保険者 資格取得\",\"確認中\",\"\",\"REGISTRATION_PENDING\"", StringComparison.Ordinal), pendingCsv);
        var submission = (await h.Ingestion.Store.FindAsync(id))!;
        Assert.Equal((RegistrationResultStatus.Pending, 2, 1), (submission.RegistrationResult, submission.Registered, submission.RegistrationPending));
        Assert.NotNull(await h.Ingestion.Store.FindRegistrationDueAsync(id)); // still waiting for the final result

        // Further runs have nothing new to say while the row is stuck: the pending files are not rewritten.
        var blob = h.Services.Storage.Container("results").GetBlobClient(RegistrationResultPaths.Json(employer, id));
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(CompletionResult.StillPending, await completion.CompleteAsync(id));
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);

        // Ops replay the dead letter: the next run writes the final result over the pending one, and says so.
        await h.RegisterRowAsync(id, 3, employer);
        Assert.Equal(CompletionResult.Completed, await completion.CompleteAsync(id));
        var final = (await h.ResultAsync(employer, id))!.Value;
        Assert.Equal(("complete", 3), (final.GetProperty("status").GetString(), final.GetProperty("counts").GetProperty("registered").GetInt32()));
        Assert.Contains(final.GetProperty("notes").EnumerateArray(), n => n.GetProperty("message_ja").GetString() == RegistrationResultNotes.UpdatedAfterPending().MessageJa);
        Assert.Equal(RegistrationResultStatus.Complete, (await h.Ingestion.Store.FindAsync(id))!.RegistrationResult);
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync(id));
        Assert.Equal(2, (await h.AuditAsync(id, "registration_result")).Count); // the pending result and the final one
    }

    [Fact]
    public async Task Submissions_without_rows_to_register_get_no_result_and_leave_the_waiting_list()
    {
        var h = await CompletionHarness.CreateAsync(azurite);
        var employer = await h.Ingestion.EmployerAsync("C0006");
        // No accepted row: never waiting.
        var (bad, _) = await h.IngestAsync(employer, "bad.csv", TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A1", myNumber: "1"))));
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync(bad));
        Assert.Equal(CompletionResult.NotDue, await h.Completion().CompleteAsync(bad));
        // A duplicate upload registers nothing of its own.
        var content = TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(employer, "A2")));
        var (first, outcome) = await h.IngestAsync(employer, "first.csv", content);
        var (again, _) = await h.IngestAsync(employer, "again.csv", content);
        Assert.Equal(SubmissionStatus.Duplicate, (await h.Ingestion.Store.FindAsync(again))!.Status);
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync(again));
        // A waiting entry whose submission failed (or is gone) is dropped.
        await h.Ingestion.Store.MarkRegistrationDueAsync("S20261121-0000000000000000", employer, DateTimeOffset.UtcNow);
        Assert.Equal(CompletionResult.Dropped, await h.Completion().CompleteAsync("S20261121-0000000000000000"));
        Assert.Null(await h.Ingestion.Store.FindRegistrationDueAsync("S20261121-0000000000000000"));

        await h.RegisterAsync(outcome, first);
        var run = await h.Completion().RunAsync();
        Assert.Equal(1, run.Count(CompletionResult.Completed));
        Assert.Null(await h.ResultAsync(employer, again));
        Assert.NotNull(await h.ResultAsync(employer, first));
    }
}
