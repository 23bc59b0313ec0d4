using Hub.Core;
using Hub.Core.Configuration;
using Hub.LocalHost.Config;

namespace Hub.Cli.Cli;

/// <summary>
/// Core services for ops verbs: the process environment (e.g. identity-based <c>HubStorage__*</c> in an
/// ops shell) if it configures HubStorage, else local.settings.json / the sample (Azurite on its default ports).
/// An environment HubStorage that points at a loopback Azurite (<c>./hub demo --keep</c>) takes the other
/// settings (dev keys) from the local file too; any other storage never sees the local file's dev keys.
/// </summary>
public static class CliServices
{
    /// <summary>Builds the services.</summary>
    public static HubServices Create()
    {
        var env = Settings.FromEnvironment();
        var local = LocalSettingsFile.Load(RepoRoot.Path);
        var connection = env.Get("HubStorage");
        if (connection is not null && IsLoopback(connection) || connection is null && env.Get("HubStorage__blobServiceUri") is null)
            return new HubServices(new Settings(name => Environment.GetEnvironmentVariable(name) ?? local[name]));
        return new HubServices(env);
    }

    private static bool IsLoopback(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)).Any(kv => kv.Length == 2
            && kv[0].Trim().EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(kv[1].Trim(), UriKind.Absolute, out var uri) && uri.IsLoopback)
        || connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
