namespace Hub.Cli.Cli;

/// <summary>The repository root: <c>HUB_REPO_ROOT</c> (set by ./hub) or the folder above the CLI holding Hub.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Value = new(() =>
    {
        var env = Environment.GetEnvironmentVariable("HUB_REPO_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(System.IO.Path.Combine(env, "Hub.sln"))) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Hub.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root; run the CLI through ./hub.");
    });

    /// <summary>The root path.</summary>
    public static string Path => Value.Value;
}
