using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Members;

/// <summary>Concurrent work on one member, one household and one employer counter (ETags and retries).</summary>
[Collection(MemberStorageFixture.Collection.Name)]
public sealed class ConcurrencyTests(MemberStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task Concurrent_rows_of_several_submissions_for_one_member_all_apply_and_the_latest_submission_wins_field_by_field()
    {
        var ctx = await fixture.CreateAsync(Today);
        var enrol = MemberTestData.Enroll(ctx.Employer, "C1", MemberTestData.NewMyNumber());
        await ctx.RegisterAsync(enrol);
        var memberId = MemberIds.ForInsured(ctx.Employer, "C1");
        CardState[] states = [CardState.NotRegistered, CardState.Returned, CardState.RegistrationCancelled, CardState.None, CardState.NotRegistered, CardState.Returned];
        var requests = new List<Hub.Core.Submissions.RegistrationRequest>();
        for (var i = 0; i < states.Length; i++)
            requests.Add(await ctx.StageAsync(MemberTestData.Update(enrol, 2) with
            {
                CardState = states[i],
                DepartureDate = i % 2 == 0 ? new DateOnly(2027, 1, 1).AddDays(i) : null,
            }));

        // Processed all at once, latest staged first: the ETag races are retried and submission order decides.
        var results = await Task.WhenAll(requests.AsEnumerable().Reverse().Select(r => Task.Run(() => ctx.Pipeline.Registration.RegisterAsync(r))));

        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Equal(states[^1], member!.CardState);
        Assert.Equal(new DateOnly(2027, 1, 5), member.DepartureDate); // row 4 is the latest row that set it
        Assert.Equal(1 + states.Length, (await ctx.Pipeline.Store.OperationsAsync(memberId)).Count(o => o.Step == MemberRegistration.StepName));
        var events = await ctx.Pipeline.Store.EventsAsync(memberId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(1 + states.Length, events.Count(e => e.Type == EventTypes.MemberRegistered));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(results, r => Assert.Single(r.Dispatches));
    }

    [Fact]
    public async Task The_same_row_delivered_twice_at_once_is_applied_once()
    {
        var ctx = await fixture.CreateAsync(Today);
        var request = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "C2", MemberTestData.NewMyNumber()));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ctx.Pipeline.Registration.RegisterAsync(request))));

        var memberId = MemberIds.ForInsured(ctx.Employer, "C2");
        Assert.Single(await ctx.Pipeline.Store.EventsAsync(memberId));
        Assert.Single(await ctx.Pipeline.Store.OperationsAsync(memberId));
        Assert.All(results, r => Assert.Equal(results[0].Dispatches, r.Dispatches));
        Assert.All(results, r => Assert.Equal([new NoticeRequest(memberId, ctx.Employer, 1)], r.Notices));
        // Each racing attempt draws a number from this process's block before the roster insert decides the winner, so
        // the member holds one of the first four (the losers' numbers are skipped: unique and stable, not gap-free).
        var number = (await ctx.Pipeline.Store.FindAsync(memberId))!.InsuredNumber;
        Assert.Contains(number, new[] { "0000001", "0000002", "0000003", "0000004" });
        var again = await ctx.Pipeline.Registration.RegisterAsync(request);
        Assert.Equal(number, (await ctx.Pipeline.Store.FindAsync(memberId))!.InsuredNumber);
        Assert.Equal(results[0].Dispatches, again.Dispatches);
    }

    [Fact]
    public async Task Concurrent_enrolments_on_two_instances_get_distinct_numbers_and_concurrent_dependants_distinct_branches()
    {
        var ctx = await fixture.CreateAsync(Today);
        // Two pipelines stand for two handler instances: their counter updates race on the ETag.
        var other = await fixture.CreateAsync(Today, employer: ctx.Employer);
        var enrolments = new List<Hub.Core.Submissions.RegistrationRequest>();
        for (var i = 0; i < 12; i++) enrolments.Add(await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, $"N{i:D2}", MemberTestData.NewMyNumber())));
        await Task.WhenAll(enrolments.Select((r, i) => Task.Run(() => (i % 2 == 0 ? ctx : other).Pipeline.Registration.RegisterAsync(r))));
        var numbers = new List<string>();
        for (var i = 0; i < 12; i++) numbers.Add((await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, $"N{i:D2}")))!.InsuredNumber);
        // Unique, and drawn from the two blocks the two instances reserved from the counter (1–10 and 11–20).
        Assert.Equal(12, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.InRange(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), 1, 2 * InsuredRoster.BlockSize));

        var dependants = new List<Hub.Core.Submissions.RegistrationRequest>();
        for (var i = 0; i < 5; i++)
            dependants.Add(await ctx.StageAsync(MemberTestData.AddDependant(ctx.Employer, "N00", MemberTestData.NewMyNumber(), Relationship.Child,
                $"子 {i}", $"コ {(char)('ア' + 2 * i)}", new DateOnly(2010 + i, 1, 1))));
        await Task.WhenAll(dependants.Select((r, i) => Task.Run(() => (i % 2 == 0 ? ctx : other).Pipeline.Registration.RegisterAsync(r))));
        var household = Household.Parse((await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "N00")))!.Household);
        Assert.Equal(["00", "01", "02", "03", "04", "05"], household.Select(h => h.Branch).Order());
        foreach (var (id, branch) in household) Assert.Equal(branch, (await ctx.Pipeline.Store.FindAsync(id))!.BranchNumber);
    }
}
