using Hub.Domain.Eligibility;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

public class MemberFactsTests
{
    [Theory]
    [InlineData(Nationality.Japanese, null, null, null, false)]
    [InlineData(Nationality.Japanese, "2027-01-15", null, "2027-01-14", true)]
    [InlineData(Nationality.Japanese, "2027-01-15", "2027-01-14", "2027-01-14", false)] // filed on the deadline
    [InlineData(Nationality.Japanese, "2027-01-15", "2026-12-01", "2027-01-14", false)]
    [InlineData(Nationality.Japanese, "2027-01-15", "2027-01-15", "2027-01-14", true)] // filed on departure day: too late
    [InlineData(Nationality.Japanese, "2028-03-01", "2028-02-29", "2028-02-29", false)]
    [InlineData(Nationality.Japanese, "2028-03-01", "2028-03-01", "2028-02-29", true)]
    [InlineData(Nationality.Foreign, "2027-01-15", "2027-01-01", "2027-01-14", true)] // cannot keep the card at all
    [InlineData(Nationality.Foreign, null, null, null, false)]
    public void Continuation_deadline_is_the_day_before_departure(
        Nationality nationality, string? departure, string? filed, string? deadline, bool lapses)
    {
        var facts = new MemberFacts
        {
            BirthDate = D("1985-06-15"), Nationality = nationality, DepartureDate = OptD(departure), ContinuationFiledOn = OptD(filed),
        };
        Assert.Equal(OptD(deadline), facts.ContinuationDeadline);
        Assert.Equal(lapses, facts.CardLapsesOnDeparture);
    }

    [Fact]
    public void Defaults_describe_a_member_with_a_My_Number_and_no_card()
    {
        var facts = new MemberFacts { BirthDate = D("1985-06-15") };
        Assert.True(facts.HasMyNumber);
        Assert.Equal(CardState.None, facts.CardState);
        Assert.Equal(Nationality.Japanese, facts.Nationality);
        Assert.Equal(CertificateApplication.None, facts.Application);
    }
}
