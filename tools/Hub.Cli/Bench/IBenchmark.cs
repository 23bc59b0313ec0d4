using System.CommandLine;

namespace Hub.Cli.Bench;

/// <summary>A <c>./hub bench &lt;name&gt;</c> benchmark; found by reflection. Benchmarks print numbers; they never assert.</summary>
public interface IBenchmark
{
    /// <summary>Builds the subcommand.</summary>
    Command Build();
}
