using System.Collections.Concurrent;
using System.Globalization;
using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// One member in a sweep: the reminders due today (<see cref="ReminderSchedule.DueAsOf"/>) of the sweep's kind that the
/// ledger does not hold yet are committed in one entity-group transaction on the member's partition — member (new next
/// action date, event and timeline sequences), operation record, ledger entries (create-only: the exactly-once gate),
/// timeline entries and <c>reminder.sent</c> outbox events; then the day's outbox lines are written and the index entries
/// handled are removed. A lost race (412/409) starts over from a fresh read, which then finds the ledger entries.
/// </summary>
internal sealed class MemberReminderStep(MemberPipeline pipeline, ReminderSettings settings, ReminderLetters letters, ReminderOutbox outbox, ReminderJournal journal)
{
    private readonly TableClient _index = pipeline.Services.Storage.Table(HubStorage.Tables.ActionIndex);

    public async Task RunAsync(string memberId, IReadOnlyList<ActionIndexEntry> entries, ReminderKind kind, DateOnly today, ReminderRunOptions options,
        ReminderSweepResult result, ConcurrentDictionary<(DateOnly, string), byte> touched, CancellationToken ct)
    {
        // Counted once, from the attempt that went through (a lost race starts over).
        var outcome = await ConcurrencyRetry.RunAsync(() => AttemptAsync(memberId, entries, kind, today, options, result, touched, ct), ct).ConfigureAwait(false);
        result.CountProcessed();
        result.CountStale(outcome.StaleEntries);
        result.CountAlreadySent(outcome.AlreadySent);
        if (outcome.Inconsistent) result.CountInconsistent();
    }

    private sealed record Outcome(int StaleEntries, int AlreadySent, bool Inconsistent);

    private async Task<Outcome> AttemptAsync(string memberId, IReadOnlyList<ActionIndexEntry> entries, ReminderKind kind, DateOnly today,
        ReminderRunOptions options, ReminderSweepResult result, ConcurrentDictionary<(DateOnly, string), byte> touched, CancellationToken ct)
    {
        var member = await pipeline.Store.FindAsync(memberId, ct).ConfigureAwait(false);
        if (member is null)
        {
            await RemoveEntriesAsync(entries, keep: null, ct).ConfigureAwait(false);
            return new Outcome(entries.Count, 0, false);
        }

        var facts = MemberFactsMapper.Facts(member);
        IReadOnlyList<Reminder> due;
        DateOnly? next;
        var inconsistent = false;
        try
        {
            due = ReminderSchedule.DueAsOf(facts, today, settings);
            next = ReminderSchedule.NextActionDate(facts, today, settings);
        }
        catch (RuleException)
        {
            // Contradictory card dates: nothing can be scheduled from them (registration already reported the member).
            (due, next, inconsistent) = ([], null, true);
        }

        var ledger = await LedgerAsync(memberId, due, ct).ConfigureAwait(false);
        bool Sent(Reminder r) => ledger.Contains(ReminderKeys.ReminderId(r.Reason, r.DueDate));
        var toSend = due.Where(r => kind.Includes(r.Reason) && !Sent(r)).ToList();
        var alreadySent = due.Count(r => kind.Includes(r.Reason) && Sent(r));
        // Reminders of the other timer still unsent: keep the member indexed today so that timer finds it too.
        var otherPending = due.Any(r => !kind.Includes(r.Reason) && !Sent(r));
        var held = entries.Select(e => DateOf(e.PartitionKey)).ToList();
        DateOnly? desired = otherPending ? (member.NextActionDate is { } current && current <= today ? current : held.Max()) : next;

        if (toSend.Count > 0)
            await SendAsync(member, facts, toSend, desired, entries, held, today, options, result, touched, ct).ConfigureAwait(false);
        else if (!otherPending)
            await ReindexAsync(member, desired, entries, held, ct).ConfigureAwait(false);
        // Entries under another date than the member's own were left by an interrupted change (or the member moved on).
        return new Outcome(otherPending ? 0 : held.Count(d => d != member.NextActionDate), alreadySent, inconsistent);
    }

    private async Task SendAsync(Member member, MemberFacts facts, List<Reminder> toSend, DateOnly? desired, IReadOnlyList<ActionIndexEntry> entries,
        List<DateOnly> held, DateOnly today, ReminderRunOptions options, ReminderSweepResult result,
        ConcurrentDictionary<(DateOnly, string), byte> touched, CancellationToken ct)
    {
        var now = pipeline.Services.Clock.GetUtcNow();
        var ids = toSend.Select(r => ReminderKeys.ReminderId(r.Reason, r.DueDate)).ToList();
        var operationId = $"reminders:{member.MemberId}:{string.Join(',', ids)}";
        var updated = member.Copy();
        var set = new MemberChangeSet(updated, isNew: false, operationId, options.Actor, now) { Outcome = "reminded" };
        var markers = new List<ReminderMarker>();
        foreach (var reminder in toSend)
        {
            // A letter only where the member must act; where the hub acts (or nothing is asked) the outbox line says so.
            var deadline = reminder.Deadline;
            var letter = deadline is null ? null : await letters.WriteAsync(member, facts, reminder, today, ct).ConfigureAwait(false);
            var marker = new ReminderMarker
            {
                PartitionKey = member.MemberId,
                RowKey = ReminderKeys.ReminderId(reminder.Reason, reminder.DueDate),
                Reason = reminder.Reason,
                DueDate = reminder.DueDate,
                EventDate = reminder.EventDate,
                Action = reminder.Action,
                Deadline = deadline,
                MessageJa = reminder.MessageJa,
                MessageEn = reminder.MessageEn,
                SentOn = today,
                SentAt = now,
                OperationId = operationId,
                LetterBlob = letter?.BlobPath,
                LetterError = letter?.ErrorCode,
            };
            if (ReminderEvents.IsHandOff(reminder))
            {
                var request = new CertificateRequest(member.MemberId, member.EmployerCode,
                    ReminderKeys.CertificateRequestId(member.MemberId, reminder.Reason, reminder.DueDate), reminder.Reason.ToString(),
                    Renew: reminder.Action == ReminderAction.RenewCertificate);
                marker.CertificateRequestId = request.RequestId;
                set.Outputs.Certificates.Add(request);
                // The member is not settled until the certificate decision is made (IssueCertificate clears it).
                updated.PendingCertificateRequest ??= request.RequestId;
            }
            var e = set.AddEvent(EventTypes.ReminderSent, ReminderEvents.Data(member, marker), discriminator: marker.RowKey);
            marker.EventId = e.Id;
            set.AddTimeline(ReminderEvents.TimelineKind, ReminderEvents.SummaryJa(marker), ReminderEvents.SummaryEn(marker), marker.RowKey, e);
            markers.Add(marker);
        }
        MemberRegistration.UpdateSettled(updated, now, today);
        updated.NextActionDate = desired;
        if (desired is { } date && date != member.NextActionDate && !held.Contains(date))
            await pipeline.ActionIndex.AddAsync(date, member.MemberId, member.EmployerCode, ct).ConfigureAwait(false);

        // Noted before the commit: should this run die before its outputs leave, a later run sends them.
        var note = await journal.AddAsync(member.MemberId, member.EmployerCode, operationId, ids, now, ct).ConfigureAwait(false);
        var actions = set.BuildActions().ToList();
        actions.AddRange(markers.Select(m => new TableTransactionAction(TableTransactionActionType.Add, m)));
        await pipeline.Store.Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        result.AddOutputs(set.Outputs);
        foreach (var m in markers)
            result.Sent.Enqueue(new SentReminder(member.MemberId, member.EmployerCode, m.Reason, m.DueDate, m.Action, m.LetterBlob, m.LetterError, m.Deadline));

        foreach (var m in markers)
        {
            await outbox.WriteLineAsync(ReminderLine.From(updated, m), ct).ConfigureAwait(false);
            touched.TryAdd((today, member.EmployerCode), 0);
        }
        await RemoveEntriesAsync(entries, desired, ct).ConfigureAwait(false);
        result.Handed.Enqueue(note);
    }

    /// <summary>
    /// Nothing to send: moves the member to its next action date. The member is written even when that date is
    /// unchanged: the ETag-checked write fences a registration racing with this sweep (it then retries and re-indexes).
    /// </summary>
    private async Task ReindexAsync(Member member, DateOnly? desired, IReadOnlyList<ActionIndexEntry> entries, List<DateOnly> held, CancellationToken ct)
    {
        if (desired is { } date && date != member.NextActionDate && !held.Contains(date))
            await pipeline.ActionIndex.AddAsync(date, member.MemberId, member.EmployerCode, ct).ConfigureAwait(false);
        var updated = member.Copy();
        updated.NextActionDate = desired;
        await pipeline.Store.Table.UpdateEntityAsync(updated, member.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        await RemoveEntriesAsync(entries, desired, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the handled index entries (all but <paramref name="keep"/>), each only in the version read: an entry
    /// rewritten meanwhile (a registration re-indexing the member) stays. Entries after today are never touched here:
    /// a stale one is cleaned on its own day.
    /// </summary>
    private async Task RemoveEntriesAsync(IReadOnlyList<ActionIndexEntry> entries, DateOnly? keep, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            if (keep is { } k && DateOf(entry.PartitionKey) == k) continue;
            try
            {
                await _index.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, ct).ConfigureAwait(false);
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
            {
                // Re-indexed meanwhile: the entry is current again.
            }
        }
    }

    /// <summary>The ids of the due reminders the ledger already holds (point reads in the member's partition).</summary>
    private async Task<HashSet<string>> LedgerAsync(string memberId, IReadOnlyList<Reminder> due, CancellationToken ct)
    {
        var ids = due.Select(r => ReminderKeys.ReminderId(r.Reason, r.DueDate)).Distinct().ToList();
        var found = await Task.WhenAll(ids.Select(async id =>
            (await pipeline.Store.Table.GetEntityIfExistsAsync<TableEntity>(memberId, id, select: ["Reason"], cancellationToken: ct).ConfigureAwait(false)).HasValue ? id : null))
            .ConfigureAwait(false);
        return found.OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    internal static DateOnly DateOf(string partitionKey) =>
        DateOnly.ParseExact(partitionKey, "yyyyMMdd", CultureInfo.InvariantCulture);
}
