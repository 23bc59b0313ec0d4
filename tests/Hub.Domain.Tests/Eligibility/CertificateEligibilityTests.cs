using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using static Hub.Domain.Eligibility.CertificateReason;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

public partial class CertificateEligibilityTests
{
    private static readonly DateOnly Today = D("2026-11-21");

    /// <summary>A registered adult whose e-certificate runs to 2029-06-15 and card to 2033-06-15.</summary>
    private static readonly MemberFacts Registered = new()
    {
        BirthDate = D("1985-06-15"),
        CardState = CardState.Registered,
        CardExpiresOn = D("2033-06-15"),
        ECertExpiresOn = D("2029-06-15"),
    };

    private static readonly MemberFacts NoExpiry = Registered with { CardExpiresOn = null, ECertExpiresOn = null };

    public sealed record Case(MemberFacts Facts, string AsOf, bool Required, CertificateReason Reason, string? Date);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // registered マイナ保険証
        ["registered, e-certificate valid"] = new(Registered, "2026-11-21", false, RegisteredValid, "2029-06-15"),
        ["registered, card governs"] = new(Registered with { CardExpiresOn = D("2028-01-10"), ECertExpiresOn = D("2028-01-10") }, "2026-11-21", false, RegisteredValid, "2028-01-10"),
        ["registered, no expiry on record"] = new(NoExpiry, "2026-11-21", false, RegisteredValid, null),
        ["registered, expiry day itself"] = new(Registered with { ECertExpiresOn = D("2026-11-21") }, "2026-11-21", false, RegisteredValid, "2026-11-21"),

        // card states and My Number
        ["no card"] = new(NoExpiry with { CardState = CardState.None }, "2026-11-21", true, NoCard, null),
        ["not registered"] = new(Registered with { CardState = CardState.NotRegistered }, "2026-11-21", true, NotRegistered, null),
        ["registration cancelled"] = new(Registered with { CardState = CardState.RegistrationCancelled }, "2026-11-21", true, RegistrationCancelled, null),
        ["card returned"] = new(Registered with { CardState = CardState.Returned }, "2026-11-21", true, CardReturned, null),
        ["no My Number (born abroad)"] = new(NoExpiry with { HasMyNumber = false, CardState = CardState.None }, "2026-11-21", true, NoMyNumber, null),

        // applications: honoured whatever the card state
        ["application: care needs"] = new(Registered with { Application = CertificateApplication.CareNeeds }, "2026-11-21", true, ApplicationCareNeeds, null),
        ["application: lost card"] = new(Registered with { Application = CertificateApplication.LostCard }, "2026-11-21", true, ApplicationLostCard, null),
        ["application: card renewal"] = new(Registered with { Application = CertificateApplication.CardRenewal }, "2026-11-21", true, ApplicationCardRenewal, null),
        ["application beats no card"] = new(NoExpiry with { CardState = CardState.None, Application = CertificateApplication.LostCard }, "2026-11-21", true, ApplicationLostCard, null),
        ["application beats no My Number"] = new(NoExpiry with { HasMyNumber = false, Application = CertificateApplication.CareNeeds }, "2026-11-21", true, ApplicationCareNeeds, null),

        // expiry and grace
        ["e-cert expired 2026-09-30, in grace"] = new(Registered with { ECertExpiresOn = D("2026-09-30") }, "2026-11-21", false, InGracePeriod, "2026-12-31"),
        ["e-cert 2026-11-30, first grace day"] = new(Registered with { ECertExpiresOn = D("2026-11-30") }, "2026-12-01", false, InGracePeriod, "2027-02-28"),
        ["e-cert 2026-11-30, last grace day"] = new(Registered with { ECertExpiresOn = D("2026-11-30") }, "2027-02-28", false, InGracePeriod, "2027-02-28"),
        ["e-cert 2026-11-30, grace over"] = new(Registered with { ECertExpiresOn = D("2026-11-30") }, "2027-03-01", true, ECertExpired, "2027-02-28"),
        ["e-cert 2027-11-29, leap grace day"] = new(Registered with { ECertExpiresOn = D("2027-11-29") }, "2028-02-29", false, InGracePeriod, "2028-02-29"),
        ["e-cert 2027-11-29, grace over"] = new(Registered with { ECertExpiresOn = D("2027-11-29") }, "2028-03-01", true, ECertExpired, "2028-02-29"),
        ["e-cert 2026-12-31, last grace day"] = new(Registered with { ECertExpiresOn = D("2026-12-31") }, "2027-03-31", false, InGracePeriod, "2027-03-31"),
        ["e-cert 2026-12-31, grace over"] = new(Registered with { ECertExpiresOn = D("2026-12-31") }, "2027-04-01", true, ECertExpired, "2027-03-31"),
        ["card expired, in grace"] = new(Registered with { CardExpiresOn = D("2026-08-20"), ECertExpiresOn = D("2026-08-20") }, "2026-11-30", false, InGracePeriod, "2026-11-30"),
        ["card expired, grace over"] = new(Registered with { CardExpiresOn = D("2026-08-20"), ECertExpiresOn = D("2026-08-20") }, "2026-12-01", true, CardExpired, "2026-11-30"),
        ["e-cert expiry computed from the issue date"] = new(NoExpiry with { CardIssuedOn = D("2021-07-01") }, "2026-11-21", true, ECertExpired, "2026-09-30"),
        ["minor's card computed from the issue date"] = new(NoExpiry with { BirthDate = D("2010-03-10"), CardIssuedOn = D("2021-09-01") }, "2026-11-21", true, CardExpired, "2026-06-30"),

        // overseas transfer
        ["Japanese, departure tomorrow, not filed"] = new(Registered with { DepartureDate = D("2026-11-22") }, "2026-11-21", false, RegisteredValid, "2029-06-15"),
        ["Japanese, departed today without filing"] = new(Registered with { DepartureDate = D("2026-11-21") }, "2026-11-21", true, CardLapsedOverseas, "2026-11-21"),
        ["Japanese, filed the day before departure"] = new(Registered with { DepartureDate = D("2026-11-21"), ContinuationFiledOn = D("2026-11-20") }, "2026-11-21", false, RegisteredValid, "2029-06-15"),
        ["Japanese, filed on the departure day (too late)"] = new(Registered with { DepartureDate = D("2026-11-21"), ContinuationFiledOn = D("2026-11-21") }, "2026-11-21", true, CardLapsedOverseas, "2026-11-21"),
        ["foreign national, departure in 30 days (the window opens)"] = new(Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2026-12-21") }, "2026-11-21", true, ForeignNationalDeparture, "2026-12-21"),
        ["foreign national, departure tomorrow"] = new(Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2026-11-22") }, "2026-11-21", true, ForeignNationalDeparture, "2026-11-22"),
        ["foreign national, departure in 31 days: the card still serves"] = new(Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2026-12-22") }, "2026-11-21", false, RegisteredValid, "2029-06-15"),
        ["foreign national, departure months ahead"] = new(Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2027-03-31") }, "2026-11-21", false, RegisteredValid, "2029-06-15"),
        ["foreign national, departed though filed"] = new(Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2026-10-01"), ContinuationFiledOn = D("2026-09-01") }, "2026-11-21", true, CardLapsedOverseas, "2026-10-01"),
        ["departure beats registration cancelled"] = new(Registered with { CardState = CardState.RegistrationCancelled, Nationality = Nationality.Foreign, DepartureDate = D("2026-12-15") }, "2026-11-21", true, ForeignNationalDeparture, "2026-12-15"),
        ["registration cancelled before a departure's window"] = new(Registered with { CardState = CardState.RegistrationCancelled, Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15") }, "2026-11-21", true, RegistrationCancelled, null),
        ["lapse beats not registered"] = new(Registered with { CardState = CardState.NotRegistered, DepartureDate = D("2026-10-01") }, "2026-11-21", true, CardLapsedOverseas, "2026-10-01"),
        ["lapse beats expiry"] = new(Registered with { ECertExpiresOn = D("2026-01-31"), DepartureDate = D("2026-10-01") }, "2026-11-21", true, CardLapsedOverseas, "2026-10-01"),
        ["no card beats lapse"] = new(NoExpiry with { CardState = CardState.None, DepartureDate = D("2026-10-01") }, "2026-11-21", true, NoCard, null),
        ["returned beats lapse"] = new(Registered with { CardState = CardState.Returned, DepartureDate = D("2026-10-01") }, "2026-11-21", true, CardReturned, null),

        // out of the society
        ["qualification lost today"] = new(Registered with { CardState = CardState.None, QualificationLostOn = D("2026-11-21") }, "2026-11-21", false, QualificationLost, "2026-11-21"),
        ["qualification loss beats an application"] = new(Registered with { Application = CertificateApplication.LostCard, QualificationLostOn = D("2026-11-01") }, "2026-11-21", false, QualificationLost, "2026-11-01"),
        ["qualification loss tomorrow"] = new(NoExpiry with { CardState = CardState.None, QualificationLostOn = D("2026-11-22") }, "2026-11-21", true, NoCard, null),
        ["75th birthday today"] = new(NoExpiry with { BirthDate = D("1951-11-21"), CardState = CardState.None }, "2026-11-21", false, LateStageElderly, "2026-11-21"),
        ["day before the 75th birthday"] = new(NoExpiry with { BirthDate = D("1951-11-22"), CardState = CardState.None }, "2026-11-21", true, NoCard, null),
        ["29 Feb birth, 75th birthday taken as 28 Feb"] = new(NoExpiry with { BirthDate = D("1952-02-29"), CardState = CardState.None }, "2027-02-28", false, LateStageElderly, "2027-02-28"),
        ["29 Feb birth, day before"] = new(NoExpiry with { BirthDate = D("1952-02-29"), CardState = CardState.None }, "2027-02-27", true, NoCard, null),
        ["75 beats an application"] = new(NoExpiry with { BirthDate = D("1951-11-01"), Application = CertificateApplication.CareNeeds }, "2026-11-21", false, LateStageElderly, "2026-11-01"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decides(string name)
    {
        var c = Cases[name];
        var decision = CertificateEligibility.Decide(c.Facts, D(c.AsOf));
        Assert.Equal(c.Reason, decision.Reason);
        Assert.Equal(c.Required, decision.Required);
        Assert.Equal(OptD(c.Date), decision.RelevantDate);
        Assert.Equal(c.Reason.ToString().StartsWith("Application", StringComparison.Ordinal), decision.Urgent);
    }

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Explains_in_both_languages_with_the_date(string name)
    {
        var c = Cases[name];
        var decision = CertificateEligibility.Decide(c.Facts, D(c.AsOf));
        Assert.Matches(Japanese(), decision.ExplanationJa);
        Assert.Matches("^[A-Z]", decision.ExplanationEn);
        if (decision.Required)
            Assert.Contains("資格確認書を交付します", decision.ExplanationJa);
        else
            Assert.Matches("交付しません|不要です", decision.ExplanationJa);
        Assert.Matches(decision.Required ? "is issued" : "no certificate|^Not required yet", decision.ExplanationEn);
        if (decision.RelevantDate is { } date)
        {
            Assert.Contains(date.ToString("yyyy-MM-dd"), decision.ExplanationEn);
            Assert.Contains($"{date.Year}年{date.Month}月{date.Day}日", decision.ExplanationJa);
        }
    }

    [Fact]
    public void Every_reason_appears_in_the_table() =>
        Assert.Empty(Enum.GetValues<CertificateReason>().Except(Cases.Values.Select(c => c.Reason)));

    [Fact]
    public void Registered_explanation_states_the_validity()
    {
        var d = CertificateEligibility.Decide(Registered, Today);
        Assert.Equal("Registered マイナ保険証, e-certificate valid until 2029-06-15; no certificate required.", d.ExplanationEn);
        Assert.Equal("マイナ保険証を利用できるため（電子証明書の有効期限 2029年6月15日）、資格確認書は不要です。", d.ExplanationJa);
        var card = CertificateEligibility.Decide(Cases["registered, card governs"].Facts, Today);
        Assert.Contains("card valid until 2028-01-10", card.ExplanationEn);
        Assert.Contains("マイナンバーカードの有効期限", card.ExplanationJa);
    }

    [Fact]
    public void Grace_explanation_says_not_yet_and_until_when()
    {
        var d = CertificateEligibility.Decide(Cases["e-cert expired 2026-09-30, in grace"].Facts, Today);
        Assert.StartsWith("Not required yet", d.ExplanationEn);
        Assert.Contains("until 2026-12-31", d.ExplanationEn);
        Assert.Contains("2026年12月31日まで", d.ExplanationJa);
        Assert.Contains("まだ不要", d.ExplanationJa);
    }

    [Fact]
    public void Lapse_explanation_names_the_filing_deadline()
    {
        var d = CertificateEligibility.Decide(Cases["Japanese, departed today without filing"].Facts, Today);
        Assert.Contains("by 2026-11-20", d.ExplanationEn);
        Assert.Contains("2026年11月20日", d.ExplanationJa);
        Assert.Contains("国外継続利用申請", d.ExplanationJa);
    }

    [Fact]
    public void A_foreign_national_leaving_later_is_told_when_the_certificate_comes()
    {
        var d = CertificateEligibility.Decide(Cases["foreign national, departure months ahead"].Facts, Today);
        Assert.Equal(
            "マイナ保険証を利用できるため（電子証明書の有効期限 2029年6月15日）、資格確認書は不要です。外国籍の方は出国後にカードを利用できないため、出国前の2027年3月1日に資格確認書を交付します。",
            d.ExplanationJa);
        Assert.EndsWith("Foreign nationals cannot keep the card abroad: a certificate (資格確認書) follows on 2027-03-01, before departure.", d.ExplanationEn);
    }

    [Theory]
    [InlineData(30, "2026-12-21", true)]
    [InlineData(30, "2026-12-22", false)]
    [InlineData(45, "2027-01-05", true)]  // the window is the reminder setting: the hand-off and the decision agree
    [InlineData(45, "2027-01-06", false)]
    [InlineData(1, "2026-11-22", true)]
    [InlineData(1, "2026-11-23", false)]
    public void A_foreign_nationals_certificate_comes_when_the_overseas_window_opens(int windowDays, string departure, bool required)
    {
        var settings = new ReminderSettings { OverseasWindowDays = windowDays };
        var facts = Registered with { Nationality = Nationality.Foreign, DepartureDate = D(departure) };

        var d = CertificateEligibility.Decide(facts, Today, settings);

        Assert.Equal((required, required ? ForeignNationalDeparture : RegisteredValid), (d.Required, d.Reason));
        Assert.Equal(D(departure).AddDays(-windowDays), CertificateEligibility.ForeignNationalCertificateFrom(D(departure), settings));
    }

    [Fact]
    public void Bad_settings_are_rejected_with_their_code()
    {
        var ex = Assert.Throws<RuleException>(() => CertificateEligibility.Decide(
            Registered with { Nationality = Nationality.Foreign, DepartureDate = D("2027-01-15") }, Today, new ReminderSettings { OverseasWindowDays = 0 }));
        Assert.Equal("REMINDER_SETTINGS_INVALID", ex.Code);
    }

    [Fact]
    public void Bad_facts_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => CertificateEligibility.Decide(null!, Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateEligibility.Decide(Registered with { CardState = (CardState)42 }, Today));
        var ex = Assert.Throws<RuleException>(() => CertificateEligibility.Decide(NoExpiry with { CardIssuedOn = D("1980-01-01") }, Today));
        Assert.Equal("CARD_ISSUED_BEFORE_BIRTH", ex.Code);
    }

    private static readonly HashSet<CertificateReason> NotRequiredReasons = [RegisteredValid, InGracePeriod, QualificationLost, LateStageElderly];

    private static readonly Arbitrary<(MemberFacts Facts, DateOnly Day)> AnyMemberAnyDay =
        (from f in FactsGen.Members
         from day in FactsGen.Days
         where f.CardIssuedOn is not { } issued || issued >= f.BirthDate
         select (f, day)).ToArbitrary();

    [Fact]
    public void Required_matches_the_reason_and_only_applications_are_urgent() =>
        Prop.ForAll(AnyMemberAnyDay, t =>
        {
            var d = CertificateEligibility.Decide(t.Facts, t.Day);
            Assert.Equal(!NotRequiredReasons.Contains(d.Reason), d.Required);
            Assert.Equal(d.Reason is ApplicationCareNeeds or ApplicationLostCard or ApplicationCardRenewal, d.Urgent);
            Assert.False(string.IsNullOrWhiteSpace(d.ExplanationJa));
            Assert.False(string.IsNullOrWhiteSpace(d.ExplanationEn));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void An_insured_member_who_applied_always_gets_an_urgent_certificate() =>
        Prop.ForAll(AnyMemberAnyDay, t =>
        {
            var insured = t.Day < LateStageElderlyRule.TransferDate(t.Facts.BirthDate)
                          && (t.Facts.QualificationLostOn is not { } lost || t.Day < lost);
            var d = CertificateEligibility.Decide(t.Facts, t.Day);
            if (insured && t.Facts.Application != CertificateApplication.None)
                Assert.True(d.Required && d.Urgent);
            if (!insured)
                Assert.False(d.Required);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_plain_registered_member_needs_a_certificate_exactly_from_the_day_after_grace() =>
        Prop.ForAll((from eCert in FactsGen.Days from day in FactsGen.Days select (eCert, day)).ToArbitrary(), t =>
        {
            var facts = NoExpiry with { ECertExpiresOn = t.eCert };
            var graceEnd = CardValidity.GraceEnd(t.eCert);
            Assert.Equal(t.day > graceEnd, CertificateEligibility.Decide(facts, t.day).Required);
        }).QuickCheckThrowOnFailure();
}
