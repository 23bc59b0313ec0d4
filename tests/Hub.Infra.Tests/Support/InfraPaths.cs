using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>Where the files under test are.</summary>
public static class InfraPaths
{
    /// <summary>infra/.</summary>
    public static string Infra => RepoPaths.Combine("infra");

    /// <summary>infra/main.json.</summary>
    public static string Main => Path.Combine(Infra, "main.json");

    /// <summary>infra/modules/.</summary>
    public static string Modules => Path.Combine(Infra, "modules");

    /// <summary>infra/deploy.sh.</summary>
    public static string DeployScript => Path.Combine(Infra, "deploy.sh");

    /// <summary>The environments that have a parameter file.</summary>
    public static readonly string[] Environments = ["dev", "prod"];

    /// <summary>infra/parameters.{environment}.json.</summary>
    public static string ParameterFile(string environment) => Path.Combine(Infra, $"parameters.{environment}.json");

    /// <summary>functions/ (the app root).</summary>
    public static string Functions => RepoPaths.Combine("functions");

    /// <summary>docs/operations.md.</summary>
    public static string OperationsDoc => RepoPaths.Combine("docs", "operations.md");
}
