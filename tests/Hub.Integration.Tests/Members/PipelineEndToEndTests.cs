using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Storage.Queues;

namespace Hub.Integration.Tests.Members;

/// <summary>The member pipeline end to end through the local Functions host: final states, PDFs, events.</summary>
public sealed class PipelineEndToEndTests(PipelineRunFixture run) : IClassFixture<PipelineRunFixture>
{
    [Fact]
    public async Task Every_row_ends_in_a_final_explainable_state_without_failed_invocations()
    {
        Assert.All(run.App.Host.Invocations, i => Assert.True(i.Succeeded, $"{i.Function} failed: {i.Error}"));
        var today = PipelineRunFixture.Today;
        var members = new List<Member>();
        await foreach (var m in run.Pipeline.Store.ListAsync(run.Employer)) members.Add(m);
        Assert.Equal(8, members.Count);

        async Task<Member> Of(string name) => members.Single(m => m.MemberId == run.MemberIdOf(name).Result);
        var a = await Of("A");
        Assert.Equal("settled", MemberReport.StateOf(a, today));
        Assert.Equal(2, a.NoticeIssuedVersion); // the name change reissued it
        Assert.Equal("山田 太朗", a.NameKanji);
        Assert.Equal(CertificateStatuses.NotRequired, a.CertificateStatus);
        Assert.Equal("RegisteredValid", a.CertificateReason);
        Assert.Contains("2029年4月12日", a.CertificateExplanationJa);

        var b = await Of("B");
        Assert.Equal((CertificateStatuses.Issued, "NoCard"), (b.CertificateStatus, b.CertificateReason));
        var child = await Of("B-child");
        Assert.Equal((CertificateStatuses.Issued, "NoMyNumber"), (child.CertificateStatus, child.CertificateReason));
        var spouse = await Of("B-spouse");
        Assert.Equal(CertificateStatuses.NotRequired, spouse.CertificateStatus);
        // Both dependants share B's 番号; registered concurrently, they get 01 and 02 in whichever order they were processed.
        Assert.Equal([b.InsuredNumber, b.InsuredNumber], new[] { child.InsuredNumber, spouse.InsuredNumber });
        Assert.Equal(["01", "02"], new[] { child.BranchNumber, spouse.BranchNumber }.Order());
        var c = await Of("C");
        Assert.Equal((CertificateStatuses.Issued, "NotRegistered"), (c.CertificateStatus, c.CertificateReason));
        Assert.Equal(new DateOnly(2028, 6, 14), c.CertificateValidUntil); // cut short the day before the 75th birthday
        var e = await Of("E");
        Assert.Equal("withdrawn", MemberReport.StateOf(e, today));
        Assert.Equal(today.AddDays(730), e.MyNumberDeletionDueOn);
        Assert.All(members.Where(m => m.IsInsuredOn(today)), m => Assert.Equal("settled", MemberReport.StateOf(m, today)));

        // The uploaded file: both rows registered, the child in the insured person's household.
        var f = members.Single(m => m.EmployeeId == "E006" && m.Role == RecordType.Insured);
        var g = members.Single(m => m.EmployeeId == "E006" && m.Role == RecordType.Dependant);
        Assert.Equal((f.MemberId, f.InsuredNumber, "01"), (g.InsuredMemberId, g.InsuredNumber, g.BranchNumber));
        Assert.Equal((CertificateStatuses.NotRequired, CertificateStatuses.Issued), (f.CertificateStatus, g.CertificateStatus));

        var d = await run.Pipeline.FindStagedRowAsync(run.Rows["D"].SubmissionId, run.Rows["D"].RowNumber);
        Assert.Equal((StagedRowStatus.Rejected, SubmissionErrorCodes.MyNumberBelongsToOtherMember), (d!.Status, d.RejectionCode));
        foreach (var name in run.Rows.Keys.Where(n => n != "D"))
            Assert.Equal(StagedRowStatus.Registered, (await run.Pipeline.FindStagedRowAsync(run.Rows[name].SubmissionId, run.Rows[name].RowNumber))!.Status);

        var timeline = (await run.Pipeline.Store.TimelineAsync(a.MemberId)).Select(t => t.Kind).ToList();
        Assert.Equal([TimelineKinds.Received, TimelineKinds.Registered, TimelineKinds.NoticeIssued, TimelineKinds.CertificateNotRequired,
            TimelineKinds.Received, TimelineKinds.Updated, TimelineKinds.NoticeIssued, TimelineKinds.CertificateNotRequired], timeline);
        var events = await run.Pipeline.Store.EventsAsync(a.MemberId);
        Assert.Equal([EventTypes.MemberRegistered, EventTypes.NoticeIssued, EventTypes.CertificateNotRequired,
            EventTypes.MemberRegistered, EventTypes.NoticeIssued, EventTypes.CertificateNotRequired], events.Select(x => x.Type));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), events.Select(x => x.Sequence));
        Assert.Equal($"notices/{run.Employer}/{a.MemberId}/{a.NoticeId}.pdf", events[4].Data["noticeBlob"]!.GetValue<string>());

        var deadLetters = run.Bus.QueueAsync("member-registration-deadletter", CancellationToken.None);
        Assert.Equal(0, (await (await deadLetters).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_notice_shows_every_printed_field_and_only_the_last_four_digits()
    {
        var a = (await run.Pipeline.Store.FindAsync(await run.MemberIdOf("A")))!;
        var text = PdfText.Flat(await DownloadAsync(a.NoticeBlob!));
        var number = run.Records["A"].MyNumber!.Value;
        foreach (var field in new[]
                 {
                     "資格情報のお知らせ", "記号", run.Employer, "番号", a.InsuredNumber, "枝番", "00", "氏名", "山田 太朗", "フリガナ", "ヤマダ タロウ",
                     "生年月日", "昭和60年4月12日", "性別", "男性", "本人（被保険者）", "資格取得年月日", "令和8年10月1日",
                     "保険者番号", "06130017", "保険者名", "みらい健康保険組合", "このお知らせのみでは受診できません",
                     $"＊＊＊＊ ＊＊＊＊ {number.Last4}", "マイナポータル", "交付年月日 令和8年11月21日", a.NoticeId!,
                 })
            Assert.Contains(field, text);
        Assert.DoesNotContain(number.RevealDigits()[..8], text);

        var child = (await run.Pipeline.Store.FindAsync(await run.MemberIdOf("B-child")))!;
        var childText = PdfText.Flat(await DownloadAsync(child.NoticeBlob!));
        Assert.Contains("家族（被扶養者）", childText);
        Assert.Contains("記載していません", childText);
        Assert.DoesNotContain("＊＊＊＊ ＊＊＊＊", childText);
    }

    [Fact]
    public async Task The_certificate_shows_every_printed_field_including_the_copay_ratio_for_ages_70_to_74()
    {
        // C reported a ratio effective 2024-08-01 but joined on 2026-10-01: here it takes effect from the 資格取得年月日.
        var c = (await run.Pipeline.Store.FindAsync(await run.MemberIdOf("C")))!;
        var text = PdfText.Flat(await DownloadAsync(c.CertificateBlob!));
        foreach (var field in new[]
                 {
                     "資格確認書", "記号", run.Employer, "番号", c.InsuredNumber, "枝番", "00", "氏名", "高齢 一郎", "コウレイ イチロウ",
                     "生年月日", "昭和28年6月15日", "性別", "男性", "資格取得年月日", "令和8年10月1日",
                     "一部負担金の割合", "2割（発効期日 令和8年10月1日）", "交付年月日", "令和8年11月21日", "有効期限", "令和10年6月14日",
                     "保険者番号", "06130017", "保険者名称", "みらい健康保険組合", "所在地", "〒100-0005", "東京都千代田区丸の内一丁目1番1号", "03-0000-0000",
                 })
            Assert.Contains(field, text);
        Assert.Equal("postcard", c.CertificateLayout);

        var b = (await run.Pipeline.Store.FindAsync(await run.MemberIdOf("B")))!;
        var bText = PdfText.Flat(await DownloadAsync(b.CertificateBlob!));
        Assert.Contains("佐藤 花子", bText);
        Assert.Contains("女性", bText);
        Assert.DoesNotContain("一部負担金の割合", bText);
    }

    [Fact]
    public async Task No_clear_my_number_appears_in_any_blob_table_property_queue_message_log_or_event()
    {
        var leaks = new List<string>();
        void Check(string where, string text)
        {
            foreach (var n in run.Numbers)
            {
                var d = n.RevealDigits();
                foreach (var form in new[] { d, $"{d[..4]}-{d[4..8]}-{d[8..]}", $"{d[..4]} {d[4..8]} {d[8..]}" })
                    if (text.Contains(form, StringComparison.Ordinal)) leaks.Add($"{where} (…{n.Last4})");
            }
        }

        var storage = run.App.Services.Storage;
        var pdfs = 0;
        foreach (var container in HubStorage.Containers.All)
            await foreach (var blob in storage.Container(container).GetBlobsAsync())
            {
                var bytes = (await storage.Container(container).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                Check($"{container}/{blob.Name}", System.Text.Encoding.Latin1.GetString(bytes));
                if (blob.Name.EndsWith(".pdf", StringComparison.Ordinal))
                {
                    pdfs++;
                    Check($"{container}/{blob.Name} (text)", PdfText.Extract(bytes));
                }
            }
        Assert.True(pdfs >= 12, $"expected the run's notices and certificates, found {pdfs} PDFs");
        var reports = 0;
        await foreach (var _ in storage.Container(HubStorage.Containers.Results).GetBlobsAsync()) reports++;
        Assert.True(reports >= 1, "the uploaded file's result report is part of the scan");

        var ciphertexts = 0;
        foreach (var table in HubStorage.Tables.All)
            await foreach (var entity in storage.Table(table).QueryAsync<Hub.Storage.Tables.TableEntity>())
                foreach (var (name, value) in entity)
                {
                    if (value is null) continue;
                    if (name == nameof(Member.ProtectedMyNumber))
                    {
                        Assert.StartsWith("mn1.", value.ToString());
                        ciphertexts++;
                        continue;
                    }
                    Check($"{table}/{entity.PartitionKey}/{entity.RowKey}.{name}", value.ToString()!);
                    Check($"{table}/{entity.PartitionKey}/{entity.RowKey} keys", entity.PartitionKey + entity.RowKey);
                }
        Assert.Equal(7, ciphertexts); // A, the spouse, B, C, E (kept until its deletion date), F and G; D's was never stored, the child has none

        var queues = run.App.Account.CreateQueueServiceClient();
        await foreach (var item in queues.GetQueuesAsync())
        {
            var peeked = (await queues.GetQueueClient(item.Name).PeekMessagesAsync(32)).Value;
            foreach (var m in peeked) Check($"queue {item.Name}", m.MessageText + m.Body.ToString());
        }
        Check("host log", run.App.HostLog);
        Check("handler log", run.App.HandlerLog);
        Assert.Contains("RegisterMember", run.App.HostLog);
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task Redelivering_every_message_type_creates_no_member_number_pdf_or_event_and_re_emits_the_committed_dispatches()
    {
        var storage = run.App.Services.Storage;
        var before = await SnapshotAsync();
        var webhooks = await run.Bus.QueueAsync("webhook-delivery", CancellationToken.None);
        var dispatchesBefore = (await webhooks.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        var aId = await run.MemberIdOf("A");
        var bId = await run.MemberIdOf("B");
        await run.SendAsync("member-registration", run.Rows["A"]);
        await run.SendAsync("member-registration", run.Rows["B-child"]);
        await run.SendAsync("member-registration", run.Rows["D"]);
        await run.SendAsync("notice-generation", new NoticeRequest(bId, run.Employer, 1));
        await run.SendAsync("certificate-issuance", new CertificateRequest(bId, run.Employer, $"notice:{bId}:v1", IssuanceReasons.Notice));
        await run.SendAsync("certificate-issuance", new CertificateRequest(aId, run.Employer, $"notice:{aId}:v2", IssuanceReasons.Notice));
        await run.App.RunUntilIdleAsync(TimeSpan.FromMinutes(2));

        var after = await SnapshotAsync();
        Assert.Equal(before.Entities, after.Entities);
        Assert.Equal(before.Blobs, after.Blobs);
        Assert.All(run.App.Host.Invocations, i => Assert.True(i.Succeeded, $"{i.Function} failed: {i.Error}"));

        var dispatched = new List<EventDispatch>();
        var received = new List<Hub.Storage.Queues.QueueMessage>();
        while ((await webhooks.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(2))).Value is { Length: > 0 } batch) received.AddRange(batch);
        foreach (var m in received)
        {
            dispatched.Add(System.Text.Json.JsonSerializer.Deserialize<EventDispatch>(Hub.LocalHost.Triggers.LocalServiceBus.Parse(m).Body,
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!);
            await webhooks.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero); // visible again for other readers
        }
        Assert.True(dispatched.Count > dispatchesBefore, "the redeliveries re-emit dispatches");
        foreach (var d in dispatched)
            Assert.NotNull(await EventOutbox.LoadAsync(storage.Table(d.Table), d)); // every dispatch points at a committed event
        var distinctAfter = dispatched.Select(d => d.EventId).Distinct().Count();
        Assert.Equal(before.EventCount, distinctAfter);
    }

    private async Task<(string Entities, string Blobs, int EventCount)> SnapshotAsync()
    {
        var storage = run.App.Services.Storage;
        var entities = new List<string>();
        var events = 0;
        // The member pipeline's state, entity by entity with its version; events counted wherever they are stored.
        var pipelineTables = new[] { HubStorage.Tables.Members, HubStorage.Tables.MyNumberIndex, HubStorage.Tables.Counters, HubStorage.Tables.StagedRows, HubStorage.Tables.ActionIndex };
        foreach (var table in HubStorage.Tables.All)
            await foreach (var e in storage.Table(table).QueryAsync<Hub.Storage.Tables.TableEntity>())
            {
                if (pipelineTables.Contains(table)) entities.Add($"{table}/{e.PartitionKey}/{e.RowKey}/{e.ETag}");
                if (e.RowKey.StartsWith(EventOutbox.RowKeyPrefix, StringComparison.Ordinal)) events++;
            }
        var blobs = new List<string>();
        foreach (var container in new[] { HubStorage.Containers.Notices, HubStorage.Containers.Certificates })
            await foreach (var b in storage.Container(container).GetBlobsAsync())
                blobs.Add($"{container}/{b.Name}/{b.Properties.ETag}");
        entities.Sort(StringComparer.Ordinal);
        blobs.Sort(StringComparer.Ordinal);
        return (string.Join('\n', entities), string.Join('\n', blobs), events);
    }

    private async Task<byte[]> DownloadAsync(string path)
    {
        var slash = path.IndexOf('/');
        var content = await run.App.Services.Storage.Container(path[..slash]).GetBlobClient(path[(slash + 1)..]).DownloadContentAsync();
        return content.Value.Content.ToArray();
    }
}
