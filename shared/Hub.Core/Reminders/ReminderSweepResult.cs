using System.Collections.Concurrent;
using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Domain.Eligibility;

namespace Hub.Core.Reminders;

/// <summary>How a sweep runs.</summary>
public sealed record ReminderRunOptions
{
    /// <summary>Only members of this employer (null: all).</summary>
    public string? EmployerCode { get; init; }

    /// <summary>Who runs it (the function name, or <c>cli:{user}</c>): the member operations' step and the audit actor.</summary>
    public string Actor { get; init; } = "ReminderSweep";

    /// <summary>Members handled at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>
    /// Stop taking new members after this long (null: no limit). Members left keep their index entries and are
    /// handled by the next run; a timer sets it below the function timeout so it ends cleanly.
    /// </summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Also delete the My Numbers due for deletion (<see cref="MyNumberRetention.PurgeDueAsync"/>); the daily expiry sweep does.</summary>
    public bool PurgeMyNumbers { get; init; }
}

/// <summary>One reminder a sweep committed.</summary>
/// <param name="MemberId">The member.</param>
/// <param name="EmployerCode">Its employer.</param>
/// <param name="Reason">Why.</param>
/// <param name="DueDate">The day it became due (通知基準日: part of its key, not a deadline).</param>
/// <param name="Action">What the hub does.</param>
/// <param name="LetterBlob">The letter, if printed.</param>
/// <param name="LetterError">Why no letter could be printed for a member who must act.</param>
/// <param name="Deadline">The last day the member must act by, or null when nothing is asked of the member.</param>
public sealed record SentReminder(string MemberId, string EmployerCode, ReminderReason Reason, DateOnly DueDate, ReminderAction Action,
    string? LetterBlob, string? LetterError, DateOnly? Deadline);

/// <summary>What a sweep did and what it must send (thread-safe while the sweep runs). Logs carry ids and counts only.</summary>
public sealed class ReminderSweepResult(ReminderKind kind, DateOnly today)
{
    private int _membersProcessed, _membersLeft, _staleEntries, _alreadySent, _inconsistent, _recovered;

    /// <summary>Which reminders.</summary>
    public ReminderKind Kind { get; } = kind;

    /// <summary>The Japan date swept.</summary>
    public DateOnly Today { get; } = today;

    /// <summary>Index entries dated today or earlier (the whole read cost of the sweep).</summary>
    public int IndexEntriesRead { get; internal set; }

    /// <summary>Distinct members behind them.</summary>
    public int MembersDue { get; internal set; }

    /// <summary>Members handled.</summary>
    public int MembersProcessed => _membersProcessed;

    /// <summary>Members left for the next run (time budget).</summary>
    public int MembersLeft => _membersLeft;

    /// <summary>Index entries removed without sending (the member changed or is gone).</summary>
    public int StaleEntries => _staleEntries;

    /// <summary>Due reminders found already in the ledger.</summary>
    public int AlreadySent => _alreadySent;

    /// <summary>Members whose card dates contradict each other (nothing can be scheduled; the registration reports it).</summary>
    public int Inconsistent => _inconsistent;

    /// <summary>Operations of crashed runs whose outputs this run sends again.</summary>
    public int Recovered => _recovered;

    /// <summary>Reminders committed by this run.</summary>
    public ConcurrentQueue<SentReminder> Sent { get; } = new();

    /// <summary>Members that failed (id and error type/code; no personal data); their index entries stay for the next run.</summary>
    public ConcurrentQueue<(string MemberId, string Error)> Failures { get; } = new();

    /// <summary>Dispatches of committed <c>reminder.sent</c> events (<c>webhooks</c> output).</summary>
    public ConcurrentQueue<EventDispatch> Dispatches { get; } = new();

    /// <summary>Hand-offs to <c>certificate-issuance</c> (<c>certificates</c> output).</summary>
    public ConcurrentQueue<CertificateRequest> CertificateRequests { get; } = new();

    /// <summary>Outbox CSVs regenerated (blob name and line count).</summary>
    public ConcurrentQueue<(string BlobName, int Lines)> OutboxFiles { get; } = new();

    /// <summary>My Numbers deleted after the retention period (null when not run).</summary>
    public int? MyNumbersDeleted { get; internal set; }

    /// <summary>Why the retention purge failed, if it did (it is retried on the next run).</summary>
    public string? PurgeError { get; internal set; }

    /// <summary>How long the sweep took.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Journal notes to remove once the outputs are handed over.</summary>
    internal ConcurrentQueue<PendingReminders> Handed { get; } = new();

    internal void CountProcessed() => Interlocked.Increment(ref _membersProcessed);

    internal void CountLeft() => Interlocked.Increment(ref _membersLeft);

    internal void CountStale(int entries) => Interlocked.Add(ref _staleEntries, entries);

    internal void CountAlreadySent(int reminders) => Interlocked.Add(ref _alreadySent, reminders);

    internal void CountInconsistent() => Interlocked.Increment(ref _inconsistent);

    internal void CountRecovered() => Interlocked.Increment(ref _recovered);

    internal void AddOutputs(StepOutputs outputs)
    {
        foreach (var d in outputs.Dispatches) Dispatches.Enqueue(d);
        foreach (var c in outputs.Certificates) CertificateRequests.Enqueue(c);
    }

    /// <summary>One line for logs: counts only.</summary>
    public override string ToString() =>
        $"{Kind.Code()} sweep {ReminderKeys.Iso(Today)}: {IndexEntriesRead} index entries, {MembersDue} members due, {MembersProcessed} handled, " +
        $"{Sent.Count} reminders sent ({Sent.Count(s => s.LetterBlob is not null)} letters, {CertificateRequests.Count} certificate hand-offs), " +
        $"{AlreadySent} already sent, {StaleEntries} stale entries, {MembersLeft} left for the next run, {Failures.Count} failed, " +
        $"{Recovered} recovered, {OutboxFiles.Count} outbox files" +
        (MyNumbersDeleted is { } deleted ? $", {deleted} My Numbers deleted" : "") + (PurgeError is null ? "" : ", purge failed") +
        $", {Elapsed.TotalSeconds:N1} s";
}
