using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// One step of a member's history (received → registered → notice issued → certificate issued or not
/// required, withdrawn, My Number deleted …), row <c>tl-{sequence}</c> in the member's partition. Written in the
/// same transaction as the change it describes. Ids, dates and reasons only; no personal data.
/// </summary>
public sealed class MemberTimelineEntry : ITableEntity
{
    /// <summary>Row key prefix.</summary>
    public const string RowKeyPrefix = "tl-";

    /// <summary>The member id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary><c>tl-{sequence:D10}</c>.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened (<see cref="TimelineKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>In Japanese, for people.</summary>
    public string SummaryJa { get; set; } = "";

    /// <summary>In English, for people.</summary>
    public string SummaryEn { get; set; } = "";

    /// <summary>What it refers to (submission and row, notice id, certificate id, reason code).</summary>
    public string? Reference { get; set; }

    /// <summary>The id of the event it produced, if any.</summary>
    public string? EventId { get; set; }

    /// <summary>The row key for a sequence number.</summary>
    public static string KeyFor(long sequence) => $"{RowKeyPrefix}{sequence:D10}";
}

/// <summary>Timeline entry kinds (stable codes).</summary>
public static class TimelineKinds
{
    /// <summary>An accepted row for the member arrived at registration.</summary>
    public const string Received = "received";

    /// <summary>The member was created.</summary>
    public const string Registered = "registered";

    /// <summary>The member's details changed.</summary>
    public const string Updated = "updated";

    /// <summary>A row changed nothing (its values were already there, or newer rows had set them).</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The qualification ended (資格喪失 / 非該当).</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The member rejoined after a withdrawal.</summary>
    public const string Reinstated = "reinstated";

    /// <summary>A 資格情報のお知らせ was issued.</summary>
    public const string NoticeIssued = "notice_issued";

    /// <summary>A notice was not issued (e.g. no longer insured, or superseded by a newer version).</summary>
    public const string NoticeSkipped = "notice_skipped";

    /// <summary>The notice could not be rendered from the member's data (code and reason).</summary>
    public const string NoticeFailed = "notice_failed";

    /// <summary>A 資格確認書 was issued.</summary>
    public const string CertificateIssued = "certificate_issued";

    /// <summary>A 資格確認書 is needed and the one the member holds still serves.</summary>
    public const string CertificateHeld = "certificate_held";

    /// <summary>No 資格確認書 is needed (with the reason).</summary>
    public const string CertificateNotRequired = "certificate_not_required";

    /// <summary>The certificate could not be rendered from the member's data (code and reason).</summary>
    public const string CertificateFailed = "certificate_failed";

    /// <summary>The My Number was deleted after the retention period.</summary>
    public const string MyNumberDeleted = "mynumber_deleted";
}
