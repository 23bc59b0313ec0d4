using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Core.Events;

/// <summary>
/// A state change the insurer learns about through webhooks. Thin: ids, statuses, reasons and links;
/// never a My Number. <see cref="Sequence"/> orders a subject's events (per member).
/// </summary>
/// <param name="Id">Deterministic id (<see cref="DeterministicId"/>): the same change always gets the same id, so redelivery never invents a second event.</param>
/// <param name="Type">e.g. <c>member.registered</c> (see <see cref="EventTypes"/>).</param>
/// <param name="Subject">What it is about: <c>member/{memberId}</c>, <c>submission/{submissionId}</c>, <c>endpoint/{id}</c>.</param>
/// <param name="Sequence">Per-subject sequence number, from 1.</param>
/// <param name="OccurredAt">When the change was committed.</param>
/// <param name="Data">The event payload.</param>
public sealed record HubEvent(string Id, string Type, string Subject, long Sequence, DateTimeOffset OccurredAt, JsonObject Data)
{
    /// <summary>A stable id from what makes the change unique (subject, type, and e.g. the operation id or document id).</summary>
    public static string DeterministicId(string subject, string type, string discriminator)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subject}\n{type}\n{discriminator}"));
        return "evt_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

/// <summary>The event catalog (docs/webhooks.md documents each payload).</summary>
public static class EventTypes
{
    /// <summary>A submission file was validated and its report written.</summary>
    public const string SubmissionProcessed = "submission.processed";

    /// <summary>A member was created or updated by an accepted row.</summary>
    public const string MemberRegistered = "member.registered";

    /// <summary>A row was refused at registration (e.g. MYNUMBER_BELONGS_TO_OTHER_MEMBER).</summary>
    public const string MemberRejected = "member.rejected";

    /// <summary>A member's qualification ended (資格喪失 / 非該当).</summary>
    public const string MemberWithdrawn = "member.withdrawn";

    /// <summary>A 資格情報のお知らせ was issued.</summary>
    public const string NoticeIssued = "notice.issued";

    /// <summary>A 資格確認書 was issued.</summary>
    public const string CertificateIssued = "certificate.issued";

    /// <summary>No 資格確認書 is needed (with the reason).</summary>
    public const string CertificateNotRequired = "certificate.not_required";

    /// <summary>A reminder was sent.</summary>
    public const string ReminderSent = "reminder.sent";

    /// <summary>A webhook endpoint was disabled (410 or failing for 5 days).</summary>
    public const string EndpointDisabled = "endpoint.disabled";

    /// <summary>Every type.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SubmissionProcessed, MemberRegistered, MemberRejected, MemberWithdrawn, NoticeIssued,
        CertificateIssued, CertificateNotRequired, ReminderSent, EndpointDisabled,
    ];
}
