using Azure;
using Hub.Domain.Eligibility;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// The reminder ledger entry: row <c>rem-{Reason}-{yyyyMMdd due}</c> in the member's partition of <c>Members</c>, keyed by
/// member, reason and due date. It is inserted create-only in the SAME entity-group transaction as the member's
/// <c>reminder.sent</c> outbox event, timeline entry and new next action date, so a reminder is committed exactly once
/// with its event — or not at all — however many sweeps run, rerun or crash. It also records what was sent, for the
/// daily outbox and for recovery.
/// </summary>
public sealed class ReminderMarker : ITableEntity
{
    /// <summary>The member id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><see cref="ReminderKeys.ReminderId"/>.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>Why.</summary>
    public ReminderReason Reason { get; set; }

    /// <summary>The day it became due (通知基準日; part of its key, not a deadline).</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>The date it is about (expiry, grace end, filing deadline, departure, certificate end).</summary>
    public DateOnly EventDate { get; set; }

    /// <summary>What the hub does besides notifying.</summary>
    public ReminderAction Action { get; set; }

    /// <summary>The last day the member should act, when the member must act.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The message to the member, in Japanese.</summary>
    public string MessageJa { get; set; } = "";

    /// <summary>The message to the member, in English.</summary>
    public string MessageEn { get; set; } = "";

    /// <summary>The Japan date it was sent (its daily outbox).</summary>
    public DateOnly SentOn { get; set; }

    /// <summary>When it was committed.</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The id of its <c>reminder.sent</c> event.</summary>
    public string EventId { get; set; } = "";

    /// <summary>The member operation that committed it (its outputs are recorded there).</summary>
    public string OperationId { get; set; } = "";

    /// <summary>The letter, <c>outbox/…pdf</c>, if one was printed.</summary>
    public string? LetterBlob { get; set; }

    /// <summary>Why no letter could be printed for a member who must act (a document error code).</summary>
    public string? LetterError { get; set; }

    /// <summary>The <c>certificate-issuance</c> request of a hand-off.</summary>
    public string? CertificateRequestId { get; set; }

    /// <summary>The reminder this entry records.</summary>
    public Reminder ToReminder() => new(Reason, DueDate, EventDate, Action, MessageJa, MessageEn, Deadline);
}
