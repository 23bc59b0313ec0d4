using System.Text.RegularExpressions;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using static Hub.Domain.Eligibility.ReminderReason;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

public partial class ReminderScheduleTests
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

    /// <summary>"Reason@due" for each reminder due, in order.</summary>
    private static string Due(MemberFacts facts, string asOf, ReminderSettings? settings = null) =>
        string.Join(" ", ReminderSchedule.DueAsOf(facts, D(asOf), settings).Select(r => $"{r.Reason}@{r.DueDate:yyyy-MM-dd}"));

    /// <summary>Every next action date from <paramref name="after"/> until there is none.</summary>
    private static string Timeline(MemberFacts facts, string after, ReminderSettings? settings = null)
    {
        var dates = new List<string>();
        for (var d = ReminderSchedule.NextActionDate(facts, D(after), settings); d is { } day; d = ReminderSchedule.NextActionDate(facts, day, settings))
            dates.Add(day.ToString("yyyy-MM-dd"));
        return string.Join(" ", dates);
    }

    [Theory]
    [InlineData("2026-11-29", "")]
    [InlineData("2026-11-30", "ECertExpiring@2026-11-30")] // 90 days before
    [InlineData("2026-12-20", "ECertExpiring@2026-11-30")] // catch-up: still due until sent
    [InlineData("2027-01-28", "ECertExpiring@2026-11-30")]
    [InlineData("2027-01-29", "ECertExpiring@2027-01-29")] // 30 days before supersedes the 90-day one
    [InlineData("2027-02-28", "ECertExpiring@2027-01-29")] // the expiry day is still a valid day
    [InlineData("2027-03-01", "InGracePeriod@2027-03-01")]
    [InlineData("2027-04-30", "InGracePeriod@2027-03-01")]
    [InlineData("2027-05-01", "InGracePeriod@2027-05-01")] // 30 days before the grace end
    [InlineData("2027-05-31", "InGracePeriod@2027-05-01")]
    [InlineData("2027-06-01", "GraceEnded@2027-06-01")]
    [InlineData("2029-01-01", "GraceEnded@2027-06-01")] // hand-offs stay due until the ledger has them
    public void Expiry_and_grace_reminders(string asOf, string expected) => Assert.Equal(expected, Due(Member, asOf));

    [Theory]
    [InlineData("2027-02-28", "2026-11-30 2027-01-29 2027-03-01 2027-05-01 2027-06-01")]
    [InlineData("2026-11-30", "2026-09-01 2026-10-31 2026-12-01 2027-01-29 2027-03-01")] // grace to 2027-02-28
    [InlineData("2026-12-31", "2026-10-02 2026-12-01 2027-01-01 2027-03-01 2027-04-01")] // grace to 2027-03-31
    [InlineData("2027-11-29", "2027-08-31 2027-10-30 2027-11-30 2028-01-30 2028-03-01")] // grace to 2028-02-29
    [InlineData("2028-02-29", "2027-12-01 2028-01-30 2028-03-01 2028-05-01 2028-06-01")] // a leap-day expiry: grace to 2028-05-31
    public void Next_action_dates_walk_the_schedule(string eCertExpiry, string expected) =>
        Assert.Equal(expected, Timeline(Member with { ECertExpiresOn = D(eCertExpiry) }, "2026-01-01"));

    [Theory]
    [InlineData("2026-11-21", "2026-11-30")]
    [InlineData("2026-11-30", "2027-01-29")]
    [InlineData("2027-01-29", "2027-03-01")]
    [InlineData("2027-03-01", "2027-05-01")]
    [InlineData("2027-05-01", "2027-06-01")]
    [InlineData("2027-06-01", null)]
    public void NextActionDate_is_strictly_after(string after, string? expected) =>
        Assert.Equal(OptD(expected), ReminderSchedule.NextActionDate(Member, D(after)));

    [Theory]
    [InlineData("2026-11-21", "2026-11-30")] // nothing due yet: the next action date
    [InlineData("2026-11-30", "2026-11-30")] // due today
    [InlineData("2026-12-20", "2026-12-20")] // overdue (e.g. facts arriving late): sweep today, the ledger drops what was sent
    [InlineData("2029-01-01", "2029-01-01")]
    public void FirstActionDate_indexes_new_or_changed_facts(string asOf, string expected) =>
        Assert.Equal(D(expected), ReminderSchedule.FirstActionDate(Member, D(asOf)));

    [Fact]
    public void FirstActionDate_is_null_when_nothing_will_ever_be_due() =>
        Assert.Null(ReminderSchedule.FirstActionDate(Member with { CardState = CardState.NotRegistered }, D("2026-11-21")));

    [Fact]
    public void A_card_that_governs_gives_card_reminders()
    {
        var facts = Member with { CardExpiresOn = D("2027-02-28") };
        Assert.Equal("CardExpiring@2026-11-30", Due(facts, "2026-12-01"));
        Assert.Contains("マイナンバーカードの有効期限は2027年2月28日", ReminderSchedule.DueAsOf(facts, D("2026-12-01"))[0].MessageJa);
    }

    [Theory]
    [InlineData(CardState.None)]
    [InlineData(CardState.NotRegistered)]
    [InlineData(CardState.RegistrationCancelled)]
    [InlineData(CardState.Returned)]
    public void Only_registered_cards_get_expiry_and_departure_reminders(CardState state)
    {
        var facts = Member with { CardState = state, DepartureDate = D("2027-01-15") };
        Assert.Equal("", Due(facts, "2027-06-01"));
        Assert.Null(ReminderSchedule.NextActionDate(facts, D("2026-01-01")));
    }

    [Fact]
    public void No_expiry_on_record_means_no_expiry_reminders() =>
        Assert.Null(ReminderSchedule.NextActionDate(Member with { CardExpiresOn = null, ECertExpiresOn = null }, D("2026-01-01")));

    [Theory]
    [InlineData("2027-05-31", "")]
    [InlineData("2027-06-01", "CertificateExpiring@2027-06-01")] // 60 days before 2027-07-31
    [InlineData("2027-07-31", "CertificateExpiring@2027-06-01")]
    [InlineData("2027-08-01", "")]
    public void Certificate_renewal_window(string asOf, string expected)
    {
        var facts = new MemberFacts { BirthDate = D("1985-06-15"), CertificateValidUntil = D("2027-07-31") };
        Assert.Equal(expected, Due(facts, asOf));
    }

    [Fact]
    public void A_certificate_still_needed_is_renewed()
    {
        var facts = new MemberFacts { BirthDate = D("1985-06-15"), CertificateValidUntil = D("2027-07-31") };
        var r = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2027-06-01")));
        Assert.Equal(ReminderAction.RenewCertificate, r.Action);
        Assert.Equal(D("2027-07-31"), r.EventDate);
        Assert.Contains("更新後の資格確認書を交付します", r.MessageJa);
    }

    [Fact]
    public void A_certificate_no_longer_needed_only_gets_a_reminder_saying_why()
    {
        var facts = ValidCard with { CertificateValidUntil = D("2027-07-31") };
        var r = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2027-06-01")));
        Assert.Equal(ReminderAction.Notify, r.Action);
        Assert.Contains("Registered マイナ保険証, e-certificate valid until 2029-06-15", r.MessageEn);
        Assert.Contains("2027年7月31日", r.MessageJa);
    }

    [Fact]
    public void A_certificate_ending_at_75_is_not_renewed()
    {
        var facts = new MemberFacts { BirthDate = D("1952-08-01"), CertificateValidUntil = D("2027-07-31") };
        var r = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2027-06-01")));
        Assert.Equal(ReminderAction.Notify, r.Action);
        Assert.Null(r.Deadline); // nothing is asked of the member: the move to 後期高齢者医療 needs nothing from this society
        Assert.Contains("後期高齢者医療", r.MessageJa);
    }

    [Theory]
    [InlineData("2026-12-15", "")]
    [InlineData("2026-12-16", "OverseasDepartureApproaching@2026-12-16")] // 30 days before departure
    [InlineData("2027-01-14", "OverseasDepartureApproaching@2026-12-16")] // the filing deadline
    [InlineData("2027-01-15", "OverseasLapsed@2027-01-15")]
    [InlineData("2027-09-01", "OverseasLapsed@2027-01-15")]
    public void Japanese_national_leaving_without_filing(string asOf, string expected)
    {
        var facts = ValidCard with { DepartureDate = D("2027-01-15") };
        Assert.Equal(expected, Due(facts, asOf));
        Assert.Equal("2026-12-16 2027-01-15", Timeline(facts, "2026-11-21"));
    }

    [Fact]
    public void Departure_reminder_states_the_deadline_and_lapse_hands_off()
    {
        var facts = ValidCard with { DepartureDate = D("2028-03-01") };
        var approaching = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2028-01-31")));
        Assert.Equal(D("2028-01-31"), approaching.DueDate);
        Assert.Equal(D("2028-02-29"), approaching.EventDate); // the day before departure, a leap day
        Assert.Contains("by 2028-02-29", approaching.MessageEn);
        Assert.Contains("2028年2月29日までに", approaching.MessageJa);
        Assert.Equal(ReminderAction.Notify, approaching.Action);
        var lapsed = Assert.Single(ReminderSchedule.DueAsOf(facts, D("2028-03-01")));
        Assert.Equal(ReminderAction.IssueCertificate, lapsed.Action);
        Assert.Contains("資格確認書を交付します", lapsed.MessageJa);
    }

    [Theory]
    [InlineData("2027-01-14", "")] // filed on the deadline: the card is kept abroad
    [InlineData("2027-01-13", "")]
    public void Filing_in_time_stops_departure_reminders(string filedOn, string expected)
    {
        var facts = ValidCard with { DepartureDate = D("2027-01-15"), ContinuationFiledOn = D(filedOn) };
        Assert.Equal(expected, Due(facts, "2027-01-14"));
        Assert.Equal(expected, Due(facts, "2027-02-01"));
    }

    [Fact]
    public void Filing_too_late_still_lapses()
    {
        var facts = ValidCard with { DepartureDate = D("2027-01-15"), ContinuationFiledOn = D("2027-01-15") };
        Assert.Equal("", Due(facts, "2027-01-14"));
        Assert.Equal("OverseasLapsed@2027-01-15", Due(facts, "2027-01-15"));
    }

    [Theory]
    [InlineData("2027-01-14", "ECertExpiring@2026-11-30 OverseasDepartureApproaching@2026-12-16")]
    [InlineData("2027-01-15", "OverseasLapsed@2027-01-15")] // a lapsed card has nothing left to renew
    [InlineData("2027-03-01", "OverseasLapsed@2027-01-15")]
    [InlineData("2027-06-01", "OverseasLapsed@2027-01-15")]
    public void Lapse_ends_expiry_reminders(string asOf, string expected) =>
        Assert.Equal(expected, Due(Member with { DepartureDate = D("2027-01-15") }, asOf));

    [Theory]
    [InlineData("2026-12-15", "")]
    [InlineData("2026-12-16", "ForeignNationalDeparture@2026-12-16")]
    [InlineData("2027-03-01", "ForeignNationalDeparture@2026-12-16")] // caught up after departure too
    public void Foreign_national_gets_the_certificate_before_departure(string asOf, string expected)
    {
        var facts = ValidCard with { Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15"), ContinuationFiledOn = D("2027-01-01") };
        Assert.Equal(expected, Due(facts, asOf));
        if (expected != "")
            Assert.Equal(ReminderAction.IssueCertificate, ReminderSchedule.DueAsOf(facts, D(asOf))[0].Action);
    }

    [Fact]
    public void A_held_certificate_turns_hand_offs_into_notices()
    {
        var foreign = ValidCard with { Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15"), CertificateValidUntil = D("2030-01-31") };
        var r = ReminderSchedule.DueAsOf(foreign, D("2026-12-16")).Single(x => x.Reason == ForeignNationalDeparture);
        Assert.Equal(ReminderAction.Notify, r.Action);
        Assert.Contains("valid until 2030-01-31", r.MessageEn);

        var expired = Member with { CertificateValidUntil = D("2027-06-01") };
        Assert.Equal(ReminderAction.Notify, ReminderSchedule.DueAsOf(expired, D("2027-06-01")).Single(x => x.Reason == GraceEnded).Action);
        var endsBefore = Member with { CertificateValidUntil = D("2027-05-31") };
        Assert.Equal(ReminderAction.IssueCertificate, ReminderSchedule.DueAsOf(endsBefore, D("2027-06-01")).Single(x => x.Reason == GraceEnded).Action);
    }

    [Fact]
    public void Nothing_is_due_once_the_member_has_left()
    {
        var leaving = Member with { QualificationLostOn = D("2027-01-01") };
        Assert.Equal("ECertExpiring@2026-11-30", Due(leaving, "2026-12-31"));
        Assert.Equal("", Due(leaving, "2027-01-01"));
        Assert.Equal("2026-11-30", Timeline(leaving, "2026-01-01"));

        var turning75 = Member with { BirthDate = D("1952-03-10") }; // 後期高齢者医療 from 2027-03-10
        Assert.Equal("InGracePeriod@2027-03-01", Due(turning75, "2027-03-09"));
        Assert.Equal("", Due(turning75, "2027-03-10"));
        Assert.Null(ReminderSchedule.NextActionDate(turning75, D("2027-03-01")));
    }

    [Fact]
    public void Windows_come_from_settings()
    {
        var settings = new ReminderSettings
        {
            ExpiryWindowDays = [60, 14, 7], GraceWindowDays = [], OverseasWindowDays = 45, CertificateRenewalWindowDays = 30,
        };
        Assert.Equal("2026-12-30 2027-02-14 2027-02-21 2027-03-01 2027-06-01", Timeline(Member, "2026-01-01", settings));
        Assert.Equal("2026-12-01", Timeline(ValidCard with { DepartureDate = D("2027-01-15") }, "2026-01-01", settings).Split(' ')[0]);
        Assert.Equal("2026-12-01", Timeline(ValidCard with { DepartureDate = D("2027-01-15"), Nationality = Nationality.Foreign }, "2026-01-01", settings).Split(' ')[0]);
        var cert = new MemberFacts { BirthDate = D("1985-06-15"), CertificateValidUntil = D("2027-07-31") };
        Assert.Equal("2027-07-01", Timeline(cert, "2026-01-01", settings));
    }

    [Fact]
    public void A_grace_window_longer_than_the_grace_period_adds_nothing()
    {
        var settings = new ReminderSettings { GraceWindowDays = [200] };
        Assert.Equal("2026-11-30 2027-01-29 2027-03-01 2027-06-01", Timeline(Member, "2026-01-01", settings));
    }

    public static TheoryData<string, ReminderSettings> BadSettings => new()
    {
        { "ExpiryWindowDays", new ReminderSettings { ExpiryWindowDays = [0] } },
        { "ExpiryWindowDays", new ReminderSettings { ExpiryWindowDays = [90, 90] } },
        { "ExpiryWindowDays", new ReminderSettings { ExpiryWindowDays = null! } },
        { "GraceWindowDays", new ReminderSettings { GraceWindowDays = [-1] } },
        { "OverseasWindowDays", new ReminderSettings { OverseasWindowDays = 0 } },
        { "CertificateRenewalWindowDays", new ReminderSettings { CertificateRenewalWindowDays = 3651 } },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_a_clear_error(string setting, ReminderSettings settings)
    {
        var ex = Assert.Throws<RuleException>(() => ReminderSchedule.DueAsOf(Member, D("2027-01-01"), settings));
        Assert.Equal("REMINDER_SETTINGS_INVALID", ex.Code);
        Assert.Contains(setting, ex.Error.MessageEn);
        Assert.Contains("リマインダー設定", ex.Error.MessageJa);
    }

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();

    [Fact]
    public void Every_reminder_is_worded_in_both_languages_with_its_date()
    {
        var samples = new[]
        {
            (Member, "2026-12-01"), (Member with { CardExpiresOn = D("2027-02-28") }, "2026-12-01"),
            (Member, "2027-03-02"), (Member, "2027-06-02"),
            (new MemberFacts { BirthDate = D("1985-06-15"), CertificateValidUntil = D("2027-07-31") }, "2027-06-02"),
            (ValidCard with { CertificateValidUntil = D("2027-07-31") }, "2027-06-02"),
            (ValidCard with { DepartureDate = D("2027-01-15") }, "2027-01-01"),
            (ValidCard with { DepartureDate = D("2027-01-15") }, "2027-01-20"),
            (ValidCard with { Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15") }, "2027-01-01"),
        };
        var seen = new HashSet<ReminderReason>();
        foreach (var (facts, asOf) in samples)
        {
            foreach (var r in ReminderSchedule.DueAsOf(facts, D(asOf)))
            {
                seen.Add(r.Reason);
                Assert.Matches(Japanese(), r.MessageJa);
                Assert.Contains($"{r.EventDate.Year}年{r.EventDate.Month}月{r.EventDate.Day}日", r.MessageJa);
                Assert.Contains(r.EventDate.ToString("yyyy-MM-dd"), r.MessageEn);
            }
        }
        Assert.Equal(Enum.GetValues<ReminderReason>().ToHashSet(), seen);
    }
}
