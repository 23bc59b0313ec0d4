using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Core.Storage;
using Hub.Domain.Eligibility;

namespace Hub.Integration.Tests.Reminders;

/// <summary>The ledger as the exactly-once gate: reruns, concurrent sweeps, a run that died before handing over its outputs.</summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class ExactlyOnceTests(ReminderStorageFixture fixture)
{
    private static readonly DateOnly Day = new(2027, 3, 1);

    [Fact]
    public async Task Two_sweeps_running_at_once_send_each_reminder_once()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            // Alternately: the 30-day window opens on 2027-03-01 (a letter), or the grace ended on 2027-02-28 (a hand-off).
            var expiry = i % 2 == 0 ? new DateOnly(2027, 3, 31) : new DateOnly(2026, 11, 30);
            ids.Add(await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, $"P{i:D2}", expiry) with { RowNumber = i + 2 }));
        }
        ctx.Clock.SetDay(new DateOnly(2026, 12, 31)); // let the earlier reminders go out first
        await ctx.SweepAsync();
        ctx.Clock.SetDay(new DateOnly(2027, 1, 29));
        await ctx.SweepAsync();
        ctx.Clock.SetDay(Day);

        var other = new ReminderSweep(new MemberPipeline(ctx.Services));
        var runs = await Task.WhenAll(ctx.Sweep.RunAsync(ReminderKind.All, ctx.Options()), other.RunAsync(ReminderKind.All, ctx.Options()));
        Assert.All(runs, r => Assert.Empty(r.Failures));
        // Both read every due member before either moved one on: every member was handled by both sweeps.
        Assert.All(runs, r => Assert.Equal((12, 12), (r.IndexEntriesRead, r.MembersProcessed)));

        var sent = runs.SelectMany(r => r.Sent).ToList();
        Assert.Equal(12, sent.Count);
        Assert.Equal(12, sent.Select(s => s.MemberId).Distinct().Count());
        var dispatched = runs.SelectMany(r => r.Dispatches).Select(d => d.EventId).ToList();
        Assert.Equal(12, dispatched.Count);
        Assert.Equal(12, dispatched.Distinct().Count());
        Assert.Equal(6, runs.SelectMany(r => r.CertificateRequests).Select(c => c.RequestId).Distinct().Count());
        Assert.Equal(6, runs.Sum(r => r.CertificateRequests.Count));
        foreach (var id in ids)
        {
            Assert.Single(await ctx.ReminderEventsAsync(id), e => e.Data["sentOn"]!.GetValue<string>() == "2027-03-01");
            Assert.Single(await ctx.LedgerAsync(id), m => m.SentOn == Day);
            var events = await ctx.Pipeline.Store.EventsAsync(id);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence)); // no gaps, no twins
        }
        var csv = System.Text.Encoding.UTF8.GetString((await ctx.CsvAsync(Day))!);
        Assert.Equal(1 + 12, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await ctx.Sweep.CompleteAsync(runs[0]);
        await other.CompleteAsync(runs[1]);
    }

    [Fact]
    public async Task The_two_timers_at_once_on_a_member_due_for_both_send_each_reminder_once_and_move_it_on_together()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 2, 1));
        // The 30-day windows of the e-certificate (expires 2027-03-31) and of the departure (2027-03-31) both open on 2027-03-01.
        var id = await ctx.RegisterAsync(ReminderMembers.Leaving(ctx.Employer, "T1", new DateOnly(2027, 3, 31), continuationFiled: false,
            Nationality.Japanese) with { EcertExpiryDate = new DateOnly(2027, 3, 31) });
        ctx.Clock.SetDay(Day);
        var runs = await Task.WhenAll(ctx.Sweep.RunAsync(ReminderKind.Expiry, ctx.Options()),
            new ReminderSweep(new MemberPipeline(ctx.Services)).RunAsync(ReminderKind.Overseas, ctx.Options()));
        Assert.All(runs, r => Assert.Empty(r.Failures));
        Assert.Equal(ReminderReason.ECertExpiring, Assert.Single(runs[0].Sent).Reason);
        Assert.Equal(ReminderReason.OverseasDepartureApproaching, Assert.Single(runs[1].Sent).Reason);
        Assert.Equal(2, (await ctx.ReminderEventsAsync(id)).Count);
        // Whichever finished second moved the member to its next date: the departure day (the card lapses).
        Assert.Equal(new DateOnly(2027, 3, 31), (await ctx.MemberAsync(id)).NextActionDate);
        Assert.Equal(["20270331"], await ctx.IndexDatesAsync(id));
        foreach (var r in runs) await ctx.Sweep.CompleteAsync(r);
    }

    [Fact]
    public async Task A_missing_insurer_setting_stops_the_run_loudly_and_sends_nothing_without_its_letter()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 2, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "Z1", new DateOnly(2027, 3, 31)));
        ctx.Clock.SetDay(Day);
        var values = fixture.Settings.Where(kv => kv.Key is not ("Hub__Insurer__Name" or "Hub__Clock__AsOf")).ToDictionary();
        var services = new Hub.Core.HubServices(Hub.Core.Configuration.Settings.FromDictionary(values), ctx.Clock);
        var sweep = new ReminderSweep(new MemberPipeline(services));
        var e = await Assert.ThrowsAsync<Hub.Core.Configuration.HubConfigurationException>(() => sweep.RunAsync(ReminderKind.Expiry, ctx.Options()));
        Assert.Contains("Hub__Insurer__Name", e.Message);
        Assert.Empty(await ctx.ReminderEventsAsync(id));
        Assert.Equal(["20270201"], await ctx.IndexDatesAsync(id)); // still indexed as due (since registration, inside the 90-day window)
        Assert.Single((await ctx.SweepAsync()).Sent);
    }

    [Fact]
    public async Task A_rerun_sends_nothing_and_changes_no_file()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 2, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "R1", new DateOnly(2027, 3, 31)));
        ctx.Clock.SetDay(Day);
        var first = await ctx.SweepAsync();
        var sent = Assert.Single(first.Sent);
        Assert.NotNull(sent.LetterBlob);
        var csvBlob = ctx.Services.Storage.Container(HubStorage.Containers.Outbox).GetBlobClient(ReminderKeys.CsvBlobName(ctx.Employer, Day));
        var csvBefore = (await csvBlob.GetPropertiesAsync()).Value.ETag;
        var letterBlob = ctx.Services.Storage.Container(HubStorage.Containers.Outbox).GetBlobClient(sent.LetterBlob![(HubStorage.Containers.Outbox.Length + 1)..]);
        var letterBefore = (await letterBlob.GetPropertiesAsync()).Value.ETag;
        var eventsBefore = (await ctx.Pipeline.Store.EventsAsync(id)).Count;

        ctx.Clock.Advance(TimeSpan.FromHours(3));
        var again = await ctx.SweepAsync();
        Assert.Equal((0, 0, 0, 0), (again.Sent.Count, again.Dispatches.Count, again.CertificateRequests.Count, again.OutboxFiles.Count));
        // The member had been re-indexed at its next date, so the rerun did not even read it.
        Assert.Equal(0, again.IndexEntriesRead);
        Assert.Equal(csvBefore, (await csvBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(letterBefore, (await letterBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(eventsBefore, (await ctx.Pipeline.Store.EventsAsync(id)).Count);

        // Put the member back under today, as a registration that changed nothing relevant would: it is read, not re-sent.
        await ctx.Pipeline.ActionIndex.AddAsync(Day, id, ctx.Employer);
        var reread = await ctx.SweepAsync();
        Assert.Equal((1, 0, 1), (reread.IndexEntriesRead, reread.Sent.Count, reread.AlreadySent));
        Assert.Equal(eventsBefore, (await ctx.Pipeline.Store.EventsAsync(id)).Count);
        Assert.Equal(["20270401"], await ctx.IndexDatesAsync(id)); // the grace period starts the day after the expiry
    }

    [Fact]
    public async Task Outputs_of_a_run_that_died_before_handing_them_over_are_sent_by_a_later_run()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "X1", new DateOnly(2026, 11, 30)));
        ctx.Clock.SetDay(new DateOnly(2026, 12, 1));
        await ctx.SweepAsync(); // the e-certificate reminder is behind
        ctx.Clock.SetDay(Day);

        // Committed, but the invocation never returned: its outputs never left.
        var died = await ctx.SweepAsync(complete: false);
        var handOff = Assert.Single(died.Sent);
        Assert.Equal(ReminderReason.GraceEnded, handOff.Reason);

        // Within the function timeout the run might still be alive: nothing is resent.
        ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        var early = await ctx.SweepAsync();
        Assert.Equal((0, 0, 0), (early.Recovered, early.Dispatches.Count, early.CertificateRequests.Count));

        ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await ctx.SweepAsync();
        Assert.Equal(1, later.Recovered);
        Assert.Empty(later.Sent);
        Assert.Equal(died.Dispatches.Select(d => d.EventId), later.Dispatches.Select(d => d.EventId));
        Assert.Equal(died.CertificateRequests, later.CertificateRequests);
        Assert.Single(await ctx.ReminderEventsAsync(id), e => e.Data["reason"]!.GetValue<string>() == "GraceEnded");

        // Handed over now: nothing more to recover.
        ctx.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await ctx.SweepAsync()).Recovered);

        // A note of a commit that never happened is dropped without outputs.
        await ctx.Sweep.Journal.AddAsync(id, ctx.Employer, "reminders:never-committed", ["rem-GraceEnded-20270301"], ctx.Services.Clock.GetUtcNow());
        ctx.Clock.Advance(TimeSpan.FromMinutes(20));
        var orphan = await ctx.SweepAsync();
        Assert.Equal((0, 0), (orphan.Recovered, orphan.Dispatches.Count));
        ctx.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Empty(await ctx.Sweep.Journal.AbandonedAsync(ctx.Services.Clock.GetUtcNow(), ctx.Employer));
    }

    [Fact]
    public async Task Stale_index_entries_are_removed_without_sending_or_moving_the_member()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "S1", new DateOnly(2029, 6, 15)));
        var next = (await ctx.MemberAsync(id)).NextActionDate;
        Assert.Equal(new DateOnly(2029, 3, 17), next); // 90 days before the expiry
        var gone = MemberIds.ForInsured(ctx.Employer, "nobody");
        await ctx.Pipeline.ActionIndex.AddAsync(new DateOnly(2026, 11, 20), gone, ctx.Employer);
        await ctx.Pipeline.ActionIndex.AddAsync(new DateOnly(2026, 11, 19), id, ctx.Employer);

        var run = await ctx.SweepAsync();
        Assert.Equal((2, 0, 2), (run.IndexEntriesRead, run.Sent.Count, run.StaleEntries));
        Assert.Empty(await ctx.IndexDatesAsync(gone));
        Assert.Equal(["20290317"], await ctx.IndexDatesAsync(id));
        Assert.Equal(next, (await ctx.MemberAsync(id)).NextActionDate);
    }

    [Fact]
    public async Task A_sweep_reads_only_the_index_entries_due_not_the_members_indexed_later()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var due = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "D1", new DateOnly(2027, 3, 31)));
        for (var i = 0; i < 5; i++)
            await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, $"F{i}", new DateOnly(2028 + i, 5, 20)) with { RowNumber = i + 3 });
        ctx.Clock.SetDay(new DateOnly(2026, 12, 31));
        var run = await ctx.SweepAsync();
        Assert.Equal((1, 1), (run.IndexEntriesRead, run.MembersDue));
        Assert.Equal(due, Assert.Single(run.Sent).MemberId);
    }

    [Fact]
    public async Task The_events_carry_reason_due_date_and_letter_and_no_personal_data()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 2, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "V1", new DateOnly(2027, 3, 31)));
        ctx.Clock.SetDay(Day);
        var run = await ctx.SweepAsync();
        var dispatch = Assert.Single(run.Dispatches);
        Assert.Equal((HubStorage.Tables.Members, id, EventTypes.ReminderSent), (dispatch.Table, dispatch.PartitionKey, dispatch.EventType));
        var e = (await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, dispatch))!;
        Assert.Equal(HubEvent.DeterministicId($"member/{id}", EventTypes.ReminderSent, "rem-ECertExpiring-20270301"), e.Id);
        var data = e.Data;
        Assert.Equal(id, data["memberId"]!.GetValue<string>());
        Assert.Equal("rem-ECertExpiring-20270301", data["reminderId"]!.GetValue<string>());
        Assert.Equal(("expiry", "ECertExpiring", "2027-03-01", "2027-03-31", "notify"),
            (data["kind"]!.GetValue<string>(), data["reason"]!.GetValue<string>(), data["dueDate"]!.GetValue<string>(),
             data["eventDate"]!.GetValue<string>(), data["action"]!.GetValue<string>()));
        Assert.True(data["memberMustAct"]!.GetValue<bool>());
        Assert.Equal("2027-03-31", data["deadline"]!.GetValue<string>());
        Assert.Equal($"outbox/{ctx.Employer}/letters/20270301/{id}-ECertExpiring-20270331.pdf", data["letterBlob"]!.GetValue<string>());
        var json = data.ToJsonString();
        Assert.DoesNotContain("鈴木", json);
        Assert.DoesNotContain("スズキ", json);
        var marker = Assert.Single(await ctx.LedgerAsync(id));
        Assert.Equal((e.Id, Day), (marker.EventId, marker.SentOn));
    }
}
