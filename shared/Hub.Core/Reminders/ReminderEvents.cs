using System.Text.Json.Nodes;
using Hub.Core.Members;
using Hub.Domain.Eligibility;

namespace Hub.Core.Reminders;

/// <summary>The <c>reminder.sent</c> event and the member's timeline entry for one reminder (ids, dates, codes and the message; no personal data).</summary>
public static class ReminderEvents
{
    /// <summary>The timeline kind of a sent reminder.</summary>
    public const string TimelineKind = "reminder_sent";

    /// <summary>
    /// The event data: <c>memberId</c>, <c>employerCode</c>, <c>reminderId</c>, <c>kind</c> (expiry|overseas), <c>reason</c>,
    /// <c>dueDate</c>, <c>eventDate</c>, <c>action</c> (notify|issue_certificate|renew_certificate), <c>memberMustAct</c>,
    /// <c>deadline</c>, <c>message_ja</c>, <c>message_en</c>, <c>sentOn</c>, and when present <c>letterBlob</c> (delivered as
    /// <c>letterUrl</c>), <c>letterError</c>, <c>certificateRequestId</c>.
    /// </summary>
    public static JsonObject Data(Member member, ReminderMarker marker)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(marker);
        var data = new JsonObject
        {
            ["memberId"] = member.MemberId,
            ["employerCode"] = member.EmployerCode,
            ["reminderId"] = marker.RowKey,
            ["kind"] = ReminderKinds.Of(marker.Reason).Code(),
            ["reason"] = marker.Reason.ToString(),
            ["dueDate"] = ReminderKeys.Iso(marker.DueDate),
            ["eventDate"] = ReminderKeys.Iso(marker.EventDate),
            ["action"] = ReminderLabels.ActionCode(marker.Action),
            ["memberMustAct"] = marker.Deadline is not null,
            ["deadline"] = marker.Deadline is { } deadline ? ReminderKeys.Iso(deadline) : null,
            ["message_ja"] = marker.MessageJa,
            ["message_en"] = marker.MessageEn,
            ["sentOn"] = ReminderKeys.Iso(marker.SentOn),
        };
        if (marker.LetterBlob is { } letter) data["letterBlob"] = letter;
        if (marker.LetterError is { } error) data["letterError"] = error;
        if (marker.CertificateRequestId is { } request) data["certificateRequestId"] = request;
        return data;
    }

    /// <summary>The timeline summary in Japanese.</summary>
    public static string SummaryJa(ReminderMarker marker) =>
        $"リマインダーを送付しました（{ReminderLabels.Ja(marker.Reason)}、" +
        (marker.Deadline is { } deadline ? $"手続きの期限 {ReminderKeys.Iso(deadline)}" : "本人の手続き不要") +
        $"、通知基準日 {ReminderKeys.Iso(marker.DueDate)}" +
        (marker.LetterBlob is null ? "" : "、通知書あり") +
        (marker.CertificateRequestId is null ? "" : "、資格確認書の交付判定へ") + $"）。{marker.MessageJa}";

    /// <summary>The timeline summary in English.</summary>
    public static string SummaryEn(ReminderMarker marker) =>
        $"Reminder sent ({ReminderLabels.En(marker.Reason)}, " +
        (marker.Deadline is { } deadline ? $"member to act by {ReminderKeys.Iso(deadline)}" : "nothing for the member to do") +
        $", reminder date {ReminderKeys.Iso(marker.DueDate)}" +
        (marker.LetterBlob is null ? "" : ", letter printed") +
        (marker.CertificateRequestId is null ? "" : ", sent to certificate issuance") + $"). {marker.MessageEn}";

    /// <summary>Whether the reminder hands the member to certificate issuance.</summary>
    public static bool IsHandOff(Reminder reminder) => reminder.Action is ReminderAction.IssueCertificate or ReminderAction.RenewCertificate;
}
