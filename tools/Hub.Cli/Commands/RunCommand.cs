using System.CommandLine;
using System.Globalization;
using Hub.Cli.Cli;
using Hub.Cli.Local;

namespace Hub.Cli.Commands;

/// <summary><c>./hub run --employer CODE --file PATH [--out DIR] [--as-of YYYY-MM-DD]</c>: the demo for your own file.</summary>
public sealed class RunCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var employer = new Option<string>("--employer") { Description = "Employer code (事業所記号): the upload folder submissions/{code}/.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The submission file (CSV in UTF-8 or Shift_JIS, or JSON).", Required = true };
        var name = new Option<string>("--employer-name") { Description = "Employer name used if the employer is registered for this run.", DefaultValueFactory = _ => "ローカル実行用事業所" };
        var outDir = CommonOptions.Out();
        var asOf = CommonOptions.AsOf();
        var keep = CommonOptions.Keep();
        var command = new Command("run", "Run the whole pipeline locally (Azurite + local Functions host) on your file; outputs go to ./out.")
        {
            employer, file, name, outDir, asOf, keep,
        };
        command.SetAction((parse, ct) => LocalRun.ExecuteAsync(new LocalRunOptions
        {
            EmployerCode = parse.GetValue(employer)!,
            EmployerName = parse.GetValue(name)!,
            File = parse.GetValue(file)!.FullName,
            OutDir = parse.GetValue(outDir)!,
            AsOf = parse.GetValue(asOf),
            Keep = parse.GetValue(keep),
        }, ct));
        return command;
    }
}

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<string> Out() => new("--out") { Description = "Output folder (replaced on each run).", DefaultValueFactory = _ => "out" };

    public static Option<bool> Keep() => new("--keep")
    {
        Description = "Keep Azurite running with the run's data after the run (until Ctrl+C) and print how to point ./hub member, webhooks, deadletter … at it.",
    };

    public static Option<DateOnly?> AsOf() => new("--as-of")
    {
        Description = "Simulate this Japan date (YYYY-MM-DD) for every date rule.",
        CustomParser = r => r.Tokens.Count == 0 ? null
            : DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Fail(r),
    };

    private static DateOnly? Fail(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"'{r.Tokens[0].Value}' is not a date: use YYYY-MM-DD.");
        return null;
    }
}
