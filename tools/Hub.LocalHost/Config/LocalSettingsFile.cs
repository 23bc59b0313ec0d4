namespace Hub.LocalHost.Config;

/// <summary>
/// The app settings of a local run: <c>local.settings.json</c> at the repository root if present (a
/// developer's own, git-ignored), else the committed <c>local.settings.sample.json</c>; then overrides
/// (e.g. connection strings of the Azurite started for this run).
/// </summary>
public static class LocalSettingsFile
{
    /// <summary>Loads the settings for <paramref name="repoRoot"/> with <paramref name="overrides"/> applied.</summary>
    public static AppSettings Load(string repoRoot, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var own = Path.Combine(repoRoot, "local.settings.json");
        var sample = Path.Combine(repoRoot, "local.settings.sample.json");
        var file = File.Exists(own) ? own : File.Exists(sample) ? sample
            : throw new FileNotFoundException("Neither local.settings.json nor local.settings.sample.json exists.", sample);
        return AppSettings.FromFile(file, overrides);
    }

    /// <summary>Overrides pointing every storage-backed connection of the app at one account (Service Bus is served by its queues locally).</summary>
    public static Dictionary<string, string> StorageOverrides(string connectionString) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["HubStorage"] = connectionString,
        ["ServiceBusConnection"] = connectionString,
    };
}
