using System.Diagnostics;
using System.Globalization;
using Hub.Core.Configuration;

namespace Hub.Core.Ingestion;

/// <summary>A point in IngestSubmission after which a fault can be injected (local testing only).</summary>
public enum IngestionStep
{
    /// <summary>After pass 1 (format, header, collection).</summary>
    Collect,

    /// <summary>After pass 2 staged every accepted row, before the report is committed.</summary>
    Stage,

    /// <summary>After the report blobs are committed, before the submission record.</summary>
    Report,

    /// <summary>After the submission record and its event are committed, before the outputs are returned.</summary>
    Commit,
}

/// <summary>
/// A fault injected into IngestSubmission to prove crash safety: <c>Hub__Testing__FailIngestAfter=stage</c> fails the
/// first attempt after staging; <c>stage:3</c> the first three; <c>stage:1:kill</c> kills the handler process instead of
/// throwing (as a crash would). Read only when <c>Hub__Environment=Local</c>.
/// </summary>
/// <param name="After">The step after which to fail.</param>
/// <param name="Attempts">Attempts (1-based, per upload) that fail.</param>
/// <param name="Kill">Kill the process rather than throw.</param>
public sealed record IngestionFault(IngestionStep After, int Attempts, bool Kill)
{
    /// <summary>The app setting.</summary>
    public const string SettingName = "Hub__Testing__FailIngestAfter";

    /// <summary>Parses the setting; null when absent.</summary>
    /// <exception cref="HubConfigurationException">Malformed.</exception>
    public static IngestionFault? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(':');
        if (!Enum.TryParse<IngestionStep>(parts[0], ignoreCase: true, out var step) || parts.Length > 3)
            throw new HubConfigurationException($"{SettingName} must be step[:attempts][:kill] with step one of {string.Join(", ", Enum.GetNames<IngestionStep>())}; got '{text}'.");
        var attempts = 1;
        if (parts.Length >= 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out attempts))
            throw new HubConfigurationException($"{SettingName}: '{parts[1]}' is not a number of attempts.");
        var kill = parts.Length == 3 && parts[2].Equals("kill", StringComparison.OrdinalIgnoreCase);
        if (parts.Length == 3 && !kill) throw new HubConfigurationException($"{SettingName}: the third part can only be 'kill'.");
        return new IngestionFault(step, attempts, kill);
    }

    /// <summary>Fails here if this is the configured step and attempt.</summary>
    /// <exception cref="InjectedFaultException">The fault fires (and does not kill).</exception>
    public void Trip(IngestionStep step, int attempt)
    {
        if (step != After || attempt > Attempts) return;
        if (Kill)
        {
            Console.Error.WriteLine($"Injected fault: killing the handler after {step} (attempt {attempt}).");
            Process.GetCurrentProcess().Kill();
        }

        throw new InjectedFaultException($"Injected fault after {step} (attempt {attempt}, {SettingName}).");
    }
}

/// <summary>A fault injected on purpose by <see cref="IngestionFault"/>.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
