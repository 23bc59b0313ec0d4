namespace Hub.Domain.Eligibility;

/// <summary>
/// One reminder. The ledger key is (member, <see cref="Reason"/>, <see cref="DueDate"/>): the same reminder
/// comes back on every later run until the ledger has recorded it as sent.
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="DueDate">
/// The day it becomes due (通知基準日: the day its window opens, e.g. 90 days before an expiry). It identifies the
/// reminder; it is not a deadline, and it can lie before the day the reminder is actually sent (catch-up).
/// </param>
/// <param name="EventDate">
/// The date it is about: the expiry (…Expiring), the grace end (InGracePeriod, GraceEnded), the
/// certificate's 有効期限 (CertificateExpiring), the filing deadline — the day before departure
/// (OverseasDepartureApproaching), or the departure date (OverseasLapsed, ForeignNationalDeparture).
/// </param>
/// <param name="Action">What the hub does besides notifying.</param>
/// <param name="MessageJa">The message for the member, in Japanese.</param>
/// <param name="MessageEn">The message for the member, in English.</param>
/// <param name="Deadline">
/// The last day the member must act by (手続きの期限), or null when nothing is asked of the member: the hub issues or
/// renews a certificate, the member already holds one that covers the event, or the member leaves the society
/// (資格喪失, 後期高齢者医療 at 75) and this insurer has nothing more to ask.
/// </param>
public sealed record Reminder(
    ReminderReason Reason,
    DateOnly DueDate,
    DateOnly EventDate,
    ReminderAction Action,
    string MessageJa,
    string MessageEn,
    DateOnly? Deadline)
{
    /// <summary>Whether the member must act (a reminder letter goes out only then).</summary>
    public bool MemberMustAct => Deadline is not null;
}
