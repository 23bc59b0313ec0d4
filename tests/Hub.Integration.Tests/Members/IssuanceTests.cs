using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Members;

/// <summary>GenerateNotice and IssueCertificate as services on real storage: reissues, decisions, held and renewed certificates.</summary>
[Collection(MemberStorageFixture.Collection.Name)]
public sealed class IssuanceTests(MemberStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task A_printed_change_reissues_the_notice_and_the_certificate_while_a_card_change_only_redecides()
    {
        var ctx = await fixture.CreateAsync(Today);
        var enrol = MemberTestData.Enroll(ctx.Employer, "I1", MemberTestData.NewMyNumber());
        var first = await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(enrol));
        var memberId = MemberIds.ForInsured(ctx.Employer, "I1");
        Assert.Equal([EventTypes.MemberRegistered, EventTypes.NoticeIssued, EventTypes.CertificateNotRequired], first.Dispatches.Select(d => d.EventType));

        var card = await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(MemberTestData.Update(enrol, 3) with { CardState = CardState.NotRegistered }));
        Assert.Empty(card.Notices);
        Assert.Equal([EventTypes.MemberRegistered, EventTypes.CertificateIssued], card.Dispatches.Select(d => d.EventType));
        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal((1, MemberIds.CertificateId(memberId, 1)), (member!.NoticeIssuedVersion, member.CertificateId));

        var rename = await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(MemberTestData.Update(enrol, 4) with { NameKanji = "山田 太朗" }));
        Assert.Equal([EventTypes.MemberRegistered, EventTypes.NoticeIssued, EventTypes.CertificateIssued], rename.Dispatches.Select(d => d.EventType));
        member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal((2, MemberIds.NoticeId(memberId, 2), MemberIds.CertificateId(memberId, 2)), (member!.NoticeIssuedVersion, member.NoticeId, member.CertificateId));
        var notice = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, rename.Dispatches[1]);
        Assert.True(notice!.Data["reissue"]!.GetValue<bool>());
        Assert.Contains("山田 太朗", PdfText.Flat(await DownloadAsync(ctx, member.NoticeBlob!)));
        Assert.Contains("山田 太朗", PdfText.Flat(await DownloadAsync(ctx, member.CertificateBlob!)));
        Assert.NotNull(member.SettledAt);

        // An update that changes nothing asks for nothing.
        var same = await ctx.RegisterAsync(MemberTestData.Update(enrol, 5) with { NameKanji = "山田 太朗" });
        Assert.Empty(same.Notices);
        Assert.Empty(same.Certificates);
        Assert.Equal(TimelineKinds.Unchanged, (await ctx.Pipeline.Store.TimelineAsync(memberId))[^1].Kind);
    }

    [Fact]
    public async Task A_held_certificate_is_not_issued_again_unless_renewed_and_the_a4_layout_can_be_requested()
    {
        var ctx = await fixture.CreateAsync(Today);
        var noCard = MemberTestData.Enroll(ctx.Employer, "I2", MemberTestData.NewMyNumber()) with { CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null };
        await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(noCard));
        var memberId = MemberIds.ForInsured(ctx.Employer, "I2");
        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal((CertificateStatuses.Issued, "NoCard", new DateOnly(2031, 10, 31)), (member!.CertificateStatus, member.CertificateReason, member.CertificateValidUntil));
        Assert.Equal("postcard", member.CertificateLayout);

        var held = await ctx.Pipeline.Certificates.IssueAsync(new CertificateRequest(memberId, ctx.Employer, "reminder:1", "GraceEnded"));
        Assert.Empty(held.Dispatches);
        Assert.Equal((CertificateStatuses.Held, MemberIds.CertificateId(memberId, 1)), ((await ctx.Pipeline.Store.FindAsync(memberId))!.CertificateStatus, (await ctx.Pipeline.Store.FindAsync(memberId))!.CertificateId));

        var renewed = await ctx.Pipeline.Certificates.IssueAsync(new CertificateRequest(memberId, ctx.Employer, "reminder:2", "CertificateExpiring", Renew: true, Layout: "a4"));
        var issued = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, Assert.Single(renewed.Dispatches));
        Assert.Equal(EventTypes.CertificateIssued, issued!.Type);
        Assert.Equal(("a4", "CertificateExpiring", "NoCard"), (issued.Data["layout"]!.GetValue<string>(), issued.Data["requestReason"]!.GetValue<string>(), issued.Data["reason"]!.GetValue<string>()));
        member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal(MemberIds.CertificateId(memberId, 2), member!.CertificateId);
        Assert.Equal($"certificates/{ctx.Employer}/{memberId}/{member.CertificateId}.pdf", issued.Data["certificateBlob"]!.GetValue<string>());
        var a4 = PdfText.Flat(await DownloadAsync(ctx, member.CertificateBlob!));
        Assert.Contains("あなたの健康保険の資格確認書をお送りします", a4);
        Assert.Contains("本人（被保険者）", a4);
        Assert.Contains(MemberIds.CertificateId(memberId, 2), a4);
        var blobs = new List<string>();
        await foreach (var b in ctx.Services.Storage.Container(HubStorage.Containers.Certificates).GetBlobsAsync(prefix: $"{ctx.Employer}/{memberId}/")) blobs.Add(b.Name);
        Assert.Equal(2, blobs.Count);
    }

    [Fact]
    public async Task The_grace_period_defers_the_certificate_and_its_end_brings_one_with_the_reason()
    {
        var ctx = await fixture.CreateAsync(Today);
        var expired = MemberTestData.Enroll(ctx.Employer, "I3", MemberTestData.NewMyNumber()) with { EcertExpiryDate = new DateOnly(2026, 8, 31) };
        await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(expired));
        var memberId = MemberIds.ForInsured(ctx.Employer, "I3");
        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal((CertificateStatuses.NotRequired, "InGracePeriod"), (member!.CertificateStatus, member.CertificateReason));
        Assert.Contains("2026年11月30日", member.CertificateExplanationJa);
        Assert.Equal(Today, member.NextActionDate); // a grace reminder is due: indexed for today's sweep
        Assert.Contains(await ctx.Pipeline.ActionIndex.OnAsync(Today), e => e.RowKey == memberId);

        ctx.Clock.SetDay(new DateOnly(2026, 12, 1));
        var outputs = await ctx.Pipeline.Certificates.IssueAsync(new CertificateRequest(memberId, ctx.Employer, "reminder:grace", "GraceEnded"));
        var e = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, Assert.Single(outputs.Dispatches));
        Assert.Equal((EventTypes.CertificateIssued, "ECertExpired", "GraceEnded"), (e!.Type, e.Data["reason"]!.GetValue<string>(), e.Data["requestReason"]!.GetValue<string>()));
        Assert.Contains("猶予期間", e.Data["explanation_ja"]!.GetValue<string>());
        member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal(new DateOnly(2026, 12, 1), member!.CertificateIssuedOn);
        Assert.NotEqual(Today, member.NextActionDate); // moved on to the certificate's renewal date
        Assert.DoesNotContain(await ctx.Pipeline.ActionIndex.OnAsync(Today), x => x.RowKey == memberId);
    }

    [Fact]
    public async Task An_application_is_honoured_urgently_whatever_the_card_state()
    {
        var ctx = await fixture.CreateAsync(Today);
        var applied = MemberTestData.Enroll(ctx.Employer, "I4", MemberTestData.NewMyNumber()) with
        {
            CertificateRequested = true, CertificateRequestReason = CertificateRequestReason.LostCard,
        };
        var outputs = await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(applied));
        var e = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, outputs.Dispatches.Single(d => d.EventType == EventTypes.CertificateIssued));
        Assert.Equal(("ApplicationLostCard", true), (e!.Data["reason"]!.GetValue<string>(), e.Data["urgent"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Data_that_cannot_be_printed_is_recorded_as_a_failure_and_the_member_still_settles()
    {
        var ctx = await fixture.CreateAsync(Today);
        var tooLong = MemberTestData.Enroll(ctx.Employer, "I5", MemberTestData.NewMyNumber()) with { NameKanji = new string('長', 41) };
        var outputs = await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(tooLong));
        var member = await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "I5"));
        Assert.StartsWith("DOC_INVALID_FIELD", member!.NoticeFailure);
        Assert.Null(member.NoticeId);
        Assert.Equal(CertificateStatuses.NotRequired, member.CertificateStatus);
        Assert.NotNull(member.SettledAt);
        Assert.Contains(TimelineKinds.NoticeFailed, (await ctx.Pipeline.Store.TimelineAsync(member.MemberId)).Select(t => t.Kind));
        Assert.DoesNotContain(outputs.Dispatches, d => d.EventType == EventTypes.NoticeIssued);
    }

    [Fact]
    public async Task A_fixed_validity_end_that_has_passed_fails_the_step_with_the_setting_named()
    {
        var ctx = await fixture.CreateAsync(Today, new Dictionary<string, string> { ["Hub__Certificates__ValidityPolicy"] = "fixed:2026-03-31" });
        var noCard = MemberTestData.Enroll(ctx.Employer, "I6", MemberTestData.NewMyNumber()) with { CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null };
        await ctx.RegisterAsync(noCard);
        var memberId = MemberIds.ForInsured(ctx.Employer, "I6");
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() =>
            ctx.Pipeline.Certificates.IssueAsync(new CertificateRequest(memberId, ctx.Employer, "x", IssuanceReasons.Registration)));
        Assert.Contains("Hub__Certificates__ValidityPolicy", error.Message);
        Assert.Null((await ctx.Pipeline.Store.FindAsync(memberId))!.CertificateStatus);
    }

    [Fact]
    public async Task Notice_and_certificate_pdfs_pass_qpdf_check()
    {
        var ctx = await fixture.CreateAsync(Today);
        var noCard = MemberTestData.Enroll(ctx.Employer, "I7", MemberTestData.NewMyNumber()) with { CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null };
        await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(noCard));
        var member = await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "I7"));
        foreach (var blob in new[] { member!.NoticeBlob!, member.CertificateBlob! })
        {
            var file = Path.Combine(Path.GetTempPath(), $"hub-qpdf-{Guid.NewGuid():N}.pdf");
            await File.WriteAllBytesAsync(file, await DownloadAsync(ctx, blob));
            try
            {
                using var qpdf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("qpdf", ["--check", file]) { RedirectStandardOutput = true })!;
                var output = await qpdf.StandardOutput.ReadToEndAsync();
                await qpdf.WaitForExitAsync();
                Assert.True(qpdf.ExitCode == 0, output);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<byte[]> DownloadAsync(MemberTestContext ctx, string path)
    {
        var slash = path.IndexOf('/');
        return (await ctx.Services.Storage.Container(path[..slash]).GetBlobClient(path[(slash + 1)..]).DownloadContentAsync()).Value.Content.ToArray();
    }
}
