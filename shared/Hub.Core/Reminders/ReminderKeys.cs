using System.Globalization;
using Hub.Core.Storage;
using Hub.Domain.Eligibility;

namespace Hub.Core.Reminders;

/// <summary>
/// Names and keys of everything a reminder leaves behind. A reminder is identified by member, reason and due date
/// (通知基準日: the day it became due, whichever day it was sent on): <c>rem-{Reason}-{yyyyMMdd}</c> in the member's partition.
/// </summary>
public static class ReminderKeys
{
    /// <summary>The row-key prefix of ledger entries in a member's partition of <c>Members</c>.</summary>
    public const string MarkerPrefix = "rem-";

    /// <summary>The id of a member's reminder (also the ledger entry's row key): <c>rem-ECertExpiring-20270301</c>.</summary>
    public static string ReminderId(ReminderReason reason, DateOnly due) => $"{MarkerPrefix}{reason}-{Compact(due)}";

    /// <summary>The <c>ReminderLedger</c> partition of one employer's reminders sent on <paramref name="sentOn"/>: <c>20270301-E0001</c>.</summary>
    public static string DayPartition(DateOnly sentOn, string employerCode) => $"{Compact(sentOn)}-{employerCode}";

    /// <summary>The <c>ReminderLedger</c> row of one reminder within its day: <c>{memberId}-{Reason}-{yyyyMMdd}</c>.</summary>
    public static string DayRow(string memberId, ReminderReason reason, DateOnly due) => $"{memberId}-{reason}-{Compact(due)}";

    /// <summary>The daily outbox CSV inside the <c>outbox</c> container: <c>{employerCode}/{yyyyMMdd}-reminders.csv</c>.</summary>
    public static string CsvBlobName(string employerCode, DateOnly sentOn) => $"{employerCode}/{Compact(sentOn)}-reminders.csv";

    /// <summary>
    /// A reminder letter inside the <c>outbox</c> container: <c>{employerCode}/letters/{yyyyMMdd sent}/{memberId}-{Reason}-{yyyyMMdd deadline}.pdf</c>.
    /// The date in the name is the member's deadline (手続きの期限), the date the employer sees on the letter and in the CSV —
    /// not the reminder's 通知基準日, which reads like an overdue date.
    /// </summary>
    public static string LetterBlobName(string employerCode, DateOnly sentOn, string memberId, ReminderReason reason, DateOnly deadline) =>
        $"{employerCode}/{LetterFolder(sentOn)}/{memberId}-{reason}-{Compact(deadline)}.pdf";

    /// <summary>The letters' folder of a day, relative to the employer's outbox folder (<c>letters/{yyyyMMdd}</c>).</summary>
    public static string LetterFolder(DateOnly sentOn) => $"letters/{Compact(sentOn)}";

    /// <summary>A blob path as events carry it (<c>{container}/{name}</c>; the webhook delivery turns <c>…Blob</c> fields into links).</summary>
    public static string OutboxPath(string blobName) => $"{HubStorage.Containers.Outbox}/{blobName}";

    /// <summary>The 文書番号 printed on a letter: <c>R-{member hex}-{yyyyMMdd due}-{reason number}</c> (at most 64 characters).</summary>
    public static string LetterDocumentId(string memberId, ReminderReason reason, DateOnly due) =>
        string.Create(CultureInfo.InvariantCulture, $"R-{memberId.TrimStart('m')}-{Compact(due)}-{(int)reason}");

    /// <summary>The <c>certificate-issuance</c> request id of a hand-off: <c>reminder:{memberId}:{Reason}:{yyyy-MM-dd}</c>.</summary>
    public static string CertificateRequestId(string memberId, ReminderReason reason, DateOnly due) => $"reminder:{memberId}:{reason}:{Iso(due)}";

    /// <summary>yyyyMMdd.</summary>
    public static string Compact(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
