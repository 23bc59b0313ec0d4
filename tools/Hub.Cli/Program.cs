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

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception e) when (CliErrors.Explain(e) is { } explanation)
{
    // An environment problem (storage unreachable, not set up, no permission): say what to do, not a stack trace.
    CliOutput.Error(explanation);
    return CliErrors.EnvironmentProblem;
}
catch (Exception e)
{
    // A bug: keep the whole trace for the report, and a non-zero exit.
    CliOutput.Error($"{e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine(e);
    return 1;
}
