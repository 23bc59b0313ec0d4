using Hub.Core.Configuration;

namespace Hub.Core.Time;

/// <summary>
/// The hub's clock: real time, optionally shifted so that "today" in Japan is a chosen date
/// (<c>Hub__Clock__AsOf=2027-03-01</c>, used by <c>./hub run --as-of</c> to simulate a day). All date
/// logic asks this clock, never DateTime.Now.
/// </summary>
public sealed class HubClock : TimeProvider
{
    /// <summary>Japan Standard Time: UTC+9, no daylight saving.</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    private readonly TimeProvider _inner;
    private readonly TimeSpan _shift;

    /// <summary>A clock over <paramref name="inner"/>; with <paramref name="asOf"/>, shifted so Japan's date is that day (time of day kept).</summary>
    public HubClock(TimeProvider? inner = null, DateOnly? asOf = null)
    {
        _inner = inner ?? System;
        if (asOf is { } day)
        {
            var nowJapan = _inner.GetUtcNow().ToOffset(JapanOffset);
            _shift = day.ToDateTime(TimeOnly.MinValue) - nowJapan.Date;
        }
    }

    /// <summary>The clock for the settings (<c>Hub__Clock__AsOf</c>).</summary>
    public static HubClock FromSettings(Settings settings, TimeProvider? inner = null)
    {
        var asOf = settings.Get("Hub__Clock__AsOf");
        if (asOf is null) return new HubClock(inner);
        return DateOnly.TryParseExact(asOf, "yyyy-MM-dd", out var day)
            ? new HubClock(inner, day)
            : throw new HubConfigurationException($"Hub__Clock__AsOf '{asOf}' is not a date (yyyy-MM-dd).");
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _shift;

    /// <summary>
    /// The clock without the simulated day: for times another service checks against its own clock (SAS expiries),
    /// which a simulated past day would otherwise make expire at once.
    /// </summary>
    public TimeProvider Unshifted => _inner;

    /// <summary>Now in Japan time.</summary>
    public DateTimeOffset NowInJapan => GetUtcNow().ToOffset(JapanOffset);

    /// <summary>Today's date in Japan.</summary>
    public DateOnly TodayInJapan => DateOnly.FromDateTime(NowInJapan.DateTime);
}
