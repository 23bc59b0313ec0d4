using Hub.Testing;

namespace Hub.Integration.Tests.Members;

/// <summary>The member tests' days on the shared <see cref="ManualClock"/>: 09:00 Japan time on a calendar day.</summary>
internal static class ManualClockDays
{
    /// <summary>A clock at Japan 09:00 on <paramref name="day"/>.</summary>
    public static ManualClock At(DateOnly day) => new(JapanMorning(day));

    /// <summary>Moves the clock to Japan 09:00 on <paramref name="day"/> (never backwards).</summary>
    public static void SetDay(this ManualClock clock, DateOnly day) => clock.SetUtcNow(JapanMorning(day));

    private static DateTimeOffset JapanMorning(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9));
}
