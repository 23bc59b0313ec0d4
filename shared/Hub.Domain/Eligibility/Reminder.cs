namespace Hub.Domain.Eligibility;

/// <summary>
/// One reminder. The ledger key is (member, <see cref="Reason"/>, <see cref="DueDate"/>): the same reminder
/// comes back on every later run until the ledger has recorded it as sent.
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="DueDate">The day it becomes due.</param>
/// <param name="EventDate">
/// The date it is about: the expiry (…Expiring), the grace end (InGracePeriod, GraceEnded), the
/// certificate's 有効期限 (CertificateExpiring), the filing deadline — the day before departure
/// (OverseasDepartureApproaching), or the departure date (OverseasLapsed, ForeignNationalDeparture).
/// </param>
/// <param name="Action">What the hub does besides notifying.</param>
/// <param name="MessageJa">The message for the member, in Japanese.</param>
/// <param name="MessageEn">The message for the member, in English.</param>
public sealed record Reminder(
    ReminderReason Reason,
    DateOnly DueDate,
    DateOnly EventDate,
    ReminderAction Action,
    string MessageJa,
    string MessageEn);
