using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

public class CardValidityTests
{
    [Theory]
    [InlineData("2026-11-30", "2027-02-28")]
    [InlineData("2026-12-31", "2027-03-31")]
    [InlineData("2027-11-29", "2028-02-29")] // into a leap February
    [InlineData("2027-11-30", "2028-02-29")]
    [InlineData("2028-11-30", "2029-02-28")]
    [InlineData("2026-11-01", "2027-02-28")]
    [InlineData("2027-01-31", "2027-04-30")]
    [InlineData("2027-10-31", "2028-01-31")]
    [InlineData("2028-02-29", "2028-05-31")]
    [InlineData("2026-09-30", "2026-12-31")]
    public void Grace_ends_at_the_end_of_the_month_three_months_later(string expiry, string graceEnd) =>
        Assert.Equal(D(graceEnd), CardValidity.GraceEnd(D(expiry)));

    [Theory]
    // adults: the 10th birthday after issue
    [InlineData("1990-05-10", "2020-05-10", null, "2030-05-10")] // issued on the birthday: that birthday does not count
    [InlineData("1990-05-10", "2020-05-09", null, "2029-05-10")]
    [InlineData("1980-10-10", "2020-05-15", null, "2029-10-10")] // 政府広報 example
    // the 18th-birthday rule (applications from 2022-04-01)
    [InlineData("2008-06-10", "2026-06-09", null, "2030-06-10")] // 17 at issue: 5th birthday
    [InlineData("2008-06-10", "2026-06-10", null, "2036-06-10")] // 18 at issue: 10th birthday
    [InlineData("2015-01-20", "2026-11-21", null, "2031-01-20")]
    // before 2022-04-01 the threshold was 20
    [InlineData("2002-06-10", "2021-06-01", null, "2025-06-10")] // 18 at issue, applied before the change: 5th
    [InlineData("2002-06-10", "2022-06-01", null, "2031-06-10")] // 19 at issue, after: 10th
    [InlineData("2002-06-10", "2022-04-20", "2022-03-31", "2026-06-10")] // applied the day before the change
    [InlineData("2002-06-10", "2022-04-20", "2022-04-01", "2031-06-10")] // applied on the day of the change
    [InlineData("2001-06-10", "2021-06-10", null, "2031-06-10")] // 20 at issue: 10th
    // 29 February holders
    [InlineData("1988-02-29", "2021-03-01", null, "2031-02-28")]
    [InlineData("1988-02-29", "2022-02-28", null, "2032-02-29")] // Feb 28 is the 2022 birthday, so it does not count
    [InlineData("1988-02-29", "2022-02-27", null, "2031-02-28")]
    public void Card_expiry_from_issue(string birth, string issued, string? applied, string expected) =>
        Assert.Equal(D(expected), CardValidity.CardExpiryAfterIssue(D(birth), D(issued), OptD(applied)));

    [Theory]
    [InlineData("1990-05-10", "2020-05-10", "2025-05-10")]
    [InlineData("1990-05-10", "2020-05-09", "2024-05-10")]
    [InlineData("2008-06-10", "2026-06-09", "2030-06-10")]
    [InlineData("1988-02-29", "2023-03-01", "2028-02-29")]
    [InlineData("1988-02-29", "2021-03-01", "2026-02-28")]
    public void ECert_expiry_from_issue_is_the_5th_birthday(string birth, string issued, string expected) =>
        Assert.Equal(D(expected), CardValidity.ECertExpiryAfterIssue(D(birth), D(issued)));

    [Fact]
    public void FromIssue_for_an_adult_is_governed_by_the_ecertificate()
    {
        var v = CardValidity.FromIssue(D("1990-05-10"), D("2021-07-01"));
        Assert.Equal(D("2031-05-10"), v.CardExpiresOn);
        Assert.Equal(D("2026-05-10"), v.ECertExpiresOn);
        Assert.Equal(D("2026-08-31"), v.GraceEndsOn);
        Assert.Equal(CardExpiryKind.ECertificate, v.ExpiryKind);
    }

    [Fact]
    public void FromIssue_for_a_minor_is_governed_by_the_card()
    {
        var v = CardValidity.FromIssue(D("2015-01-20"), D("2026-11-21"));
        Assert.Equal(D("2031-01-20"), v.CardExpiresOn);
        Assert.Equal(D("2031-01-20"), v.ECertExpiresOn);
        Assert.Equal(CardExpiryKind.Card, v.ExpiryKind);
        Assert.Equal(D("2031-04-30"), v.GraceEndsOn);
    }

    [Theory]
    [InlineData("2030-01-10", "2031-01-10", "2030-01-10", CardExpiryKind.Card)] // never past the card
    [InlineData("2030-01-10", "2030-01-10", "2030-01-10", CardExpiryKind.Card)]
    [InlineData("2030-01-10", "2027-01-10", "2027-01-10", CardExpiryKind.ECertificate)]
    [InlineData("2030-01-10", null, "2030-01-10", CardExpiryKind.Card)]
    [InlineData(null, "2027-01-10", "2027-01-10", CardExpiryKind.ECertificate)]
    public void FromExpiries_caps_the_ecertificate_at_the_card(string? card, string? eCert, string usable, CardExpiryKind kind)
    {
        var v = CardValidity.FromExpiries(OptD(card), OptD(eCert));
        Assert.Equal(D(usable), v.ECertExpiresOn);
        Assert.Equal(OptD(card), v.CardExpiresOn);
        Assert.Equal(kind, v.ExpiryKind);
        Assert.Equal(CardValidity.GraceEnd(D(usable)), v.GraceEndsOn);
    }

    [Fact]
    public void FromExpiries_needs_a_date() =>
        Assert.Throws<ArgumentException>(() => CardValidity.FromExpiries(null, null));

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", CardUsability.Valid)]
    [InlineData("2026-11-30", "2026-12-01", CardUsability.InGracePeriod)]
    [InlineData("2026-11-30", "2027-02-28", CardUsability.InGracePeriod)]
    [InlineData("2026-11-30", "2027-03-01", CardUsability.GraceEnded)]
    [InlineData("2027-11-29", "2028-02-29", CardUsability.InGracePeriod)]
    [InlineData("2027-11-29", "2028-03-01", CardUsability.GraceEnded)]
    [InlineData("2026-12-31", "2027-03-31", CardUsability.InGracePeriod)]
    [InlineData("2026-12-31", "2027-04-01", CardUsability.GraceEnded)]
    public void Usability_on_a_day(string eCertExpiry, string day, CardUsability expected) =>
        Assert.Equal(expected, CardValidity.FromExpiries(null, D(eCertExpiry)).On(D(day)));

    [Fact]
    public void For_facts_prefers_printed_dates_and_computes_the_rest()
    {
        var birth = D("1990-05-10");
        Assert.Null(CardValidity.For(new MemberFacts { BirthDate = birth }));

        var computed = CardValidity.For(new MemberFacts { BirthDate = birth, CardIssuedOn = D("2021-07-01") })!;
        Assert.Equal(CardValidity.FromIssue(birth, D("2021-07-01")), computed);

        var printed = CardValidity.For(new MemberFacts
        {
            BirthDate = birth, CardIssuedOn = D("2021-07-01"), ECertExpiresOn = D("2031-05-10"),
        })!;
        Assert.Equal(D("2031-05-10"), printed.ECertExpiresOn); // a renewed e-certificate, up to the computed card expiry
        Assert.Equal(D("2031-05-10"), printed.CardExpiresOn);

        var cardOnly = CardValidity.For(new MemberFacts { BirthDate = birth, CardExpiresOn = D("2029-05-10") })!;
        Assert.Equal(D("2029-05-10"), cardOnly.ECertExpiresOn);
    }

    [Fact]
    public void Issue_before_birth_is_a_clear_error()
    {
        var ex = Assert.Throws<RuleException>(() => CardValidity.FromIssue(D("2020-01-02"), D("2020-01-01")));
        Assert.Equal("CARD_ISSUED_BEFORE_BIRTH", ex.Code);
        Assert.Contains("発行日", ex.Error.MessageJa);
    }

    [Fact]
    public void Grace_is_a_month_end_three_months_on_between_89_and_123_days_later() =>
        Prop.ForAll(Between(D("2016-01-01"), D("2060-12-31")).ToArbitrary(), expiry =>
        {
            var end = CardValidity.GraceEnd(expiry);
            Assert.True(CalendarMonths.IsEndOfMonth(end));
            Assert.Equal(3, (end.Year - expiry.Year) * 12 + end.Month - expiry.Month);
            Assert.InRange(end.DayNumber - expiry.DayNumber, 89, 122);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Issue_rules_hold_for_any_holder() =>
        Prop.ForAll((from birth in Between(D("1930-01-01"), D("2026-11-21"))
                     from days in Gen.Choose(0, 90 * 365)
                     let issued = birth.AddDays(days)
                     where issued >= D("2016-01-01") && issued <= D("2030-12-31")
                     select (birth, issued)).ToArbitrary(), t =>
        {
            var v = CardValidity.FromIssue(t.birth, t.issued);
            var card = v.CardExpiresOn!.Value;
            Assert.True(v.ECertExpiresOn <= card);
            Assert.True(v.ECertExpiresOn > t.issued);
            // Expiries fall on birthdays (28 February for a 29 February birth in a non-leap year).
            Assert.Equal(Age.BirthdayIn(t.birth, card.Year), card);
            var ageAtIssue = Age.On(t.birth, t.issued);
            var minorAt = t.issued < CardValidity.AdultAgeEighteenFrom ? 20 : 18;
            Assert.Equal(ageAtIssue < minorAt ? 5 : 10, Age.On(t.birth, card) - ageAtIssue);
            Assert.Equal(5, Age.On(t.birth, v.ECertExpiresOn) - ageAtIssue);
        }).QuickCheckThrowOnFailure();
}
