using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.Integration.Tests.Members;

namespace Hub.Integration.Tests.Reminders;

/// <summary>Departures abroad: the filing deadline, the lapse on departure, foreign nationals — and the split between the two timers.</summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class OverseasTests(ReminderStorageFixture fixture)
{
    private static readonly DateOnly Registered = new(2026, 11, 21);

    [Fact]
    public async Task A_Japanese_national_leaving_without_filing_is_reminded_of_the_day_before_departure_by_the_overseas_timer_only()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var departure = new DateOnly(2027, 3, 25);
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "O1", departure, continuationFiled: false, Nationality.Japanese));
        Assert.Equal(new DateOnly(2027, 2, 23), (await ctx.MemberAsync(id)).NextActionDate); // 30 days before departure

        ctx.Clock.SetDay(new DateOnly(2027, 2, 22));
        Assert.Empty((await ctx.SweepAsync(ReminderKind.Overseas)).Sent);

        ctx.Clock.SetDay(new DateOnly(2027, 2, 23));
        var expiry = await ctx.SweepAsync(ReminderKind.Expiry);
        Assert.Equal((1, 0), (expiry.IndexEntriesRead, expiry.Sent.Count));
        Assert.Equal(["20270223"], await ctx.IndexDatesAsync(id)); // left for the overseas timer

        var overseas = await ctx.SweepAsync(ReminderKind.Overseas);
        var sent = Assert.Single(overseas.Sent);
        Assert.Equal((ReminderReason.OverseasDepartureApproaching, new DateOnly(2027, 2, 23), ReminderAction.Notify, new DateOnly(2027, 3, 24)),
            (sent.Reason, sent.DueDate, sent.Action, sent.Deadline));
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Equal(("overseas", "2027-03-24", "2027-03-24"),
            (e.Data["kind"]!.GetValue<string>(), e.Data["eventDate"]!.GetValue<string>(), e.Data["deadline"]!.GetValue<string>()));
        Assert.Contains("2027年3月24日までに市区町村の窓口で国外継続利用申請をしてください", e.Data["message_ja"]!.GetValue<string>());

        var letter = PdfText.Flat(await ctx.DownloadAsync(sent.LetterBlob!));
        Assert.Contains("国外転出に伴う手続きのお願い", letter);
        Assert.Contains("田中 花子", letter);
        Assert.Contains("申請の期限（出国の前日まで）", letter);
        Assert.Contains("令和9年3月24日（2027年）", letter); // the deadline, in 和暦 with the western year
        Assert.Contains("令和9年3月25日", letter); // the departure

        // The departure day itself: the card lapsed → certificate issuance.
        ctx.Clock.SetDay(departure);
        var lapse = await ctx.SweepAsync(ReminderKind.Overseas);
        sent = Assert.Single(lapse.Sent);
        Assert.Equal((ReminderReason.OverseasLapsed, departure, ReminderAction.IssueCertificate), (sent.Reason, sent.DueDate, sent.Action));
        Assert.Null(sent.LetterBlob);
        var request = Assert.Single(lapse.CertificateRequests);
        Assert.Equal("OverseasLapsed", request.Reason);
        await ctx.RunFollowUpsAsync(new StepOutputs { Certificates = [request] });
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, "CardLapsedOverseas"), (member.CertificateStatus, member.CertificateReason));
        Assert.Equal(departure, member.CertificateIssuedOn);
    }

    [Fact]
    public async Task A_Japanese_national_who_filed_for_continued_use_gets_no_overseas_reminder()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "O2", new DateOnly(2027, 3, 25), continuationFiled: true, Nationality.Japanese));
        Assert.Equal(new DateOnly(2030, 3, 17), (await ctx.MemberAsync(id)).NextActionDate); // only the e-certificate's own expiry

        foreach (var day in new[] { new DateOnly(2027, 2, 23), new DateOnly(2027, 3, 24), new DateOnly(2027, 3, 25), new DateOnly(2027, 6, 1) })
        {
            ctx.Clock.SetDay(day);
            Assert.Empty((await ctx.SweepAsync()).Sent);
        }
        Assert.Empty(await ctx.ReminderEventsAsync(id));
        Assert.Equal(CertificateStatuses.NotRequired, (await ctx.MemberAsync(id)).CertificateStatus);
    }

    [Fact]
    public async Task A_foreign_national_leaving_months_ahead_keeps_using_the_card_and_gets_the_certificate_when_the_window_opens()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var departure = new DateOnly(2027, 3, 20); // four months after registration
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "O3", departure, continuationFiled: true, Nationality.Foreign));
        // Not at registration: the card still serves until departure, and plans can change.
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.NotRequired, "RegisteredValid", 0), (member.CertificateStatus, member.CertificateReason, member.CertificateCount));
        Assert.Contains("出国前の2027年2月18日に資格確認書を交付します", member.CertificateExplanationJa);
        Assert.Equal(new DateOnly(2027, 2, 18), member.NextActionDate); // 30 days before departure

        ctx.Clock.SetDay(new DateOnly(2027, 2, 17));
        Assert.Empty((await ctx.SweepAsync(ReminderKind.Overseas)).Sent);

        ctx.Clock.SetDay(new DateOnly(2027, 2, 18));
        var run = await ctx.SweepAsync(ReminderKind.Overseas);
        var sent = Assert.Single(run.Sent);
        Assert.Equal((ReminderReason.ForeignNationalDeparture, ReminderAction.IssueCertificate, null), (sent.Reason, sent.Action, sent.LetterBlob));
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Equal(("2027-03-20", false), (e.Data["eventDate"]!.GetValue<string>(), e.Data["memberMustAct"]!.GetValue<bool>()));
        await ctx.RunFollowUpsAsync(new StepOutputs { Certificates = [.. run.CertificateRequests] });
        member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, "ForeignNationalDeparture", new DateOnly(2027, 2, 18)),
            (member.CertificateStatus, member.CertificateReason, member.CertificateIssuedOn));
    }

    [Fact]
    public async Task A_foreign_national_registered_inside_the_window_has_the_certificate_at_once_and_is_pointed_to_it()
    {
        var ctx = await fixture.CreateAsync(Registered);
        var departure = new DateOnly(2026, 12, 11); // 20 days after registration
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "O5", departure, continuationFiled: false, Nationality.Foreign));
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, "ForeignNationalDeparture"), (member.CertificateStatus, member.CertificateReason));
        Assert.Equal(Registered, member.NextActionDate); // the window opened before registration: due now

        var run = await ctx.SweepAsync(ReminderKind.Overseas);
        var sent = Assert.Single(run.Sent);
        // It already holds one that covers the departure: the reminder points to it instead of issuing another.
        Assert.Equal((ReminderReason.ForeignNationalDeparture, ReminderAction.Notify), (sent.Reason, sent.Action));
        Assert.Empty(run.CertificateRequests);
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Contains("お手元の資格確認書", e.Data["message_ja"]!.GetValue<string>());
        Assert.Equal(("2026-12-11", false), (e.Data["eventDate"]!.GetValue<string>(), e.Data["memberMustAct"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_foreign_national_without_a_certificate_is_handed_to_issuance_when_the_window_opens()
    {
        var ctx = await fixture.CreateAsync(Registered);
        // The certificate decision of the registration has not run (e.g. still queued): the member holds none.
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "O4", new DateOnly(2027, 3, 20), continuationFiled: false, Nationality.Foreign),
            followUps: false);
        ctx.Clock.SetDay(new DateOnly(2027, 2, 20));
        var run = await ctx.SweepAsync(ReminderKind.Overseas);
        var sent = Assert.Single(run.Sent);
        Assert.Equal((ReminderReason.ForeignNationalDeparture, new DateOnly(2027, 2, 18), ReminderAction.IssueCertificate),
            (sent.Reason, sent.DueDate, sent.Action));
        await ctx.RunFollowUpsAsync(new StepOutputs { Certificates = [.. run.CertificateRequests] });
        var member = await ctx.MemberAsync(id);
        Assert.Equal((CertificateStatuses.Issued, "ForeignNationalDeparture"), (member.CertificateStatus, member.CertificateReason));
        Assert.True(member.CertificateIssuedOn < new DateOnly(2027, 3, 20));
    }
}
