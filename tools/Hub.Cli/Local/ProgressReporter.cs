using System.Collections.Concurrent;
using Hub.Cli.Cli;
using Hub.LocalHost;

namespace Hub.Cli.Local;

/// <summary>Counts invocations per function and prints a progress line when something changed (works in a terminal and in CI logs alike).</summary>
internal sealed class ProgressReporter
{
    private readonly ConcurrentDictionary<string, (int Ok, int Failed)> _counts = new();
    private string _last = "";

    public void OnInvoked(InvocationRecord record) =>
        _counts.AddOrUpdate(record.Function, _ => record.Succeeded ? (1, 0) : (0, 1),
            (_, c) => record.Succeeded ? (c.Ok + 1, c.Failed) : (c.Ok, c.Failed + 1));

    public IReadOnlyDictionary<string, (int Ok, int Failed)> Counts => _counts;

    public void Print(TimeSpan elapsed)
    {
        var line = string.Join("  ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Value.Failed == 0 ? $"{c.Key} {c.Value.Ok}" : $"{c.Key} {c.Value.Ok} ({c.Value.Failed} failed)"));
        if (line.Length == 0 || line == _last) return;
        _last = line;
        CliOutput.Progress($"[{elapsed:mm\\:ss}] {line}");
    }
}
