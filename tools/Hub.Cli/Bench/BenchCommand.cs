using System.CommandLine;
using Hub.Cli.Cli;

namespace Hub.Cli.Bench;

/// <summary><c>./hub bench …</c>: speed and memory, measured (never asserted in tests).</summary>
public sealed class BenchCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("bench", "Benchmarks: storage, host, ingest, documents, pipeline, webhooks, reminders.");
        foreach (var type in typeof(IBenchmark).Assembly.GetTypes()
                     .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
            command.Subcommands.Add(((IBenchmark)Activator.CreateInstance(type)!).Build());
        return command;
    }
}
