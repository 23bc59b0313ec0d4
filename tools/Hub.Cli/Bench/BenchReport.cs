using System.Diagnostics;
using Spectre.Console;

namespace Hub.Cli.Bench;

/// <summary>Prints benchmark results as a table and measures throughput and peak memory.</summary>
public sealed class BenchReport(string title)
{
    private readonly Table _table = new Table().AddColumns("measure", "value", "notes");

    /// <summary>Adds a row.</summary>
    public BenchReport Add(string measure, string value, string notes = "")
    {
        _table.AddRow(Markup.Escape(measure), Markup.Escape(value), Markup.Escape(notes));
        return this;
    }

    /// <summary>Prints the table.</summary>
    public void Print()
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/] ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        AnsiConsole.Write(_table);
    }

    /// <summary>Runs <paramref name="work"/> and returns (elapsed, operations per second for <paramref name="operations"/>).</summary>
    public static async Task<(TimeSpan Elapsed, double PerSecond)> TimeAsync(int operations, Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        watch.Stop();
        return (watch.Elapsed, operations / watch.Elapsed.TotalSeconds);
    }

    /// <summary>Runs <paramref name="count"/> operations with at most <paramref name="parallelism"/> in flight.</summary>
    public static Task ParallelAsync(int count, int parallelism, Func<int, Task> operation) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) => await operation(i).ConfigureAwait(false));

    /// <summary>Adds the most frequent kinds of Azurite request (when counted) with their rate over <paramref name="elapsed"/>.</summary>
    public BenchReport AddRequests(Hub.LocalHost.Azurite.AzuriteRequestLog? requests, TimeSpan elapsed, int top = 20)
    {
        if (requests is null) return this;
        Add("Azurite requests", $"{requests.Total:N0}", $"{requests.Total / elapsed.TotalSeconds:N0}/s");
        foreach (var (kind, count) in requests.Counts().Take(top))
            Add("  " + kind, $"{count:N0}", $"{count * 100.0 / Math.Max(1, requests.Total):N1}%");
        return this;
    }

    /// <summary>
    /// Azurite options for a benchmark: optionally a node CPU profile into <paramref name="profileDirectory"/>, request
    /// counting, and Azurite as published (without the LokiJS fixes, to measure what they change).
    /// </summary>
    public static Hub.LocalHost.Azurite.AzuriteOptions AzuriteOptions(string? profileDirectory, Hub.LocalHost.Azurite.AzuriteRequestLog? requests, bool asPublished = false) => new()
    {
        NodeModulesRoot = Cli.RepoRoot.Path,
        NodeArguments = profileDirectory is null ? [] : ["--cpu-prof", $"--cpu-prof-dir={Path.GetFullPath(profileDirectory)}"],
        RequestLog = requests,
        FixLokiJs = !asPublished,
    };

    /// <summary>The options every Azurite-backed benchmark shares.</summary>
    public static (System.CommandLine.Option<string?> Profile, System.CommandLine.Option<bool> Count, System.CommandLine.Option<bool> AsPublished) AzuriteOptionSet() =>
    (
        new System.CommandLine.Option<string?>("--profile-azurite") { Description = "Write a node CPU profile of Azurite (.cpuprofile, open in Chrome DevTools) into this folder." },
        new System.CommandLine.Option<bool>("--count-requests") { Description = "Count Azurite's requests by kind (turns its access log on, which costs it some CPU)." },
        new System.CommandLine.Option<bool>("--azurite-as-published") { Description = "Run Azurite without the LokiJS fixes the local host preloads (to compare)." }
    );

    /// <summary>This process's peak working set, in MB.</summary>
    public static double PeakWorkingSetMb()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
