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

    /// <summary>This process's peak working set, in MB.</summary>
    public static double PeakWorkingSetMb()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
