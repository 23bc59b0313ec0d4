using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using static Hub.Domain.Eligibility.ReminderReason;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

/// <summary>
/// Which reminders ask the member to act (<see cref="Reminder.Deadline"/>: a letter, 本人の手続き = 要) and which only inform —
/// in particular a 資格確認書 that ends because the member leaves the society (75th birthday, 資格喪失).
/// </summary>
public class ReminderDeadlineTests
{
    /// <summary>Registered; e-certificate to 2027-02-28 (grace to 2027-05-31), card to 2031-06-15.</summary>
    private static readonly MemberFacts Member = new()
    {
        BirthDate = D("1985-06-15"),
        CardState = CardState.Registered,
        CardExpiresOn = D("2031-06-15"),
        ECertExpiresOn = D("2027-02-28"),
    };

    private static readonly MemberFacts ValidCard = Member with { ECertExpiresOn = D("2029-06-15") };

    /// <summary>No card, a 資格確認書 to 2027-07-31.</summary>
    private static readonly MemberFacts CertificateHolder = new() { BirthDate = D("1985-06-15"), CertificateValidUntil = D("2027-07-31") };

    private static readonly Dictionary<string, (MemberFacts Facts, string AsOf, ReminderReason Reason, ReminderAction Action, string? Deadline)> Cases = new()
    {
        ["e-certificate expiring: renew by the expiry"] = (Member, "2026-12-01", ECertExpiring, ReminderAction.Notify, "2027-02-28"),
        ["card expiring: renew by the expiry"] = (Member with { CardExpiresOn = D("2027-02-28") }, "2026-12-01", CardExpiring, ReminderAction.Notify, "2027-02-28"),
        ["grace: renew by the grace end"] = (Member, "2027-03-02", InGracePeriod, ReminderAction.Notify, "2027-05-31"),
        ["grace ended: the hub issues"] = (Member, "2027-06-02", GraceEnded, ReminderAction.IssueCertificate, null),
        ["grace ended, certificate held: nothing to do"] = (Member with { CertificateValidUntil = D("2028-01-31") }, "2027-06-02", GraceEnded, ReminderAction.Notify, null),
        ["certificate still needed: the hub renews"] = (CertificateHolder, "2027-06-02", CertificateExpiring, ReminderAction.RenewCertificate, null),
        ["certificate no longer needed: switch to マイナ保険証 by its end"] = (ValidCard with { CertificateValidUntil = D("2027-07-31") }, "2027-06-02", CertificateExpiring, ReminderAction.Notify, "2027-07-31"),
        ["departure without filing: file by the day before"] = (ValidCard with { DepartureDate = D("2027-01-15") }, "2027-01-01", OverseasDepartureApproaching, ReminderAction.Notify, "2027-01-14"),
        ["lapsed on departure: the hub issues"] = (ValidCard with { DepartureDate = D("2027-01-15") }, "2027-01-20", OverseasLapsed, ReminderAction.IssueCertificate, null),
        ["foreign national leaving: the hub issues"] = (ValidCard with { Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15") }, "2027-01-01", ForeignNationalDeparture, ReminderAction.IssueCertificate, null),

        // The certificate ends because the member leaves the society: nothing to renew, nothing to ask.
        ["certificate cut short at the 75th birthday (the reviewer's member)"] = (new MemberFacts { BirthDate = D("1952-01-20"), CertificateValidUntil = D("2027-01-19") }, "2026-11-21", CertificateExpiring, ReminderAction.Notify, null),
        ["certificate ending the day before 資格喪失日"] = (CertificateHolder with { QualificationLostOn = D("2027-08-01") }, "2027-06-02", CertificateExpiring, ReminderAction.Notify, null),
        ["certificate outlasting a later 資格喪失日"] = (CertificateHolder with { QualificationLostOn = D("2027-07-01") }, "2027-06-02", CertificateExpiring, ReminderAction.Notify, null),
        ["a registered card does not change that"] = (ValidCard with { CertificateValidUntil = D("2027-07-31"), QualificationLostOn = D("2027-08-01") }, "2027-06-02", CertificateExpiring, ReminderAction.Notify, null),
        ["資格喪失 two days after the end: still insured the day after, renewed"] = (CertificateHolder with { QualificationLostOn = D("2027-08-02") }, "2027-06-02", CertificateExpiring, ReminderAction.RenewCertificate, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_member_is_asked_to_act_only_where_there_is_something_to_do(string name)
    {
        var c = Cases[name];
        var r = Assert.Single(ReminderSchedule.DueAsOf(c.Facts, D(c.AsOf)));
        Assert.Equal((c.Reason, c.Action, OptD(c.Deadline)), (r.Reason, r.Action, r.Deadline));
        Assert.Equal(c.Deadline is not null, r.MemberMustAct);
    }

    [Fact]
    public void At_75_the_certificate_reminder_explains_the_move_and_offers_nothing_from_this_insurer()
    {
        var facts = new MemberFacts { BirthDate = D("1952-01-20"), CertificateValidUntil = D("2027-01-19") };
        var r = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2026-11-21")));

        Assert.Equal((D("2026-11-20"), D("2027-01-19")), (r.DueDate, r.EventDate));
        Assert.Equal(
            "資格確認書の有効期限は2027年1月19日です。2027年1月20日（75歳の誕生日）から後期高齢者医療制度の被保険者となるため、当組合の資格確認書は更新しません。" +
            "当組合へのお手続きは不要です。後期高齢者医療制度で受診する際に使うものは、お住まいの市区町村（後期高齢者医療広域連合）からご案内があります。",
            r.MessageJa);
        Assert.Equal(
            "Your certificate (資格確認書) expires on 2027-01-19. From the 75th birthday, 2027-01-20, you are covered by the late-stage elderly " +
            "medical care system (後期高齢者医療制度), so this society does not renew it. Nothing needs to be done with this society; your " +
            "municipality (後期高齢者医療広域連合) will tell you what to show when you see a doctor from then on.",
            r.MessageEn);
        // Nothing that sends the member back to this insurer: no マイナ保険証 switch, no application.
        Assert.DoesNotContain("マイナ保険証", r.MessageJa, StringComparison.Ordinal);
        Assert.DoesNotContain("申請", r.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void On_loss_of_qualification_the_certificate_reminder_says_it_cannot_be_used_afterwards()
    {
        var endsBefore = Assert.Single(ReminderSchedule.DueAsOf(CertificateHolder with { QualificationLostOn = D("2027-08-01") }, D("2027-06-02")));
        Assert.Equal(
            "資格確認書の有効期限は2027年7月31日です。2027年8月1日に当組合の資格を喪失するため、資格確認書は更新しません。" +
            "資格を喪失した後は、新たに加入する医療保険のマイナ保険証または資格確認書で受診してください。",
            endsBefore.MessageJa);
        Assert.Equal(
            "Your certificate (資格確認書) expires on 2027-07-31. You leave this society on 2027-08-01 (資格喪失日), so it is not renewed. " +
            "After that, please use マイナ保険証 or a certificate of your new health insurance.",
            endsBefore.MessageEn);

        // A 資格喪失日 reported after the certificate was issued: its printed end is later than the exit.
        var outlasts = Assert.Single(ReminderSchedule.DueAsOf(CertificateHolder with { QualificationLostOn = D("2027-07-01") }, D("2027-06-02")));
        Assert.Equal(
            "資格確認書の有効期限は2027年7月31日です。2027年7月1日に当組合の資格を喪失するため、資格確認書は更新しません。" +
            "2027年7月1日以降は、この資格確認書では受診できません。資格を喪失した後は、新たに加入する医療保険のマイナ保険証または資格確認書で受診してください。",
            outlasts.MessageJa);
        Assert.Contains("It cannot be used from 2027-07-01 on.", outlasts.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_about_the_certificate_is_due_once_the_member_has_left()
    {
        var facts = new MemberFacts { BirthDate = D("1952-01-20"), CertificateValidUntil = D("2027-01-19") };
        Assert.Equal(ReminderReason.CertificateExpiring, Assert.Single(ReminderSchedule.DueAsOf(facts, D("2027-01-19"))).Reason);
        Assert.Empty(ReminderSchedule.DueAsOf(facts, D("2027-01-20")));
    }

    private static readonly Arbitrary<(MemberFacts Facts, DateOnly Day, ReminderSettings Settings)> AnyMemberDayAndWindows =
        (from f in FactsGen.Members
         where f.CardIssuedOn is not { } issued || issued >= f.BirthDate
         from day in FactsGen.Days
         from overseas in Gen.Elements(1, 30, 45, 400)
         from renewal in Gen.Elements(1, 60, 400)
         select (f, day, new ReminderSettings { OverseasWindowDays = overseas, CertificateRenewalWindowDays = renewal })).ToArbitrary();

    private static DateOnly Exit(MemberFacts facts)
    {
        var transfer = LateStageElderlyRule.TransferDate(facts.BirthDate);
        return facts.QualificationLostOn is { } lost && lost < transfer ? lost : transfer;
    }

    [Fact]
    public void A_deadline_comes_only_with_a_plain_notice_and_is_never_behind_the_reminder() =>
        Prop.ForAll(AnyMemberDayAndWindows, t =>
        {
            foreach (var r in ReminderSchedule.DueAsOf(t.Facts, t.Day, t.Settings))
            {
                if (r.Deadline is not { } deadline)
                    continue;
                Assert.Equal(ReminderAction.Notify, r.Action);
                Assert.True(r.DueDate <= deadline && t.Day <= deadline, $"{r.Reason} due {r.DueDate} deadline {deadline} on {t.Day}");
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_certificate_that_ends_with_the_membership_is_neither_renewed_nor_asks_anything() =>
        Prop.ForAll(AnyMemberDayAndWindows, t =>
        {
            foreach (var r in ReminderSchedule.DueAsOf(t.Facts, t.Day, t.Settings).Where(r => r.Reason == CertificateExpiring))
            {
                var leaves = Exit(t.Facts) <= r.EventDate.AddDays(1);
                if (leaves)
                    Assert.Equal((ReminderAction.Notify, (DateOnly?)null), (r.Action, r.Deadline));
                else
                    Assert.Equal(r.Action == ReminderAction.Notify, r.MemberMustAct);
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Every_hand_off_to_issuance_meets_a_decision_that_issues() =>
        Prop.ForAll(AnyMemberDayAndWindows, t =>
        {
            // The sweep hands a member over on day t.Day; IssueCertificate then decides with the same windows on that day.
            foreach (var r in ReminderSchedule.DueAsOf(t.Facts, t.Day, t.Settings).Where(r => r.Action == ReminderAction.IssueCertificate))
                Assert.True(CertificateEligibility.Decide(t.Facts, t.Day, t.Settings).Required, $"{r.Reason} due {r.DueDate} handed over on {t.Day}");
        }).QuickCheckThrowOnFailure();
}
