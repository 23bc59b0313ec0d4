using System.Text;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Domain.Submissions;
using Hub.Integration.Tests.Members;

namespace Hub.Integration.Tests.Reminders;

/// <summary>
/// A 資格確認書 that ends because the member leaves the society — at the 75th birthday (後期高齢者医療) or on a known
/// 資格喪失日 — is not renewed and asks nothing of the member: no letter, 本人の手続き 不要, <c>memberMustAct: false</c>.
/// </summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class LeavingTheSocietyTests(ReminderStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task A_certificate_cut_short_at_the_75th_birthday_gets_an_information_only_reminder_without_a_letter()
    {
        var ctx = await fixture.CreateAsync(Today);
        // The reviewer's member: born 1952-01-20, no My Number card.
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "L75", new DateOnly(2030, 1, 1)) with
        {
            BirthDate = new DateOnly(1952, 1, 20), CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null,
            CopayRatio = CopayRatio.TwentyPercent, CopayEffectiveDate = new DateOnly(2026, 11, 1),
        });
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, new DateOnly(2027, 1, 19)), (member.CertificateStatus, member.CertificateValidUntil));
        Assert.Equal(Today, member.NextActionDate); // the 60-day window opened yesterday

        var run = await ctx.SweepAsync(ReminderKind.Expiry);

        var sent = Assert.Single(run.Sent);
        Assert.Equal((ReminderReason.CertificateExpiring, ReminderAction.Notify, null, null, null),
            (sent.Reason, sent.Action, sent.Deadline, sent.LetterBlob, sent.LetterError));
        Assert.Empty(run.CertificateRequests);
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.False(e.Data["memberMustAct"]!.GetValue<bool>());
        Assert.Null(e.Data["deadline"]);
        Assert.Null(e.Data["letterBlob"]);
        var message = e.Data["message_ja"]!.GetValue<string>();
        Assert.Contains("2027年1月20日（75歳の誕生日）から後期高齢者医療制度の被保険者となるため、当組合の資格確認書は更新しません。当組合へのお手続きは不要です。", message);
        Assert.DoesNotContain("マイナ保険証", message);
        Assert.DoesNotContain("申請", message);

        var line = CsvLine(await ctx.CsvAsync(Today), id);
        Assert.Equal(["資格確認書の有効期限が近づいています", "不要", "", "2027-01-19", "資格確認書の有効期限", "お知らせのみ"], line[7..13]);
        Assert.Equal(message, line[13]);
        Assert.Equal(["", "CertificateExpiring", "2026-11-20"], line[14..17]);

        var timeline = (await ctx.Pipeline.Store.TimelineAsync(id)).Last(t => t.Kind == ReminderEvents.TimelineKind);
        Assert.Contains("本人の手続き不要、通知基準日 2026-11-20", timeline.SummaryJa);
        Assert.DoesNotContain("期日", timeline.SummaryJa);
    }

    [Fact]
    public async Task A_certificate_outlasting_a_reported_loss_date_is_not_renewed_and_the_member_is_told_it_stops_serving()
    {
        var ctx = await fixture.CreateAsync(Today);
        var record = ReminderMembers.Insured(ctx.Employer, "LQL", new DateOnly(2030, 1, 1)) with
        {
            CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null,
        };
        var id = await ctx.RegisterAsync(record);
        var validUntil = (await ctx.MemberAsync(id)).CertificateValidUntil!.Value;
        // Years later the employer reports the member leaving shortly before the certificate's end.
        var due = validUntil.AddDays(-60);
        ctx.Clock.SetDay(due.AddDays(-10));
        var lossDate = validUntil.AddDays(-20);
        await ctx.RegisterAsync(MemberTestData.Withdraw(record, lossDate, row: 7));
        Assert.Equal(due, (await ctx.MemberAsync(id)).NextActionDate);

        ctx.Clock.SetDay(due);
        var sent = Assert.Single((await ctx.SweepAsync()).Sent);

        Assert.Equal((ReminderReason.CertificateExpiring, ReminderAction.Notify, null), (sent.Reason, sent.Action, sent.LetterBlob));
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.False(e.Data["memberMustAct"]!.GetValue<bool>());
        Assert.Contains($"{lossDate.Year}年{lossDate.Month}月{lossDate.Day}日以降は、この資格確認書では受診できません", e.Data["message_ja"]!.GetValue<string>());
        Assert.Contains("資格確認書は更新しません", e.Data["message_ja"]!.GetValue<string>());
        Assert.Equal("不要", CsvLine(await ctx.CsvAsync(due), id)[8]);

        // From the loss date on, nothing more is sent.
        ctx.Clock.SetDay(lossDate);
        Assert.Empty((await ctx.SweepAsync()).Sent);
    }

    private static string[] CsvLine(byte[]? csv, string memberId)
    {
        Assert.NotNull(csv);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ReminderOutbox.Headers.Count, lines[0].Split("\",\"").Length);
        var line = Assert.Single(lines, l => l.Contains($"\"{memberId}\"", StringComparison.Ordinal));
        // The cells of these members hold no quotes or commas: split on the quoted separators.
        return line[1..^1].Split("\",\"");
    }
}
