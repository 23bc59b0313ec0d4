using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;

namespace Hub.Domain.Tests.Eligibility;

/// <summary>
/// The properties storage relies on: a sweep that only visits members whose next action date has come
/// sends exactly what a sweep of every member every day would send, downtime included.
/// </summary>
public class ReminderSchedulePropertyTests
{
    private static readonly DateOnly Start = new(2026, 11, 1);
    private const int Days = 1200;

    private static readonly Arbitrary<(MemberFacts Facts, bool[] Down)> MembersWithDowntime =
        (from facts in FactsGen.Members
         where facts.CardIssuedOn is not { } issued || issued >= facts.BirthDate
         from down in Gen.ArrayOf(Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true))), Days)
         select (facts, down)).ToArbitrary();

    private static readonly Arbitrary<(MemberFacts Facts, DateOnly Day)> MembersAndDays =
        (from facts in FactsGen.Members
         where facts.CardIssuedOn is not { } issued || issued >= facts.BirthDate
         from day in FactsGen.Days
         select (facts, day)).ToArbitrary();

    [Fact]
    public void Due_reminders_are_due_and_unique() =>
        Prop.ForAll(MembersAndDays, t =>
        {
            var due = ReminderSchedule.DueAsOf(t.Facts, t.Day);
            Assert.All(due, r => Assert.True(r.DueDate <= t.Day));
            Assert.Equal(due.Count, due.Select(r => (r.Reason, r.DueDate)).Distinct().Count());
            Assert.Equal(due.Count, due.Select(r => (r.Reason, r.EventDate)).Distinct().Count());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Something_falls_due_on_the_next_action_date_and_nothing_new_before_it() =>
        Prop.ForAll(MembersAndDays, t =>
        {
            var next = ReminderSchedule.NextActionDate(t.Facts, t.Day);
            if (next is { } n)
            {
                Assert.True(n > t.Day);
                Assert.Contains(ReminderSchedule.DueAsOf(t.Facts, n), r => r.DueDate == n);
            }
            var horizon = next ?? t.Day.AddDays(3000);
            for (var x = t.Day.AddDays(1); x < horizon && x < t.Day.AddDays(400); x = x.AddDays(1))
                Assert.DoesNotContain(ReminderSchedule.DueAsOf(t.Facts, x), r => r.DueDate > t.Day);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Indexed_sweep_sends_what_a_full_daily_scan_sends() =>
        Prop.ForAll(MembersWithDowntime, t =>
        {
            var full = new HashSet<(ReminderReason, DateOnly)>();
            var indexed = new HashSet<(ReminderReason, DateOnly)>();
            // The member is indexed when its facts arrive, before the first sweep day.
            var next = ReminderSchedule.FirstActionDate(t.Facts, Start.AddDays(-1));
            for (var i = 0; i < Days; i++)
            {
                if (t.Down[i])
                    continue; // neither sweep runs on a day of downtime
                var day = Start.AddDays(i);
                foreach (var r in ReminderSchedule.DueAsOf(t.Facts, day))
                    full.Add((r.Reason, r.DueDate));
                if (next is { } n && n <= day)
                {
                    foreach (var r in ReminderSchedule.DueAsOf(t.Facts, day))
                        indexed.Add((r.Reason, r.DueDate));
                    next = ReminderSchedule.NextActionDate(t.Facts, day);
                }
            }
            Assert.Equal(full.OrderBy(x => x).ToList(), indexed.OrderBy(x => x).ToList());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Hand_offs_to_issuance_survive_downtime() =>
        Prop.ForAll(MembersWithDowntime, t =>
        {
            static HashSet<(ReminderReason, DateOnly)> HandOffs(MemberFacts facts, Func<int, bool> runs)
            {
                var sent = new HashSet<(ReminderReason, DateOnly)>();
                for (var i = 0; i < Days; i++)
                {
                    if (!runs(i))
                        continue;
                    foreach (var r in ReminderSchedule.DueAsOf(facts, Start.AddDays(i)))
                        if (r.Action != ReminderAction.Notify && r.Reason != ReminderReason.CertificateExpiring)
                            sent.Add((r.Reason, r.DueDate));
                }
                return sent;
            }

            // The last day runs in both, so anything handed off while the member is insured is caught up.
            var everyDay = HandOffs(t.Facts, _ => true);
            var withDowntime = HandOffs(t.Facts, i => i == Days - 1 || !t.Down[i]);
            var lastDay = Start.AddDays(Days - 1);
            var insuredAtEnd = t.Facts.QualificationLostOn is not { } lost || lost > lastDay;
            if (insuredAtEnd && Hub.Domain.Members.LateStageElderlyRule.TransferDate(t.Facts.BirthDate) > lastDay)
                Assert.Equal(everyDay.OrderBy(x => x).ToList(), withDowntime.OrderBy(x => x).ToList());
        }).QuickCheckThrowOnFailure();
}
