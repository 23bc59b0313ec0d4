using System.Text.Json;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Domain.Tests.Generators;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// IngestSubmission's and FanOutSubmission's services in process on real Azurite: retries after faults at each
/// step, a file replaced between the passes, duplicates, registered insured persons, chunked fan-out and disposal.
/// </summary>
public sealed class IngestionServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static byte[] File(string employer, int insured, int dependantsEach = 0)
    {
        var rows = new List<string>();
        for (var i = 0; i < insured; i++)
        {
            rows.Add(TestFiles.Insured(employer, $"A{i:D3}"));
            for (var d = 0; d < dependantsEach; d++) rows.Add(TestFiles.Dependant(employer, $"A{i:D3}", name: $"山田 子{d}", kana: "ヤマダ コ", birth: $"201{d}-01-0{d + 1}", relationship: "child"));
        }

        return TestFiles.Utf8(TestFiles.Csv([.. rows]));
    }

    [Fact]
    public async Task A_retry_after_a_crash_at_any_step_stages_each_row_once_and_emits_the_same_messages()
    {
        foreach (var step in Enum.GetValues<IngestionStep>())
        {
            var harness = await IngestionHarness.CreateAsync(azurite, Today, new IngestionSettings { Fault = new IngestionFault(step, 1, false), ChunkRows = 4 });
            var employer = await harness.EmployerAsync("C" + (int)step);
            var id = await harness.UploadAsync(employer, "a.csv", File(employer, 3, dependantsEach: 2));

            await Assert.ThrowsAsync<InjectedFaultException>(() => harness.IngestAsync(employer, "a.csv"));
            var retry = await harness.IngestAsync(employer, "a.csv");
            var again = await harness.IngestAsync(employer, "a.csv"); // e.g. a duplicate Event Grid event

            Assert.Equal((SubmissionStatus.Completed, id), (retry.Result, retry.SubmissionId));
            Assert.Equal([(2, 5), (6, 9), (10, 10)], retry.Chunks.Select(c => (c.FirstRow, c.LastRow)));
            Assert.Equal(retry.Chunks, again.Chunks); // nothing fanned out yet: the same chunks again, deduped downstream
            Assert.Equal(retry.Dispatches, again.Dispatches);
            Assert.Equal(9, (await harness.StagedRowsAsync(id)).Count);
            var submission = (await harness.Store.FindAsync(id))!;
            Assert.Equal((3, 9, 9), (submission.Attempts, submission.Rows, submission.Accepted));

            var requests = await harness.FanOutAsync(retry);
            Assert.Equal(9, requests.Select(r => r.OperationId).Distinct().Count());
            Assert.Empty((await harness.IngestAsync(employer, "a.csv")).Chunks); // the upload is gone once every chunk arrived
            var audit = new List<string>();
            await foreach (var e in harness.Services.AuditLog.ReadAsync($"submission:{id}")) audit.Add(e.GetString("Action")!);
            Assert.Equal([SubmissionStatus.Completed, "disposed"], audit);
        }
    }

    [Fact]
    public async Task A_file_replaced_between_the_passes_is_abandoned_and_its_staged_rows_removed()
    {
        bool crashed = false, replaced = false;
        IngestionHarness harness = null!;
        harness = await IngestionHarness.CreateAsync(azurite, Today, new IngestionSettings
        {
            AfterStep = async (step, attempt) =>
            {
                if (step == IngestionStep.Stage && !crashed)
                {
                    crashed = true;
                    throw new InjectedFaultException("crash after staging");
                }

                if (step == IngestionStep.Collect && attempt == 2 && !replaced)
                {
                    replaced = true;
                    await harness.UploadAsync("R0001", "a.csv", File("R0001", 1));
                }
            },
        });
        var employer = await harness.EmployerAsync("R0001");
        var id = await harness.UploadAsync(employer, "a.csv", File(employer, 2));
        await Assert.ThrowsAsync<InjectedFaultException>(() => harness.IngestAsync(employer, "a.csv"));
        Assert.Equal(2, (await harness.StagedRowsAsync(id)).Count); // the first attempt staged them, then crashed

        var outcome = await harness.IngestAsync(employer, "a.csv");
        Assert.True(replaced);
        Assert.Equal((SubmissionStatus.Superseded, 0), (outcome.Result, outcome.Chunks.Count));
        Assert.Empty(await harness.StagedRowsAsync(id));
        var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id))).RootElement;
        Assert.Equal("superseded", report.GetProperty("status").GetString());
        Assert.Equal(SubmissionErrorCodes.FileReplaced, report.GetProperty("errors")[0].GetProperty("code").GetString());

        // The replacement is a submission of its own.
        var newer = await harness.IngestAsync(employer, "a.csv");
        Assert.NotEqual(id, newer.SubmissionId);
        Assert.Equal((SubmissionStatus.Completed, 1), (newer.Result, (await harness.Store.FindAsync(newer.SubmissionId!))!.Accepted));
    }

    [Fact]
    public async Task Every_generated_valid_file_is_accepted_and_staged_as_the_expected_records()
    {
        foreach (var seed in new[] { 7, 20261122 })
        {
            var file = SubmissionRowGenerator.BuildFile(seed, 120);
            var harness = await IngestionHarness.CreateAsync(azurite, file.Today, new IngestionSettings { ChunkRows = 50 });
            var employer = await harness.EmployerAsync(file.EmployerCode);
            // Registered as the rows name them: a row giving a 被保険者番号 must match the registered one.
            var numbers = file.Rows.Where(r => file.RegisteredEmployeeIds.Contains(r.Expected.EmployeeId)).ToDictionary(r => r.Expected.EmployeeId, r => r.Expected.InsuredNumber ?? "");
            await harness.RegisterInsuredAsync(employer, file.RegisteredEmployeeIds.Select(e => (e, numbers.GetValueOrDefault(e, ""))));
            var text = string.Join("\r\n", [string.Join(",", file.Header.Select(Quote)), .. file.Rows.Select(r => string.Join(",", r.Cells.Select(c => Quote(c ?? ""))))]);
            var bytes = seed % 2 == 0 ? TestFiles.ShiftJis(text) : TestFiles.Utf8(text, bom: true);
            var id = await harness.UploadAsync(employer, "generated.csv", bytes);

            var outcome = await harness.IngestAsync(employer, "generated.csv");

            var submission = (await harness.Store.FindAsync(id))!;
            var report = await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id));
            Assert.True(submission.Accepted == 120, $"seed {seed}: {submission.Rejected} rejected\n{report[..Math.Min(4000, report.Length)]}");
            Assert.Equal(3, outcome.Chunks.Count);
            var staged = await harness.StagedRowsAsync(id);
            foreach (var (row, expected) in staged.Zip(file.Rows))
            {
                Assert.Equal(expected.RowNumber, row.RowNumber);
                Assert.Equal(expected.Expected with { MyNumber = null }, row.ReadRecord());
                if (expected.Expected.MyNumber is { } number)
                {
                    Assert.Equal(harness.Services.MyNumbers.IndexHash(number), row.MyNumberHash);
                    Assert.Equal(number, await harness.Services.MyNumbers.RevealAsync(row.ProtectedMyNumber!, new("test", "IngestionServiceTests", "verify")));
                    Assert.DoesNotContain(number.RevealDigits(), row.Record, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Null(row.ProtectedMyNumber);
                }
            }
        }

        static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    [Fact]
    public async Task The_same_content_again_is_a_duplicate_unless_the_first_failed()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var employer = await harness.EmployerAsync("D0001");
        var content = File(employer, 2, dependantsEach: 1);
        await harness.UploadAsync(employer, "first.csv", content);
        var first = await harness.IngestAsync(employer, "first.csv");
        await harness.FanOutAsync(first);

        await harness.UploadAsync(employer, "again.csv", content);
        var again = await harness.IngestAsync(employer, "again.csv");
        Assert.Equal((SubmissionStatus.Duplicate, 0), (again.Result, again.Chunks.Count));
        Assert.Single(again.Dispatches);
        Assert.Empty(await harness.StagedRowsAsync(again.SubmissionId!));
        Assert.False(await harness.UploadExistsAsync(employer, "again.csv"));
        var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, again.SubmissionId!))).RootElement;
        Assert.Equal(("duplicate", first.SubmissionId), (report.GetProperty("status").GetString(), report.GetProperty("duplicateOf").GetString()));
        Assert.Equal(4, report.GetProperty("counts").GetProperty("accepted").GetInt32());
        var csv = await harness.ResultTextAsync(ResultReportWriter.CsvPath(employer, again.SubmissionId!));
        Assert.Contains(first.SubmissionId!, csv, StringComparison.Ordinal);

        // Another employer's identical bytes are not a duplicate of this one's.
        var other = await harness.EmployerAsync("D0002");
        await harness.UploadAsync(other, "first.csv", content);
        Assert.Equal(SubmissionStatus.Completed, (await harness.IngestAsync(other, "first.csv")).Result);

        // A claim held by a submission that failed does not block a re-upload.
        var failed = (await harness.Store.FindAsync(first.SubmissionId!))!;
        failed.Status = SubmissionStatus.Failed;
        await harness.Store.UpdateAsync(failed);
        await harness.UploadAsync(employer, "third.csv", content);
        Assert.Equal(SubmissionStatus.Completed, (await harness.IngestAsync(employer, "third.csv")).Result);
    }

    [Fact]
    public async Task Dependants_and_changes_need_a_registered_insured_person_with_a_matching_number()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var employer = await harness.EmployerAsync("U0001");
        await harness.RegisterInsuredAsync(employer, [("R1", "0000012")]);
        string Row(string type, string action, string employeeId, string number) =>
            $"{type},{action},{employer},{employeeId},{number},山田 花子,ヤマダ ハナコ,1987-06-01,2,{(type == "dependant" ? "spouse" : "")},{TestFiles.NewMyNumber()},2026-11-01,none";
        var header = "record_type,action,employer_code,employee_id,insured_number,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,card_state";
        var rows = new[]
        {
            Row("dependant", "add", "R1", "12"),
            Row("dependant", "add", "R1", "13"),
            Row("dependant", "add", "R2", ""),
            Row("insured", "update", "R1", ""),
            Row("insured", "update", "R9", ""),
        };
        var few = string.Join("\r\n", [header, .. rows]);
        // Past 256 employee ids the roster is scanned instead of read id by id: the verdicts must not change.
        var many = few + "\r\n" + string.Join("\r\n", Enumerable.Range(0, 300).Select(i =>
            $"insured,enroll,{employer},N{i},,山田 太郎,ヤマダ タロウ,1985-04-01,1,,{TestFiles.NewMyNumber()},2026-11-01,none"));
        foreach (var (name, text) in new[] { ("few.csv", few), ("many.csv", many) })
        {
            var id = await harness.UploadAsync(employer, name, TestFiles.Utf8(text));
            await harness.IngestAsync(employer, name);
            var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id))).RootElement;
            var verdicts = report.GetProperty("rows").EnumerateArray().Take(5)
                .Select(r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).FirstOrDefault() ?? "ok").ToList();
            Assert.Equal(["ok", SubmissionErrorCodes.UnknownInsured, SubmissionErrorCodes.UnknownInsured, "ok", SubmissionErrorCodes.UnknownInsured], verdicts);
            if (name == "many.csv") Assert.Equal(305, report.GetProperty("counts").GetProperty("rows").GetInt32());
        }
    }

    [Fact]
    public async Task Chunks_fan_out_only_staged_rows_and_the_upload_goes_after_the_last_chunk()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today, new IngestionSettings { ChunkRows = 2 });
        var employer = await harness.EmployerAsync("F0001");
        var id = await harness.UploadAsync(employer, "a.csv", File(employer, 5));
        var outcome = await harness.IngestAsync(employer, "a.csv");
        Assert.Equal(3, outcome.Chunks.Count);

        var first = await harness.FanOut.FanOutAsync(outcome.Chunks[0], 1, CancellationToken.None);
        Assert.Equal([2, 3], first.Select(r => r.RowNumber));
        var duplicate = await harness.FanOut.FanOutAsync(outcome.Chunks[0], 99, CancellationToken.None);
        Assert.Equal(first, duplicate); // same requests, same operation ids: RegisterMember dedupes them
        await harness.FanOut.FanOutAsync(outcome.Chunks[1], 2, CancellationToken.None);
        Assert.True(await harness.UploadExistsAsync(employer, "a.csv"));
        Assert.Equal([3], (await harness.IngestAsync(employer, "a.csv")).Chunks.Select(c => c.Chunk)); // a retry re-sends only what did not arrive

        // A row registered meanwhile is not asked for again.
        var table = harness.Services.Storage.Table(HubStorage.Tables.StagedRows);
        var row6 = (await table.GetEntityAsync<StagedRow>(id, StagedRow.KeyFor(6))).Value;
        row6.Status = StagedRowStatus.Registered;
        await table.UpdateEntityAsync(row6, row6.ETag, TableUpdateMode.Replace);
        Assert.Empty(await harness.FanOut.FanOutAsync(outcome.Chunks[2], 3, CancellationToken.None));
        Assert.False(await harness.UploadExistsAsync(employer, "a.csv"));
        Assert.NotNull((await harness.Store.FindAsync(id))!.DisposedAt);
    }

    [Fact]
    public async Task The_last_attempt_leaves_a_failed_report_and_keeps_the_upload()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today, new IngestionSettings { MaxAttempts = 2, Fault = new IngestionFault(IngestionStep.Stage, 2, false) });
        var employer = await harness.EmployerAsync("P0001");
        var content = File(employer, 2);
        var id = await harness.UploadAsync(employer, "a.csv", content);
        await Assert.ThrowsAsync<InjectedFaultException>(() => harness.IngestAsync(employer, "a.csv"));
        Assert.Equal(SubmissionStatus.Processing, (await harness.Store.FindAsync(id))!.Status);
        await Assert.ThrowsAsync<InjectedFaultException>(() => harness.IngestAsync(employer, "a.csv"));

        var submission = (await harness.Store.FindAsync(id))!;
        Assert.Equal((SubmissionStatus.Failed, SubmissionErrorCodes.ProcessingFailed), (submission.Status, submission.ErrorCodes));
        var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id))).RootElement;
        Assert.Equal("failed", report.GetProperty("status").GetString());
        var error = report.GetProperty("errors")[0];
        Assert.Equal(SubmissionErrorCodes.ProcessingFailed, error.GetProperty("code").GetString());
        Assert.Contains(id, error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"処理失敗\",\"\",\"PROCESSING_FAILED\"", await harness.ResultTextAsync(ResultReportWriter.CsvPath(employer, id)), StringComparison.Ordinal);
        Assert.True(await harness.UploadExistsAsync(employer, "a.csv"));
        Assert.Equal(SubmissionStatus.Failed, (await harness.IngestAsync(employer, "a.csv")).Result);

        // Uploading the same file again (the fault gone) is processed, not deduplicated against the failure.
        await harness.UploadAsync(employer, "b.csv", content);
        var outcome = await new SubmissionIngestion(harness.Services, new IngestionSettings()).IngestAsync(employer, "b.csv", CancellationToken.None);
        Assert.Equal(SubmissionStatus.Completed, outcome.Result);
    }

    [Theory]
    [InlineData("bell\u0007.csv")]
    [InlineData("tab\tname.csv")]
    public async Task A_name_with_control_characters_is_quarantined_unread_and_deleted(string fileName)
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today);
        var employer = await harness.EmployerAsync("K0001");
        var content = File(employer, 1);
        await harness.UploadAsync(employer, fileName, content);

        var outcome = await harness.IngestAsync(employer, fileName);

        Assert.Equal(("quarantined", 0, 0), (outcome.Result, outcome.Chunks.Count, outcome.Dispatches.Count));
        Assert.False(await harness.UploadExistsAsync(employer, fileName));
        var quarantine = harness.Services.Storage.Container(HubStorage.Containers.Quarantine);
        var report = JsonDocument.Parse((await quarantine.GetBlobClient($"{employer}/{outcome.SubmissionId}.json").DownloadContentAsync()).Value.Content.ToMemory()).RootElement;
        Assert.Equal(SubmissionErrorCodes.FileNameInvalid, report.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.DoesNotContain(report.GetProperty("fileName").GetString()!, char.IsControl);
        Assert.Equal(content, (await quarantine.GetBlobClient($"{employer}/{outcome.SubmissionId}.upload").DownloadContentAsync()).Value.Content.ToArray());
        await foreach (var _ in harness.Store.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"EmployerCode eq {employer}")))
            Assert.Fail("a submission was recorded for a quarantined upload");
    }

    [Fact]
    public async Task The_report_is_committed_whole_so_a_crash_mid_report_leaves_the_previous_version()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, Today, new IngestionSettings { Fault = new IngestionFault(IngestionStep.Stage, 1, false) });
        var employer = await harness.EmployerAsync("W0001");
        var id = await harness.UploadAsync(employer, "a.csv", File(employer, 3));
        await Assert.ThrowsAsync<InjectedFaultException>(() => harness.IngestAsync(employer, "a.csv"));
        var results = harness.Services.Storage.Container(HubStorage.Containers.Results);
        Assert.False((await results.GetBlobClient(ResultReportWriter.JsonPath(employer, id)).ExistsAsync()).Value);
        Assert.False((await results.GetBlobClient(ResultReportWriter.CsvPath(employer, id)).ExistsAsync()).Value);
        await harness.IngestAsync(employer, "a.csv");
        Assert.True((await results.GetBlobClient(ResultReportWriter.JsonPath(employer, id)).ExistsAsync()).Value);
    }
}
