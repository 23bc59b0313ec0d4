using System.Text.Json.Nodes;
using Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>
/// A member's state for people and reports, masked: ids, 記号・番号・枝番, statuses, reasons and the timeline; the
/// My Number only as "registered" (never digits); no name unless asked for.
/// </summary>
public static class MemberReport
{
    /// <summary>Final or not: <c>withdrawn</c>, <c>settled</c> (notice and certificate decision done) or <c>in_progress</c>.</summary>
    public static string StateOf(Member member, DateOnly today) =>
        !member.IsInsuredOn(today) ? "withdrawn" : member.SettledAt is null ? "in_progress" : "settled";

    /// <summary>The My Number status: <c>registered</c>, <c>not_assigned</c> (with a reason), <c>deleted</c> or <c>none</c>.</summary>
    public static string MyNumberStatus(Member member) =>
        member.ProtectedMyNumber is not null ? "registered"
        : member.MyNumberDeletedAt is not null ? "deleted"
        : member.NoMyNumberReason is not null ? "not_assigned"
        : "none";

    /// <summary>The member as JSON (for summary.json and <c>./hub member show --json</c>).</summary>
    /// <param name="member">The member.</param>
    /// <param name="timeline">Its timeline, or null to leave it out.</param>
    /// <param name="today">Today in Japan.</param>
    /// <param name="includeName">Whether to include 氏名 and フリガナ (ops views only; never in logs).</param>
    public static JsonObject ToJson(Member member, IReadOnlyList<MemberTimelineEntry>? timeline, DateOnly today, bool includeName = false)
    {
        var json = new JsonObject
        {
            ["memberId"] = member.MemberId,
            ["employerCode"] = member.EmployerCode,
            ["role"] = member.Role == RecordType.Insured ? "insured" : "dependant",
            ["insuredMemberId"] = member.InsuredMemberId,
            ["symbolNumber"] = $"{member.Symbol}-{member.InsuredNumber}-{member.BranchNumber}",
            ["state"] = StateOf(member, today),
            ["myNumber"] = MyNumberStatus(member),
            ["qualificationDate"] = MemberRegistration.Iso(member.QualificationDate),
            ["lossDate"] = member.LossDate is { } loss ? MemberRegistration.Iso(loss) : null,
            ["myNumberDeletionDueOn"] = member.MyNumberDeletionDueOn is { } due ? MemberRegistration.Iso(due) : null,
            ["notice"] = new JsonObject
            {
                ["version"] = member.NoticeIssuedVersion,
                ["noticeId"] = member.NoticeId,
                ["blob"] = member.NoticeBlob,
                ["failure"] = member.NoticeFailure,
            },
            ["certificate"] = new JsonObject
            {
                ["status"] = member.CertificateStatus,
                ["reason"] = member.CertificateReason,
                ["explanation_ja"] = member.CertificateExplanationJa,
                ["explanation_en"] = member.CertificateExplanationEn,
                ["certificateId"] = member.CertificateId,
                ["validUntil"] = member.CertificateValidUntil is { } until ? MemberRegistration.Iso(until) : null,
                ["blob"] = member.CertificateBlob,
            },
            ["nextActionDate"] = member.NextActionDate is { } next ? MemberRegistration.Iso(next) : null,
            ["settledAt"] = member.SettledAt,
        };
        if (includeName)
        {
            json["name"] = member.NameKanji;
            json["nameKana"] = member.NameKana;
        }
        if (timeline is not null)
            json["timeline"] = new JsonArray(timeline.Select(t => (JsonNode)new JsonObject
            {
                ["at"] = t.At,
                ["kind"] = t.Kind,
                ["summary_ja"] = t.SummaryJa,
                ["summary_en"] = t.SummaryEn,
                ["reference"] = t.Reference,
            }).ToArray());
        return json;
    }
}
