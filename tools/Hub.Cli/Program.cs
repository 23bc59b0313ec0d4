using System.CommandLine;
using Hub.Cli.Cli;

// ./hub <verb>: every ICliCommand in this assembly is a verb.
var root = new RootCommand("My Number integration hub — local runs, benchmarks and operations.");
foreach (var type in typeof(ICliCommand).Assembly.GetTypes()
             .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
             .OrderBy(t => t.Name, StringComparer.Ordinal))
{
    root.Subcommands.Add(((ICliCommand)Activator.CreateInstance(type)!).Build());
}
return await root.Parse(args).InvokeAsync();
