using Hub.Core;
using Hub.Core.Configuration;
using Hub.LocalHost.Config;

namespace Hub.Cli.Cli;

/// <summary>
/// Core services for ops verbs: the process environment (e.g. identity-based <c>HubStorage__*</c> in an
/// ops shell) if it configures HubStorage, else local.settings.json / the sample (Azurite on its default ports).
/// </summary>
public static class CliServices
{
    /// <summary>Builds the services.</summary>
    public static HubServices Create()
    {
        var env = Settings.FromEnvironment();
        if (env.Get("HubStorage") is not null || env.Get("HubStorage__blobServiceUri") is not null) return new HubServices(env);
        var local = LocalSettingsFile.Load(RepoRoot.Path);
        return new HubServices(new Settings(name => Environment.GetEnvironmentVariable(name) ?? local[name]));
    }
}
