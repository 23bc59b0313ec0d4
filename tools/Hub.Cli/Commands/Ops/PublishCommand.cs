using System.CommandLine;
using System.Globalization;
using Hub.Cli.Cli;
using Spectre.Console;

namespace Hub.Cli.Commands.Ops;

/// <summary>
/// <c>./hub publish [--out artifacts/app.zip] [--ready-to-run]</c>: builds the deployable zip of the function
/// app (see <see cref="AppPackage"/>) and prints its size and contents; <c>infra/deploy.sh</c> deploys it.
/// </summary>
public sealed class PublishCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var output = new Option<string?>("--out") { Description = "Zip to write (default: artifacts/app.zip)." };
        var readyToRun = new Option<bool>("--ready-to-run") { Description = "Precompile (ReadyToRun): faster cold start, bigger zip." };
        var command = new Command("publish", "Build the deployable zip: self-contained linux-x64 handler, host.json, function.json files, fonts.") { output, readyToRun };
        command.SetAction(async (parse, ct) =>
        {
            var root = RepoRoot.Path;
            var zip = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(root, "artifacts", "app.zip"));
            try
            {
                var result = await AppPackage.BuildAsync(new AppPackageOptions
                {
                    RepoRoot = root,
                    OutputZip = zip,
                    WorkDirectory = Path.Combine(root, "artifacts", "publish"),
                    ReadyToRun = parse.GetValue(readyToRun),
                }, CliOutput.Progress, ct);
                PrintSummary(result);
                return 0;
            }
            catch (AppPackageException e)
            {
                CliOutput.Error(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static void PrintSummary(AppPackageResult result)
    {
        CliOutput.Ok($"{result.ZipPath}: {Megabytes(result.ZipBytes)} compressed, {result.Entries.Count} files, {Megabytes(result.Entries.Sum(e => e.Bytes))} unpacked, built in {result.Elapsed.TotalSeconds:F0} s");
        var handlerFolder = result.ExecutablePath.Split('/')[0] + "/";
        var fonts = $"{handlerFolder}{AppPackage.FontsFolder}/";
        var table = new Table().AddColumns("part", "files", "size", "contents");
        void Row(string part, IReadOnlyCollection<AppPackageEntry> entries, string contents) =>
            table.AddRow(Markup.Escape(part), entries.Count.ToString(CultureInfo.InvariantCulture), Megabytes(entries.Sum(e => e.Bytes)), Markup.Escape(contents));
        var handler = result.Entries.Where(e => e.Path.StartsWith(handlerFolder, StringComparison.Ordinal) && !e.Path.StartsWith(fonts, StringComparison.Ordinal)).ToList();
        Row(handlerFolder, handler, $"{result.ExecutablePath} (executable: {handler.Single(e => e.Path == result.ExecutablePath).Executable}), .NET runtime, libraries");
        var fontEntries = result.Entries.Where(e => e.Path.StartsWith(fonts, StringComparison.Ordinal)).ToList();
        Row(fonts, fontEntries, string.Join(", ", fontEntries.Select(e => e.Path[fonts.Length..])));
        var functions = result.Entries.Where(e => e.Path.EndsWith("/function.json", StringComparison.Ordinal)).ToList();
        Row("*/function.json", functions, string.Join(", ", functions.Select(e => e.Path.Split('/')[0])));
        Row("host.json", result.Entries.Where(e => e.Path == "host.json").ToList(), $"defaultExecutablePath {result.ExecutablePath}");
        AnsiConsole.Write(table);
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
