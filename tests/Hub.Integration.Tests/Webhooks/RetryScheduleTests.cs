using Hub.Webhooks;
using Hub.Webhooks.Delivery;

namespace Hub.Integration.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Schedule = new(new WebhookOptions());
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]          // after the immediate attempt: 5 s
    [InlineData(2, 300)]        // 5 min
    [InlineData(3, 1800)]       // 30 min
    [InlineData(4, 7200)]       // 2 h
    [InlineData(5, 18000)]      // 5 h
    [InlineData(6, 36000)]      // 10 h
    [InlineData(7, 36000)]      // 10 h
    public void Follows_the_schedule(int attemptsMade, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Schedule.NextDelay(attemptsMade));

    [Fact]
    public void Eight_attempts_then_none()
    {
        Assert.Equal(8, Schedule.AttemptsPerRound);
        Assert.Null(Schedule.NextDelay(8));
        Assert.Null(Schedule.NextDelay(8, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.NextDelay(0));
    }

    [Theory]
    [InlineData(1, 60, 60)]          // Retry-After longer than 5 s wins
    [InlineData(1, 2, 5)]            // shorter: never earlier than scheduled
    [InlineData(2, 120, 300)]
    [InlineData(2, 3600, 3600)]
    [InlineData(3, 864000, 86400)]   // 10 days: capped at 24 h
    [InlineData(7, 0, 36000)]
    public void Honours_retry_after_never_earlier_and_capped(int attemptsMade, int retryAfterSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Schedule.NextDelay(attemptsMade, TimeSpan.FromSeconds(retryAfterSeconds)));

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("Sat, 21 Nov 2026 05:00:00 GMT", 7200)]       // IMF-fixdate
    [InlineData("Saturday, 21-Nov-26 03:30:00 GMT", 1800)]    // obsolete RFC 850
    [InlineData("Sat Nov 21 04:00:00 2026", 3600)]            // asctime
    [InlineData("Sat, 21 Nov 2026 02:00:00 GMT", 0)]          // in the past: now
    public void Reads_retry_after(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(header, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("2026-11-21T05:00:00Z")]
    public void Ignores_unreadable_retry_after(string? header) => Assert.Null(RetryAfter.Parse(header, Now));

    [Fact]
    public void A_huge_delay_seconds_value_is_still_capped()
    {
        var asked = RetryAfter.Parse("99999999999999999999", Now);
        Assert.NotNull(asked);
        Assert.Equal(TimeSpan.FromHours(24), Schedule.NextDelay(1, asked));
    }
}
