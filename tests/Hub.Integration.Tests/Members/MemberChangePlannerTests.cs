using FsCheck;
using FsCheck.Fluent;
using Hub.Core.Members;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Members;

/// <summary>The pure change planner: full vs partial rows, withdrawal and rejoining, submission order per field.</summary>
public sealed class MemberChangePlannerTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static RowStamp Stamp(int minutes, string submission = "S", int row = 2) => new(T0.AddMinutes(minutes), submission, row);

    private static Member Enrolled(out SubmissionRecord enrol)
    {
        enrol = MemberTestData.Enroll("E1", "A1", null) with { MyNumber = null };
        var member = new Member { PartitionKey = "m" + new string('0', 24) };
        MemberChangePlanner.Apply(member, enrol, Stamp(0), "mn1.k.cipher", "hash-1", Today);
        return member;
    }

    [Fact]
    public void An_enrolment_sets_every_field_and_a_later_update_only_the_fields_it_carries()
    {
        var member = Enrolled(out var enrol);
        Assert.Equal(("山田 太郎", CardState.Registered, "hash-1", "mn1.k.cipher"), (member.NameKanji, member.CardState, member.MyNumberHash, member.ProtectedMyNumber));
        Assert.Equal(new DateOnly(2029, 4, 12), member.EcertExpiryDate);

        var change = MemberChangePlanner.Apply(member, MemberTestData.Update(enrol, 3) with { CardState = CardState.NotRegistered }, Stamp(1), null, null, Today);

        Assert.Equal([MemberFields.CardState], change.ChangedFields);
        Assert.True(change.EligibilityChanged);
        Assert.Equal(CardState.NotRegistered, member.CardState);
        Assert.Equal(new DateOnly(2029, 4, 12), member.EcertExpiryDate); // empty on an update: unchanged
        Assert.Equal("hash-1", member.MyNumberHash);
        Assert.False(change.MyNumberChanged);
    }

    [Fact]
    public void A_second_enrolment_describes_the_person_completely_and_clears_what_it_leaves_empty()
    {
        var member = Enrolled(out var enrol);
        var change = MemberChangePlanner.Apply(member, enrol with { RowNumber = 4, EcertExpiryDate = null, CardExpiryDate = null }, Stamp(2), "mn1.k.cipher", "hash-1", Today);
        Assert.Equal([MemberFields.CardExpiryDate, MemberFields.EcertExpiryDate], change.ChangedFields);
        Assert.Null(member.EcertExpiryDate);
    }

    [Fact]
    public void A_corrected_my_number_replaces_ciphertext_and_hash_and_reports_the_previous_hash()
    {
        var member = Enrolled(out var enrol);
        var change = MemberChangePlanner.Apply(member, MemberTestData.Update(enrol, 3), Stamp(1), "mn1.k.other", "hash-2", Today);
        Assert.True(change.MyNumberChanged);
        Assert.Equal("hash-1", change.PreviousMyNumberHash);
        Assert.Equal(("mn1.k.other", "hash-2"), (member.ProtectedMyNumber, member.MyNumberHash));
        Assert.Contains(MemberFields.MyNumber, change.ChangedFields);
    }

    [Fact]
    public void Withdrawal_sets_the_loss_date_and_a_later_enrolment_reinstates()
    {
        var member = Enrolled(out var enrol);
        var leave = MemberChangePlanner.Apply(member, MemberTestData.Withdraw(enrol, new DateOnly(2026, 12, 1), 3), Stamp(1), null, null, Today);
        Assert.True(leave.Withdrawn);
        Assert.False(member.IsInsuredOn(new DateOnly(2026, 12, 1)));
        Assert.True(member.IsInsuredOn(new DateOnly(2026, 11, 30)));

        var back = MemberChangePlanner.Apply(member, enrol with { RowNumber = 5, QualificationDate = new DateOnly(2027, 4, 1) }, Stamp(2), "mn1.k.cipher", "hash-1", Today);
        Assert.True(back.Reinstated);
        Assert.Null(member.LossDate);
        Assert.Equal(new DateOnly(2027, 4, 1), member.QualificationDate);
    }

    [Fact]
    public void A_row_earlier_in_submission_order_does_not_overwrite_fields_a_later_one_set()
    {
        var member = Enrolled(out var enrol);
        MemberChangePlanner.Apply(member, MemberTestData.Update(enrol, 3) with { NameKanji = "新しい 名前", CardState = CardState.Returned }, Stamp(10, "S2"), null, null, Today);
        // The older row arrives late: its card state and name are superseded, its departure date is new.
        var late = MemberChangePlanner.Apply(member, MemberTestData.Update(enrol, 4) with { CardState = CardState.NotRegistered, DepartureDate = new DateOnly(2027, 1, 15) },
            Stamp(5, "S1"), null, null, Today);
        Assert.Equal(CardState.Returned, member.CardState);
        Assert.Equal("新しい 名前", member.NameKanji);
        Assert.Equal(new DateOnly(2027, 1, 15), member.DepartureDate);
        Assert.Equal([MemberFields.DepartureDate], late.ChangedFields);
        Assert.Contains(MemberFields.CardState, late.SupersededFields);
        Assert.Contains(MemberFields.Name, late.SupersededFields);
    }

    [Theory]
    [InlineData("2027-01-15", "2026-11-21", "2026-11-21")] // reported well ahead: dated the day it was reported
    [InlineData("2026-11-22", "2026-11-21", "2026-11-21")] // the deadline itself
    [InlineData("2026-11-10", "2026-11-21", "2026-11-09")] // reported after departure: taken as filed by the deadline
    public void A_continuation_filing_is_dated_the_report_day_at_latest_the_day_before_departure(string departure, string today, string expected)
    {
        var member = Enrolled(out var enrol);
        MemberChangePlanner.Apply(member, MemberTestData.Update(enrol, 3) with { DepartureDate = DateOnly.Parse(departure), OverseasContinuationFiled = true },
            Stamp(1), null, null, DateOnly.Parse(today));
        Assert.Equal(DateOnly.Parse(expected), member.ContinuationFiledOn);
        Assert.False(MemberFactsMapper.Facts(member).CardLapsesOnDeparture);
    }

    [Fact]
    public void The_dependants_withdrawal_with_the_insured_yields_to_a_later_row()
    {
        var member = Enrolled(out var enrol);
        MemberChangePlanner.Apply(member, MemberTestData.Withdraw(enrol, new DateOnly(2026, 10, 31), 3), Stamp(20), null, null, Today);
        Assert.False(MemberChangePlanner.Withdraw(member, new DateOnly(2026, 12, 1), Stamp(10)));
        Assert.Equal(new DateOnly(2026, 10, 31), member.LossDate);
    }

    private static readonly Gen<SubmissionRecord> UpdateRows =
        from name in Gen.Elements("山田 太郎", "山田 次郎", "田中 太郎")
        from card in Gen.Elements<CardState?>(null, CardState.Registered, CardState.NotRegistered, CardState.Returned)
        from departure in Gen.Elements<DateOnly?>(null, new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 1))
        from copay in Gen.Elements<Hub.Domain.Members.CopayRatio?>(null, Hub.Domain.Members.CopayRatio.TwentyPercent, Hub.Domain.Members.CopayRatio.ThirtyPercent)
        from loss in Gen.Elements<DateOnly?>(null, null, new DateOnly(2026, 12, 31))
        select MemberTestData.Update(MemberTestData.Enroll("E1", "A1", null), 2) with
        {
            NameKanji = name, CardState = card, DepartureDate = departure, CopayRatio = copay, LossDate = loss,
            Action = loss is null ? SubmissionAction.Update : SubmissionAction.Withdraw,
        };

    [Fact]
    public void Applying_rows_in_any_order_gives_the_state_of_applying_them_in_submission_order() =>
        Prop.ForAll(
            (from rows in Gen.ListOf(UpdateRows).Where(l => l.Count is > 0 and < 8)
             from order in Gen.Shuffle(Enumerable.Range(0, rows.Count).ToArray())
             select (rows, order)).ToArbitrary(),
            t =>
            {
                var rows = t.rows.Select((r, i) => (Record: r with { RowNumber = i + 2 }, Stamp: Stamp(i + 1, "S", i + 2))).ToList();
                var inOrder = Enrolled(out _);
                foreach (var (record, stamp) in rows) MemberChangePlanner.Apply(inOrder, record, stamp, null, null, Today);
                var shuffled = Enrolled(out _);
                foreach (var i in t.order) MemberChangePlanner.Apply(shuffled, rows[i].Record, rows[i].Stamp, null, null, Today);
                Assert.Equal(
                    (inOrder.NameKanji, inOrder.CardState, inOrder.DepartureDate, inOrder.CopayRatio, inOrder.LossDate, inOrder.FieldStamps),
                    (shuffled.NameKanji, shuffled.CardState, shuffled.DepartureDate, shuffled.CopayRatio, shuffled.LossDate, shuffled.FieldStamps));
            }).QuickCheckThrowOnFailure();
}
