using Azure;
using Hub.Core.Members;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// One line of an employer's daily outbox: table <c>ReminderLedger</c>, partition <c>{yyyyMMdd sent}-{employerCode}</c>,
/// row <c>{memberId}-{Reason}-{yyyyMMdd due}</c>. Written (idempotently) after the reminder is committed; the day's CSV
/// is regenerated from the whole partition, so reruns and concurrent sweeps give one line per reminder.
/// </summary>
public sealed class ReminderLine : ITableEntity
{
    /// <summary><see cref="ReminderKeys.DayPartition"/>.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><see cref="ReminderKeys.DayRow"/>.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The Japan date it was sent.</summary>
    public DateOnly SentOn { get; set; }

    /// <summary>事業所記号.</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>The member.</summary>
    public string MemberId { get; set; } = "";

    /// <summary>社員番号 (of the insured person; a dependant carries the insured's).</summary>
    public string EmployeeId { get; set; } = "";

    /// <summary>記号-番号-枝番.</summary>
    public string SymbolNumber { get; set; } = "";

    /// <summary>氏名 (for the employer, who hands the letter over).</summary>
    public string Name { get; set; } = "";

    /// <summary>Insured or dependant.</summary>
    public RecordType Role { get; set; }

    /// <summary>Why.</summary>
    public ReminderReason Reason { get; set; }

    /// <summary>The day it became due (通知基準日 in the CSV; part of its key, not a deadline).</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>The date it is about.</summary>
    public DateOnly EventDate { get; set; }

    /// <summary>What the hub does.</summary>
    public ReminderAction Action { get; set; }

    /// <summary>The last day the member should act, if the member must act.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The message, in Japanese.</summary>
    public string MessageJa { get; set; } = "";

    /// <summary>The letter, <c>outbox/…pdf</c>.</summary>
    public string? LetterBlob { get; set; }

    /// <summary>Why no letter could be printed.</summary>
    public string? LetterError { get; set; }

    /// <summary>The <c>reminder.sent</c> event id.</summary>
    public string EventId { get; set; } = "";

    /// <summary>The certificate request of a hand-off.</summary>
    public string? CertificateRequestId { get; set; }

    /// <summary>The line for a committed ledger entry of <paramref name="member"/>.</summary>
    public static ReminderLine From(Member member, ReminderMarker marker)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(marker);
        return new ReminderLine
        {
            PartitionKey = ReminderKeys.DayPartition(marker.SentOn, member.EmployerCode),
            RowKey = ReminderKeys.DayRow(member.MemberId, marker.Reason, marker.DueDate),
            SentOn = marker.SentOn,
            EmployerCode = member.EmployerCode,
            MemberId = member.MemberId,
            EmployeeId = member.EmployeeId,
            SymbolNumber = $"{member.Symbol}-{member.InsuredNumber}-{member.BranchNumber}",
            Name = member.NameKanji,
            Role = member.Role,
            Reason = marker.Reason,
            DueDate = marker.DueDate,
            EventDate = marker.EventDate,
            Action = marker.Action,
            Deadline = marker.Deadline,
            MessageJa = marker.MessageJa,
            LetterBlob = marker.LetterBlob,
            LetterError = marker.LetterError,
            EventId = marker.EventId,
            CertificateRequestId = marker.CertificateRequestId,
        };
    }
}
