namespace Hub.LocalHost;

/// <summary>
/// The host's log: host lines (function executions, trigger decisions) and the handler's console output,
/// to files under a logs folder and to an optional sink (the CLI's progress view, a test's output).
/// </summary>
public sealed class HostLog : IDisposable
{
    /// <summary>The host version reported in <c>X-Azure-Functions-HostVersion</c>.</summary>
    public const string HostVersion = "4.1037.0-local";

    private readonly StreamWriter? _hostFile;
    private readonly StreamWriter? _handlerFile;
    private readonly Action<string, string>? _sink;
    private readonly Lock _gate = new();

    /// <summary>Logs to <paramref name="directory"/> (host.log, handler.log) if given, and to <paramref name="sink"/> (source, line).</summary>
    public HostLog(string? directory = null, Action<string, string>? sink = null)
    {
        _sink = sink;
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        _hostFile = new StreamWriter(Path.Combine(directory, "host.log"), append: true) { AutoFlush = true };
        _handlerFile = new StreamWriter(Path.Combine(directory, "handler.log"), append: true) { AutoFlush = true };
    }

    /// <summary>A host line.</summary>
    public void Host(string line) => Write(_hostFile, "host", line);

    /// <summary>A line of the handler's console output.</summary>
    public void Handler(string line) => Write(_handlerFile, "handler", line);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _hostFile?.Dispose();
            _handlerFile?.Dispose();
        }
    }

    private void Write(StreamWriter? file, string source, string line)
    {
        var stamped = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}";
        lock (_gate) file?.WriteLine(stamped);
        _sink?.Invoke(source, line);
    }
}
