using Hub.Domain.Eligibility;

namespace Hub.Core.Reminders;

/// <summary>Which reminders a sweep sends: the two daily timers split them by subject; the CLI can run both at once.</summary>
public enum ReminderKind
{
    /// <summary>SendExpiryReminders: card and e-certificate expiry, the grace period and its end, 資格確認書 renewal.</summary>
    Expiry,

    /// <summary>SendOverseasReminders: departure abroad without 国外継続利用申請, the lapse on departure, foreign nationals leaving.</summary>
    Overseas,

    /// <summary>Both (<c>./hub reminders run</c>).</summary>
    All,
}

/// <summary>What each <see cref="ReminderKind"/> covers.</summary>
public static class ReminderKinds
{
    /// <summary>Whether a sweep of <paramref name="kind"/> sends reminders for <paramref name="reason"/>.</summary>
    public static bool Includes(this ReminderKind kind, ReminderReason reason) => kind switch
    {
        ReminderKind.All => true,
        ReminderKind.Overseas => IsOverseas(reason),
        ReminderKind.Expiry => !IsOverseas(reason),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reminder kind."),
    };

    /// <summary>The reasons about leaving Japan.</summary>
    public static bool IsOverseas(ReminderReason reason) =>
        reason is ReminderReason.OverseasDepartureApproaching or ReminderReason.OverseasLapsed or ReminderReason.ForeignNationalDeparture;

    /// <summary>The stable code of a kind (events, logs).</summary>
    public static string Code(this ReminderKind kind) => kind switch
    {
        ReminderKind.Expiry => "expiry",
        ReminderKind.Overseas => "overseas",
        _ => "all",
    };

    /// <summary>The kind of a single reason (for events).</summary>
    public static ReminderKind Of(ReminderReason reason) => IsOverseas(reason) ? ReminderKind.Overseas : ReminderKind.Expiry;
}
