namespace Hub.Integration.Tests.Members;

/// <summary>A clock the test moves by hand (the hub's clock wraps it; all date logic reads it).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Japan 09:00 on <paramref name="day"/>.</summary>
    public static ManualClock At(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9)));

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;

    public void SetDay(DateOnly day) => _now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9));
}
