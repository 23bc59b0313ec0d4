using System.Text.Json.Nodes;
using Hub.Cli.Cli;

namespace Hub.Cli.Local;

/// <summary>The short human summary at the end of a run.</summary>
internal static class RunSummaryPrinter
{
    /// <summary>Prints and returns the exit code: 0 when the run was idle with no dead letters or poison.</summary>
    public static int Print(JsonObject summary, string outDir)
    {
        CliOutput.Title("Summary");
        foreach (var (name, value) in summary["invocations"]!.AsObject())
        {
            var ok = value!["succeeded"]!.GetValue<int>();
            var failed = value["failed"]!.GetValue<int>();
            var line = $"{name}: {ok} succeeded" + (failed > 0 ? $", {failed} failed attempts" : "");
            if (failed > 0) CliOutput.Warn(line); else CliOutput.Ok(line);
        }
        foreach (var (folder, count) in summary["files"]!.AsObject())
            if (count!.GetValue<int>() > 0) CliOutput.Ok($"{count} file(s) in {Path.Combine(outDir, folder)}");
        foreach (var (name, value) in summary)
            if (value is JsonObject { Count: > 0 } section && section["headline"] is JsonValue headline)
                CliOutput.Ok($"{name}: {headline}");

        var failures = summary["failures"]!.AsObject();
        var deadLetters = failures["deadLetters"]!.AsObject();
        var poison = failures["poisonBlobs"]!.AsArray();
        foreach (var (queue, info) in deadLetters)
            CliOutput.Error($"{info!["count"]} message(s) dead-lettered in {queue}: {info["first"]![0]?["description"]}");
        if (poison.Count > 0) CliOutput.Error($"{poison.Count} upload(s) failed 5 times and went to webjobs-blobtrigger-poison");
        CliOutput.Progress($"details: {Path.Combine(outDir, "summary.json")}, logs: {Path.Combine(outDir, "logs")}");
        var idle = summary["completedIdle"]!.GetValue<bool>();
        return idle && deadLetters.Count == 0 && poison.Count == 0 ? 0 : 1;
    }
}
