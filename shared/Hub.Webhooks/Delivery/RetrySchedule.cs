using System.Globalization;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// When the next attempt of a round happens (pure). A round is the first delivery or a replay; its attempts
/// follow <see cref="WebhookOptions.RetryDelays"/> (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).
/// A <c>Retry-After</c> (429/503) can push an attempt later, never earlier, and is capped at
/// <see cref="WebhookOptions.MaxRetryAfter"/>.
/// </summary>
public sealed class RetrySchedule(WebhookOptions options)
{
    /// <summary>Attempts in a round.</summary>
    public int AttemptsPerRound => options.RetryDelays.Count;

    /// <summary>
    /// The delay before the next attempt after <paramref name="attemptsMade"/> failed attempts of the round
    /// (1 = only the immediate one), or null when the round is exhausted.
    /// </summary>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= options.RetryDelays.Count) return null;
        var scheduled = options.RetryDelays[attemptsMade];
        if (retryAfter is not { } asked) return scheduled;
        var capped = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > options.MaxRetryAfter ? options.MaxRetryAfter : asked;
        return capped > scheduled ? capped : scheduled;
    }
}

/// <summary>Reads a <c>Retry-After</c> header (pure): delay-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
public static class RetryAfter
{
    private static readonly string[] DateFormats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"];

    /// <summary>The delay the header asks for, relative to <paramref name="now"/> (a past date = zero); null if absent or unreadable.</summary>
    public static TimeSpan? Parse(string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var text = header.Trim();
        if (text.All(char.IsAsciiDigit))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds / 2))
                : TimeSpan.MaxValue / 2;
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
