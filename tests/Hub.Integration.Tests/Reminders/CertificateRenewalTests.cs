using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Reminders;

/// <summary>A 資格確認書 nearing its 有効期限: renewed when still needed, otherwise a reminder (and letter) to switch to マイナ保険証.</summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class CertificateRenewalTests(ReminderStorageFixture fixture)
{
    private static readonly DateOnly Registered = new(2026, 11, 21);

    [Fact]
    public async Task A_certificate_still_needed_is_renewed_60_days_before_it_ends()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var id = await ctx.RegisterAsync(NoCard(ctx.Employer, "K1"));
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, 1), (member.CertificateStatus, member.CertificateCount));
        var validUntil = member.CertificateValidUntil!.Value;
        var due = validUntil.AddDays(-60);
        Assert.Equal(due, member.NextActionDate);

        ctx.Clock.SetDay(due);
        var run = await ctx.SweepAsync(ReminderKind.Expiry);
        var sent = Assert.Single(run.Sent);
        Assert.Equal((ReminderReason.CertificateExpiring, ReminderAction.RenewCertificate, null), (sent.Reason, sent.Action, sent.LetterBlob));
        var request = Assert.Single(run.CertificateRequests);
        Assert.True(request.Renew);
        await ctx.RunFollowUpsAsync(new StepOutputs { Certificates = [request] });
        member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, 2, due), (member.CertificateStatus, member.CertificateCount, member.CertificateIssuedOn));
        Assert.True(member.CertificateValidUntil > validUntil);
    }

    [Fact]
    public async Task A_certificate_no_longer_needed_gets_a_reminder_and_a_letter_instead_of_a_renewal()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var record = NoCard(ctx.Employer, "K2");
        var id = await ctx.RegisterAsync(record);
        var validUntil = (await ctx.MemberAsync(id)).CertificateValidUntil!.Value;
        // Later the member registers a card for insurance use, valid well beyond the certificate.
        ctx.Clock.SetDay(new DateOnly(2027, 6, 1));
        await ctx.RegisterAsync(record with
        {
            Action = SubmissionAction.Update, RowNumber = 5, CardState = CardState.Registered,
            CardExpiryDate = new DateOnly(2036, 6, 15), EcertExpiryDate = new DateOnly(2032, 6, 15),
        });

        ctx.Clock.SetDay(validUntil.AddDays(-60));
        var run = await ctx.SweepAsync();
        var sent = Assert.Single(run.Sent);
        Assert.Equal((ReminderReason.CertificateExpiring, ReminderAction.Notify), (sent.Reason, sent.Action));
        Assert.Empty(run.CertificateRequests);
        Assert.NotNull(sent.LetterBlob);
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Equal(ReminderKeys.Iso(validUntil), e.Data["deadline"]!.GetValue<string>());
        var letter = Members.PdfText.Flat(await ctx.DownloadAsync(sent.LetterBlob!));
        Assert.Contains("資格確認書の有効期限のお知らせ", letter);
    }

    private static SubmissionRecord NoCard(string employer, string employeeId) =>
        ReminderMembers.Insured(employer, employeeId, new DateOnly(2030, 1, 1)) with
        {
            CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null,
        };
}
