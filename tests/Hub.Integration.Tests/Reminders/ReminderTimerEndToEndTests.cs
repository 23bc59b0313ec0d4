using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Reminders;

/// <summary>SendExpiryReminders and SendOverseasReminders under the local Functions host, with the real IssueCertificate.</summary>
public sealed class ReminderTimerEndToEndTests(ReminderAppFixture run) : IClassFixture<ReminderAppFixture>
{
    private static readonly string[] Expected =
    [
        "grace-ended:GraceEnded:2027-03-01", "in-grace:InGracePeriod:2027-03-01", "expiring:ECertExpiring:2027-03-01",
        "lapsed:OverseasLapsed:2027-02-20", "leaving:OverseasDepartureApproaching:2027-02-23", "foreign:ForeignNationalDeparture:2027-02-18",
    ];

    [Fact]
    public async Task Every_due_reminder_is_sent_once_although_each_timer_ran_twice_at_once()
    {
        Assert.Equal(4, run.TimerRuns.Count);
        Assert.All(run.App.Host.Invocations, i => Assert.True(i.Succeeded, $"{i.Function} failed: {i.Error}"));
        var sent = new List<string>();
        foreach (var (name, id) in run.Members)
            foreach (var e in (await run.Pipeline.Store.EventsAsync(id)).Where(e => e.Type == EventTypes.ReminderSent))
                sent.Add($"{name}:{e.Data["reason"]!.GetValue<string>()}:{e.Data["dueDate"]!.GetValue<string>()}");
        Assert.Equal(Expected.Order(), sent.Order());

        // One dispatch per reminder event on webhook-delivery, no twins.
        var reminderDispatches = run.Dispatches.Where(d => d.EventType == EventTypes.ReminderSent).Select(d => d.EventId).ToList();
        Assert.Equal(Expected.Length, reminderDispatches.Count);
        Assert.Equal(Expected.Length, reminderDispatches.Distinct().Count());
        Assert.Contains("sweep 2027-03-01", run.App.HostLog + run.App.HandlerLog);
    }

    [Fact]
    public async Task Hand_offs_are_issued_a_certificate_by_the_real_IssueCertificate()
    {
        foreach (var (name, reason) in new[] { ("grace-ended", "ECertExpired"), ("lapsed", "CardLapsedOverseas"), ("foreign", "ForeignNationalDeparture") })
        {
            var member = (await run.Pipeline.Store.FindAsync(run.Members[name]))!;
            Assert.Equal((name, CertificateStatuses.Issued, reason), (name, member.CertificateStatus, member.CertificateReason));
            Assert.Equal(ReminderAppFixture.Today, member.CertificateIssuedOn);
            // The hand-off's request is settled; "foreign" still waits for its notice (never run here), whose request the sweep left alone.
            Assert.Equal(name == "foreign" ? $"notice:{member.MemberId}:v1" : null, member.PendingCertificateRequest);
            var blob = member.CertificateBlob!;
            var pdf = await run.App.Services.Storage.Container(HubStorage.Containers.Certificates).GetBlobClient(blob[(blob.IndexOf('/') + 1)..]).DownloadContentAsync();
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf.Value.Content.ToArray()[..4]));
            var issued = (await run.Pipeline.Store.EventsAsync(member.MemberId)).Last(e => e.Type == EventTypes.CertificateIssued);
            Assert.StartsWith($"reminder:{member.MemberId}:", issued.Data["requestId"]!.GetValue<string>());
            Assert.Contains(issued.Id, run.Dispatches.Select(d => d.EventId));
        }
        // Members in their grace period or just reminded keep using the card.
        foreach (var name in new[] { "in-grace", "expiring", "leaving", "filed", "future" })
            Assert.Equal(CertificateStatuses.NotRequired, (await run.Pipeline.Store.FindAsync(run.Members[name]))!.CertificateStatus);
    }

    [Fact]
    public async Task Members_who_must_act_get_a_letter_and_every_reminder_is_a_line_of_the_employers_daily_csv()
    {
        var outbox = run.App.Services.Storage.Container(HubStorage.Containers.Outbox);
        var letters = new List<string>();
        await foreach (var blob in outbox.GetBlobsAsync(prefix: $"{run.Employer}/letters/20270301/")) letters.Add(blob.Name);
        Assert.Equal(
            // Named after each member's deadline: the grace end, the expiry, the day before departure.
            new[] { ("in-grace", "InGracePeriod", "20270331"), ("expiring", "ECertExpiring", "20270331"), ("leaving", "OverseasDepartureApproaching", "20270324") }
                .Select(x => $"{run.Employer}/letters/20270301/{run.Members[x.Item1]}-{x.Item2}-{x.Item3}.pdf").Order(),
            letters.Order());

        var csv = (await outbox.GetBlobClient($"{run.Employer}/20270301-reminders.csv").DownloadContentAsync()).Value.Content.ToArray();
        var lines = System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + Expected.Length, lines.Length);
        Assert.StartsWith("\uFEFF\"送付日\"", lines[0]);
        foreach (var id in run.Members.Where(m => Expected.Any(e => e.StartsWith(m.Key + ":", StringComparison.Ordinal))).Select(m => m.Value))
            Assert.Single(lines, l => l.Contains($"\"{id}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_the_timers_again_sends_nothing_new_and_leaves_the_outbox_as_it_was()
    {
        var outbox = run.App.Services.Storage.Container(HubStorage.Containers.Outbox).GetBlobClient($"{run.Employer}/20270301-reminders.csv");
        var csvBefore = (await outbox.GetPropertiesAsync()).Value.ETag;
        var eventsBefore = await CountAsync(EventOutbox.RowKeyPrefix);
        var ledgerBefore = await CountAsync(ReminderKeys.MarkerPrefix);

        await run.App.Host.RunTimerNowAsync(ReminderSweep.ExpiryFunction);
        await run.App.Host.RunTimerNowAsync(ReminderSweep.OverseasFunction);
        await run.App.RunUntilIdleAsync();

        Assert.All(run.App.Host.Invocations, i => Assert.True(i.Succeeded, $"{i.Function} failed: {i.Error}"));
        Assert.Equal(eventsBefore, await CountAsync(EventOutbox.RowKeyPrefix));
        Assert.Equal(ledgerBefore, await CountAsync(ReminderKeys.MarkerPrefix));
        Assert.Equal(csvBefore, (await outbox.GetPropertiesAsync()).Value.ETag);
        // Every member is indexed after today now (the next grace or window date), or not at all.
        var due = await new ReminderSweep(run.Pipeline).DueEntriesAsync(ReminderAppFixture.Today, run.Employer);
        Assert.Empty(due);
    }

    private async Task<int> CountAsync(string prefix)
    {
        var count = 0;
        foreach (var id in run.Members.Values)
            await foreach (var _ in run.Pipeline.Store.Table.QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), select: ["RowKey"]))
                count++;
        return count;
    }
}
