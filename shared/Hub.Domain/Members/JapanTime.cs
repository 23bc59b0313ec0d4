namespace Hub.Domain.Members;

/// <summary>
/// Japan Standard Time (日本標準時): UTC+9 with no daylight saving time. A fixed offset is used
/// instead of time-zone data so results never depend on the host's tz database.
/// </summary>
public static class JapanTime
{
    /// <summary>The offset of Japan time from UTC (+09:00).</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The current instant expressed in Japan time.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToJapan(clock.GetUtcNow());
    }

    /// <summary>Today's calendar date in Japan, read from an injectable clock.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The same instant expressed with the +09:00 offset.</summary>
    public static DateTimeOffset ToJapan(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar date in Japan at the given instant (whatever offset it carries).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToJapan(instant).DateTime);

    /// <summary>Midnight at the start of a Japanese calendar day, with the +09:00 offset.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Midnight at the start of a Japanese calendar day as a UTC instant (15:00Z the day before).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date) => StartOfDay(date).ToUniversalTime();
}
