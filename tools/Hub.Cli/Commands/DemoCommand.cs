using System.CommandLine;
using Hub.Cli.Cli;
using Hub.Cli.Local;

namespace Hub.Cli.Commands;

/// <summary><c>./hub demo</c>: the whole pipeline on a bundled sample submission (synthetic data).</summary>
public sealed class DemoCommand : ICliCommand
{
    /// <summary>The demo employer.</summary>
    public const string EmployerCode = "E0001";

    /// <inheritdoc />
    public Command Build()
    {
        var outDir = CommonOptions.Out();
        var asOf = CommonOptions.AsOf();
        var keep = CommonOptions.Keep();
        var command = new Command("demo", "Run the whole pipeline locally on a bundled sample (insured persons and dependants, synthetic My Numbers).") { outDir, asOf, keep };
        command.SetAction((parse, ct) =>
        {
            var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "demo-submission.csv");
            CliOutput.Title($"Demo: employer {EmployerCode} uploads {Path.GetFileName(sample)}");
            return LocalRun.ExecuteAsync(new LocalRunOptions
            {
                EmployerCode = EmployerCode,
                EmployerName = "デモ商事株式会社",
                File = sample,
                OutDir = parse.GetValue(outDir)!,
                AsOf = parse.GetValue(asOf),
                Keep = parse.GetValue(keep),
            }, ct);
        });
        return command;
    }
}
