using System.Text.Json;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// Names are limited at ingestion to what the documents print (氏名 40, フリガナ 60): a longer one is refused in the report
/// with a clear message, and the longest accepted one goes all the way through registration, the 資格情報のお知らせ and the
/// 資格確認書 — so no row the report accepted fails later with DOC_INVALID_FIELD.
/// </summary>
public sealed class PrintedFieldsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_longest_names_ingestion_accepts_are_printed_and_longer_ones_are_refused_with_the_reason()
    {
        var harness = await IngestionHarness.CreateAsync(azurite, new DateOnly(2026, 11, 21));
        var pipeline = new MemberPipeline(harness.Services);
        var employer = await harness.EmployerAsync("P0001");
        var longest = "長" + new string('名', 38) + "郎";               // 40
        var longestKana = "ナ" + new string('ガ', 58) + "イ";          // 60
        var id = await harness.UploadAsync(employer, "names.csv", TestFiles.Utf8(TestFiles.Csv(
            TestFiles.Insured(employer, "L1", name: longest, kana: longestKana, card: "none"),
            TestFiles.Insured(employer, "L2", name: longest + "子"),
            TestFiles.Insured(employer, "L3", kana: longestKana + "ア"),
            TestFiles.Insured(employer, "L4", name: "  " + longest + "　"))));  // surrounding spaces do not count
        var outcome = await harness.IngestAsync(employer, "names.csv");

        var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id))).RootElement;
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal(["accepted", "rejected", "rejected", "accepted"], rows.Values.Select(r => r.GetProperty("status").GetString()));
        foreach (var (row, field, max, length) in new[] { (3, "name_kanji", 40, 41), (4, "name_kana", 60, 61) })
        {
            var error = Assert.Single(rows[row].GetProperty("errors").EnumerateArray());
            Assert.Equal((SubmissionErrorCodes.FieldTooLong, field), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
            Assert.Contains($"{max}文字以内で入力してください（{length}文字あります）。資格情報のお知らせ・資格確認書に印字できる", error.GetProperty("message_ja").GetString(), StringComparison.Ordinal);
            Assert.Contains($"at most {max} characters (found {length})", error.GetProperty("message_en").GetString(), StringComparison.Ordinal);
        }

        // The accepted one is registered and both documents are rendered from it.
        var queue = new Queue<RegistrationRequest>(await harness.FanOutAsync(outcome));
        var notices = new Queue<NoticeRequest>();
        var certificates = new Queue<CertificateRequest>();
        while (queue.Count + notices.Count + certificates.Count > 0)
        {
            var next = queue.TryDequeue(out var r) ? await pipeline.Registration.RegisterAsync(r)
                : notices.TryDequeue(out var n) ? await pipeline.Notices.IssueAsync(n, "test")
                : await pipeline.Certificates.IssueAsync(certificates.Dequeue());
            foreach (var x in next.Registrations) queue.Enqueue(x);
            foreach (var x in next.Notices) notices.Enqueue(x);
            foreach (var x in next.Certificates) certificates.Enqueue(x);
        }

        var member = (await pipeline.Store.FindAsync(MemberIds.ForInsured(employer, "L1")))!;
        Assert.Equal((longest, longestKana), (member.NameKanji, member.NameKana));
        Assert.Null(member.NoticeFailure);
        Assert.NotNull(member.NoticeId);
        Assert.Equal(CertificateStatuses.Issued, member.CertificateStatus); // no card: a 資格確認書 with the 40-character name
        Assert.NotNull(member.CertificateId);
        Assert.Equal(longest, (await pipeline.Store.FindAsync(MemberIds.ForInsured(employer, "L4")))!.NameKanji);
    }
}
