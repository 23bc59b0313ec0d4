using System.CommandLine;

namespace Hub.Cli.Cli;

/// <summary>A top-level verb of the CLI. Implementations are discovered by reflection, so a feature adds a file, not an edit to a list.</summary>
public interface ICliCommand
{
    /// <summary>Builds the command (name, options, action).</summary>
    Command Build();
}
