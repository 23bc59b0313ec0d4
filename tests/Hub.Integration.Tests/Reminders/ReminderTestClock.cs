namespace Hub.Integration.Tests.Reminders;

/// <summary>A clock the test sets by hand (the hub's clock wraps it, so every date decision reads it).</summary>
internal sealed class ReminderTestClock : TimeProvider
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);
    private DateTimeOffset _now;

    /// <summary>Japan 09:00 on <paramref name="day"/>.</summary>
    public ReminderTestClock(DateOnly day) => SetDay(day);

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>Japan 09:00 on <paramref name="day"/> (a normal working time, well away from midnight).</summary>
    public void SetDay(DateOnly day) => SetJapan(day, new TimeOnly(9, 0));

    /// <summary>A Japan wall-clock time.</summary>
    public void SetJapan(DateOnly day, TimeOnly time) => _now = new DateTimeOffset(day.ToDateTime(time), Japan);

    /// <summary>A UTC instant (to test the Japan date against the UTC one).</summary>
    public void SetUtc(DateTimeOffset instant) => _now = instant.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
