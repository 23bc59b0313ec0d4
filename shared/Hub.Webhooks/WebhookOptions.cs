using System.Globalization;
using Hub.Core.Configuration;

namespace Hub.Webhooks;

/// <summary>
/// Webhook behaviour. Most values are fixed by the issue (schedule, timeout, 5-day disable); the ones with a
/// setting can be tuned per deployment.
/// </summary>
public sealed record WebhookOptions
{
    /// <summary>Delays before each attempt of a round: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts).</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Retries due within this delay run inside the same invocation (the 5 s one) instead of waiting for the timer.</summary>
    public TimeSpan InlineRetryLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the receiver has to answer (2xx within it = delivered).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose attempts have all failed for this long is disabled.</summary>
    public TimeSpan DisableAfterFailingFor { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How long the old secret keeps signing after <c>rotate-secret</c> (<c>Hub__Webhooks__RotationGrace</c>, default 24 h).</summary>
    public TimeSpan RotationGrace { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long <c>…Url</c> document links stay valid (<c>Hub__Webhooks__LinkLifetime</c>, default 7 days).</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long an attempt holds its claim on a delivery (longer than two timeouts plus the inline wait).</summary>
    public TimeSpan ClaimWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one RetryWebhooks run keeps picking due attempts (the timer fires every minute).</summary>
    public TimeSpan RetryRunBudget { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Attempts in flight at once in one RetryWebhooks run.</summary>
    public int RetryParallelism { get; init; } = 8;

    /// <summary>How many response bytes an attempt keeps for the log.</summary>
    public int ResponseExcerptBytes { get; init; } = 1024;

    /// <summary>How many attempts a delivery record keeps in its log (older ones are counted, not kept).</summary>
    public int AttemptLogSize { get; init; } = 12;

    /// <summary>The options from settings (defaults where a setting is absent).</summary>
    public static WebhookOptions FromSettings(Settings settings)
    {
        var options = new WebhookOptions();
        return options with
        {
            RotationGrace = Duration(settings, "Hub__Webhooks__RotationGrace") ?? options.RotationGrace,
            LinkLifetime = Duration(settings, "Hub__Webhooks__LinkLifetime") ?? options.LinkLifetime,
        };
    }

    /// <summary>Parses a duration: <c>24h</c>, <c>90m</c>, <c>30s</c>, <c>7d</c>, or a TimeSpan (<c>1.00:00:00</c>).</summary>
    /// <exception cref="WebhookException">Not a non-negative duration.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        if (t.Length > 1 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            switch (t[^1])
            {
                case 'd': return TimeSpan.FromDays(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 's': return TimeSpan.FromSeconds(n);
            }
        }
        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return span;
        throw new WebhookException(WebhookErrorCodes.TimeInvalid,
            $"'{text}' is not a duration (e.g. 24h, 90m, 7d or 1.00:00:00).",
            $"'{text}' は期間として読めません（例: 24h, 90m, 7d, 1.00:00:00）。");
    }

    private static TimeSpan? Duration(Settings settings, string name)
    {
        var value = settings.Get(name);
        if (value is null) return null;
        try
        {
            return ParseDuration(value);
        }
        catch (WebhookException e)
        {
            throw new HubConfigurationException($"{name}: {e.English}", e);
        }
    }
}
