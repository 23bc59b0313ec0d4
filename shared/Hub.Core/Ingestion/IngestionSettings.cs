using System.Globalization;
using Hub.Core.Configuration;

namespace Hub.Core.Ingestion;

/// <summary>
/// Ingestion limits and knobs, from app settings (<c>Hub__Ingestion__*</c>); every one has a safe default.
/// </summary>
public sealed record IngestionSettings
{
    /// <summary>Largest accepted upload (<c>Hub__Ingestion__MaxFileBytes</c>, default 100 MiB ≈ 300k rows). Larger: FILE_TOO_LARGE, unread.</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Longest accepted row in characters (<c>Hub__Ingestion__MaxRowChars</c>, default 65,536; a row is ~300). Longer: ROW_TOO_LARGE.</summary>
    public int MaxRowChars { get; init; } = 64 * 1024;

    /// <summary>
    /// Invocations of one upload before the host gives up (<c>Hub__Ingestion__MaxAttempts</c>, default 5). Must equal the
    /// host's <c>extensions.blobs.poisonBlobThreshold</c> (default 5): the last attempt writes the FAILED report first.
    /// </summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Accepted rows per fan-out chunk message (<c>Hub__Ingestion__ChunkRows</c>, default 1,000).</summary>
    public int ChunkRows { get; init; } = 1000;

    /// <summary>Staging transactions (100 rows each) in flight at once (<c>Hub__Ingestion__StagingParallelism</c>, default 4).</summary>
    public int StagingParallelism { get; init; } = 4;

    /// <summary>Local testing only: a fault to inject (see <see cref="IngestionFault"/>); null in Azure.</summary>
    public IngestionFault? Fault { get; init; }

    /// <summary>
    /// In-process tests only (never read from settings): called after each <see cref="IngestionStep"/> with the attempt
    /// number, to make something happen at an exact point (e.g. replace the upload between the passes).
    /// </summary>
    public Func<IngestionStep, int, Task>? AfterStep { get; init; }

    /// <summary>Reads the settings; <c>Hub__Testing__FailIngestAfter</c> is honoured only when <c>Hub__Environment=Local</c>.</summary>
    /// <exception cref="HubConfigurationException">A value is not a positive number.</exception>
    public static IngestionSettings FromSettings(Settings settings, HubEnvironment environment) => new()
    {
        MaxFileBytes = Positive(settings, "Hub__Ingestion__MaxFileBytes", 100L * 1024 * 1024),
        MaxRowChars = checked((int)Positive(settings, "Hub__Ingestion__MaxRowChars", 64 * 1024)),
        MaxAttempts = checked((int)Positive(settings, "Hub__Ingestion__MaxAttempts", 5)),
        ChunkRows = checked((int)Positive(settings, "Hub__Ingestion__ChunkRows", 1000)),
        StagingParallelism = checked((int)Positive(settings, "Hub__Ingestion__StagingParallelism", 4)),
        Fault = environment == HubEnvironment.Local ? IngestionFault.Parse(settings.Get(IngestionFault.SettingName)) : null,
    };

    private static long Positive(Settings settings, string name, long fallback)
    {
        var text = settings.Get(name);
        if (text is null) return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new HubConfigurationException($"App setting '{name}' must be a positive whole number, got '{text}'.");
    }
}
