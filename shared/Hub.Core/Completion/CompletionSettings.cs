using System.Globalization;
using Hub.Core.Configuration;

namespace Hub.Core.Completion;

/// <summary>
/// Knobs of CompleteSubmissions (<c>Hub__Completion__*</c>); every one has a safe default. The timer's schedule is the
/// app setting <c>CompleteSubmissionsSchedule</c> (function.json), not read here.
/// </summary>
public sealed record CompletionSettings
{
    /// <summary>
    /// How long after ingestion rows may stay unfinished before the result is written anyway, with those rows
    /// <c>pending</c> (<c>Hub__Completion__PendingAfterHours</c>, default 24). A dead-lettered registration message must
    /// not keep the employer waiting for ever; the result is rewritten once the rows finish.
    /// </summary>
    public TimeSpan PendingAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a run's claim on a submission holds (default 15 minutes: longer than host.json's 10-minute function
    /// timeout, so a claim outlives the run that took it only if that run died — then another run takes over).
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Stop taking new submissions after this long (inside the 10-minute function timeout); the next run goes on.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>
    /// In-process tests only (never read from settings): called after each step with the submission id, to make
    /// something happen at an exact point (a crash between writing the files and marking the submission).
    /// </summary>
    public Func<CompletionStep, string, Task>? AfterStep { get; init; }

    /// <summary>Reads the settings.</summary>
    /// <exception cref="HubConfigurationException">A value is not a positive whole number.</exception>
    public static CompletionSettings FromSettings(Settings settings)
    {
        const string name = "Hub__Completion__PendingAfterHours";
        var text = settings.Get(name);
        if (text is null) return new CompletionSettings();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours > 0
            ? new CompletionSettings { PendingAfter = TimeSpan.FromHours(hours) }
            : throw new HubConfigurationException($"App setting '{name}' must be a positive whole number of hours, got '{text}'.");
    }
}

/// <summary>The steps of completing one submission, for test hooks (<see cref="CompletionSettings.AfterStep"/>).</summary>
public enum CompletionStep
{
    /// <summary>The run holds the submission's claim.</summary>
    Claimed,

    /// <summary>Both result files are written, the submission not yet marked.</summary>
    Written,

    /// <summary>The submission is marked.</summary>
    Marked,
}
