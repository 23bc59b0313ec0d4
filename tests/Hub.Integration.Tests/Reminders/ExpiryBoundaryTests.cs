using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;

namespace Hub.Integration.Tests.Reminders;

/// <summary>
/// The sweep against real storage on the days the rules make interesting: month ends, a leap day, and Japan midnight
/// (15:00 UTC) — proving it asks the rules with Japan's "today" and finds members through their index entries.
/// </summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class ExpiryBoundaryTests(ReminderStorageFixture fixture)
{
    [Fact]
    public async Task A_member_is_reminded_through_expiry_grace_and_hand_off_on_the_Japan_days_the_rules_give()
    {
        // e-certificate expires 2026-11-30: grace to 2027-02-28 (end of the month three months later).
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "G1", new DateOnly(2026, 11, 30)));
        Assert.Equal(new DateOnly(2026, 11, 21), (await ctx.MemberAsync(id)).NextActionDate); // a window is already open

        // Registered inside both windows: one reminder, the latest window (30 days: due 2026-10-31), not a burst.
        var first = await ctx.SweepAsync(ReminderKind.Expiry);
        var sent = Assert.Single(first.Sent);
        Assert.Equal((ReminderReason.ECertExpiring, new DateOnly(2026, 10, 31)), (sent.Reason, sent.DueDate));
        Assert.Equal(new DateOnly(2026, 12, 1), (await ctx.MemberAsync(id)).NextActionDate);
        Assert.Equal(["20261201"], await ctx.IndexDatesAsync(id));

        // 23:59:59 in Japan on 2026-11-30 is 14:59:59 UTC: still the last day of validity, nothing is due.
        ctx.Clock.SetUtc(new DateTimeOffset(2026, 11, 30, 14, 59, 59, TimeSpan.Zero));
        var beforeMidnight = await ctx.SweepAsync(ReminderKind.Expiry);
        Assert.Equal((0, 0), (beforeMidnight.IndexEntriesRead, beforeMidnight.Sent.Count));

        // 15:00 UTC is 00:00 on 2026-12-01 in Japan — the first grace day — although UTC still says 11-30.
        ctx.Clock.SetUtc(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
        var graceStart = await ctx.SweepAsync(ReminderKind.Expiry);
        Assert.Equal(new DateOnly(2026, 12, 1), graceStart.Today);
        sent = Assert.Single(graceStart.Sent);
        Assert.Equal((ReminderReason.InGracePeriod, new DateOnly(2026, 12, 1)), (sent.Reason, sent.DueDate));
        var e = (await ctx.ReminderEventsAsync(id)).Last();
        Assert.Equal("2027-02-28", e.Data["eventDate"]!.GetValue<string>());
        Assert.Contains("2027年2月28日まではマイナ保険証として利用できます", e.Data["message_ja"]!.GetValue<string>());
        Assert.Equal("2027-02-28", e.Data["deadline"]!.GetValue<string>());
        // 30 days before the grace end (2027-02-28 − 30 = 2027-01-29) comes next.
        Assert.Equal(new DateOnly(2027, 1, 29), (await ctx.MemberAsync(id)).NextActionDate);

        ctx.Clock.SetDay(new DateOnly(2027, 1, 28));
        Assert.Empty((await ctx.SweepAsync(ReminderKind.Expiry)).Sent);
        ctx.Clock.SetDay(new DateOnly(2027, 1, 29));
        sent = Assert.Single((await ctx.SweepAsync(ReminderKind.Expiry)).Sent);
        Assert.Equal((ReminderReason.InGracePeriod, new DateOnly(2027, 1, 29)), (sent.Reason, sent.DueDate));
        Assert.Equal(new DateOnly(2027, 3, 1), (await ctx.MemberAsync(id)).NextActionDate);

        // The grace period's last day (February has 28 days in 2027): no hand-off yet, at any hour of it.
        ctx.Clock.SetJapan(new DateOnly(2027, 2, 28), new TimeOnly(23, 59, 59));
        Assert.Equal(0, (await ctx.SweepAsync(ReminderKind.Expiry)).IndexEntriesRead);

        // 2027-03-01 00:00 in Japan (2027-02-28 15:00 UTC): grace over → hand-off to certificate issuance.
        ctx.Clock.SetUtc(new DateTimeOffset(2027, 2, 28, 15, 0, 0, TimeSpan.Zero));
        var handOff = await ctx.SweepAsync(ReminderKind.Expiry);
        sent = Assert.Single(handOff.Sent);
        Assert.Equal((ReminderReason.GraceEnded, new DateOnly(2027, 3, 1), ReminderAction.IssueCertificate), (sent.Reason, sent.DueDate, sent.Action));
        Assert.Null(sent.LetterBlob); // the certificate is the document; nothing is asked of the member
        var request = Assert.Single(handOff.CertificateRequests);
        Assert.Equal(new CertificateRequest(id, ctx.Employer, $"reminder:{id}:GraceEnded:2027-03-01", "GraceEnded"), request);
        var member = await ctx.MemberAsync(id);
        Assert.Equal(request.RequestId, member.PendingCertificateRequest);
        Assert.Null(member.SettledAt);

        await ctx.RunFollowUpsAsync(new StepOutputs { Certificates = [request] });
        member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, "ECertExpired"), (member.CertificateStatus, member.CertificateReason));
        Assert.Equal(new DateOnly(2027, 3, 1), member.CertificateIssuedOn);
        Assert.Null(member.PendingCertificateRequest);
        Assert.NotNull(member.SettledAt);

        Assert.Equal(
            [("ECertExpiring", "2026-10-31"), ("InGracePeriod", "2026-12-01"), ("InGracePeriod", "2027-01-29"), ("GraceEnded", "2027-03-01")],
            (await ctx.ReminderEventsAsync(id)).Select(x => (x.Data["reason"]!.GetValue<string>(), x.Data["dueDate"]!.GetValue<string>())));
        var kinds = (await ctx.Pipeline.Store.TimelineAsync(id)).Select(t => t.Kind).ToList();
        Assert.Equal(4, kinds.Count(k => k == ReminderEvents.TimelineKind));
        Assert.Equal(TimelineKinds.CertificateIssued, kinds[^1]);
    }

    [Fact]
    public async Task The_grace_period_of_a_November_expiry_ends_on_the_leap_day_and_the_hand_off_comes_on_March_1st()
    {
        // e-certificate expired 2027-11-30: grace to 2028-02-29. Registered during the grace period.
        var ctx = await fixture.CreateAsync(new DateOnly(2028, 2, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "L1", new DateOnly(2027, 11, 30)));

        var inGrace = Assert.Single((await ctx.SweepAsync()).Sent);
        // Of the first-grace-day reminder (2027-12-01) and the 30-day one (2028-01-30) only the latest is sent.
        Assert.Equal((ReminderReason.InGracePeriod, new DateOnly(2028, 1, 30)), (inGrace.Reason, inGrace.DueDate));
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Equal(("2028-02-29", "2028-02-29"), (e.Data["eventDate"]!.GetValue<string>(), e.Data["deadline"]!.GetValue<string>()));
        Assert.Contains("2028年2月29日", e.Data["message_ja"]!.GetValue<string>());

        ctx.Clock.SetJapan(new DateOnly(2028, 2, 29), new TimeOnly(23, 30));
        Assert.Empty((await ctx.SweepAsync()).Sent);
        ctx.Clock.SetJapan(new DateOnly(2028, 3, 1), new TimeOnly(0, 0));
        var handOff = Assert.Single((await ctx.SweepAsync()).Sent);
        Assert.Equal((ReminderReason.GraceEnded, new DateOnly(2028, 3, 1)), (handOff.Reason, handOff.DueDate));
    }

    [Fact]
    public async Task Missed_days_are_caught_up_once_with_their_own_due_dates_and_only_the_latest_window()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        // 90-day window due 2026-12-31, 30-day window due 2027-03-01.
        var late = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "C1", new DateOnly(2027, 3, 31)));
        // 30-day window due 2027-03-03.
        var recent = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "C2", new DateOnly(2027, 4, 2)) with { RowNumber = 3 });
        Assert.Equal(["20261231"], await ctx.IndexDatesAsync(late));

        // No sweep ran for months: the entries of 2026-12-31 and 2027-03-03 are behind today.
        ctx.Clock.SetDay(new DateOnly(2027, 3, 5));
        var run = await ctx.SweepAsync(ReminderKind.Expiry);
        Assert.Equal(2, run.IndexEntriesRead);
        Assert.Equal(
            [(late, new DateOnly(2027, 3, 1)), (recent, new DateOnly(2027, 3, 3))],
            run.Sent.Select(s => (s.MemberId, s.DueDate)).OrderBy(s => s.DueDate));
        Assert.All(run.Sent, s => Assert.Equal(ReminderReason.ECertExpiring, s.Reason));
        Assert.Single(await ctx.ReminderEventsAsync(late)); // the 90-day window, long passed, is not sent as well

        // Both land in the day they were sent, with their own due dates.
        var csv = System.Text.Encoding.UTF8.GetString((await ctx.CsvAsync(new DateOnly(2027, 3, 5)))!);
        Assert.Contains("\"2027-03-01\"", csv);
        Assert.Contains("\"2027-03-03\"", csv);

        // Nothing more until the expiry itself has passed and the grace starts (2027-04-01 for C1).
        Assert.Equal(new DateOnly(2027, 4, 1), (await ctx.MemberAsync(late)).NextActionDate);
        ctx.Clock.SetDay(new DateOnly(2027, 3, 20));
        Assert.Equal(0, (await ctx.SweepAsync(ReminderKind.Expiry)).IndexEntriesRead);
    }
}
