using Hub.LocalHost.Config;
using Hub.LocalHost.Handler;
using Hub.LocalHost.Triggers;

namespace Hub.LocalHost;

/// <summary>Options of a local host run.</summary>
public sealed record LocalHostOptions
{
    /// <summary>The app root (host.json and function folders).</summary>
    public required string AppRoot { get; init; }

    /// <summary>App settings (local.settings.json Values plus overrides).</summary>
    public required AppSettings Settings { get; init; }

    /// <summary>Host id (names receipts, timer status and the blob-trigger queue); lowercase.</summary>
    public string HostId { get; init; } = "hub-local";

    /// <summary>Folder for host.log and handler.log; null for none.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Receives (source, line) for every log line.</summary>
    public Action<string, string>? LogSink { get; init; }

    /// <summary>Called after every invocation (progress displays, benchmarks).</summary>
    public Action<InvocationRecord>? OnInvoked { get; init; }

    /// <summary>Only these functions are started (null = all enabled ones).</summary>
    public IReadOnlySet<string>? Functions { get; init; }

    /// <summary>The clock timers use.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long the handler may take to answer GET / after start.</summary>
    public TimeSpan HandlerStartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The local Functions host: reads host.json and every function.json, starts the custom handler, and
/// runs the blob, Service Bus (Azurite queues) and timer triggers against Azurite.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    private readonly FunctionsHostContext _context;
    private readonly List<ITriggerListener> _listeners = [];
    private readonly Dictionary<string, TimerTriggerListener> _timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HostLog _log;

    private FunctionsHost(FunctionsHostContext context, HostLog log, IReadOnlyList<FunctionDescriptor> functions)
    {
        _context = context;
        _log = log;
        Functions = functions;
    }

    /// <summary>The functions indexed from the app root.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>The handler process.</summary>
    public HandlerProcess Handler => _context.Handler;

    /// <summary>Every invocation so far.</summary>
    public IReadOnlyList<InvocationRecord> Invocations => _context.Invocations.ToList();

    /// <summary>Starts the host: index functions, start the handler, start the triggers.</summary>
    public static async Task<FunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        var appRoot = Path.GetFullPath(options.AppRoot);
        var config = HostConfig.Load(appRoot);
        var log = new HostLog(options.LogDirectory, options.LogSink);
        var functions = FunctionDescriptor.LoadAll(appRoot)
            .Where(f => !f.Disabled && (options.Functions is null || options.Functions.Contains(f.Name)))
            .ToList();
        var context = new FunctionsHostContext(appRoot, config, options.Settings, log, options.HostId) { OnInvoked = options.OnInvoked };
        var host = new FunctionsHost(context, log, functions);
        try
        {
            log.Host($"Local Functions host {HostLog.HostVersion}: app root {appRoot}, {functions.Count} function(s): {string.Join(", ", functions.Select(f => f.Name))}");
            context.Handler = new HandlerProcess(appRoot, config, options.Settings, log, options.HandlerStartTimeout);
            await context.Handler.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var function in functions)
            {
                ITriggerListener listener = function.Trigger.Type switch
                {
                    "blobTrigger" => new BlobTriggerListener(context, function),
                    "serviceBusTrigger" => new ServiceBusTriggerListener(context, function),
                    "timerTrigger" => new TimerTriggerListener(context, function, options.Time),
                    var other => throw new NotSupportedException($"{function.Name}: the local host does not run '{other}' triggers."),
                };
                await listener.StartAsync(cancellationToken).ConfigureAwait(false);
                host._listeners.Add(listener);
                if (listener is TimerTriggerListener timer) host._timers[function.Name] = timer;
            }
            log.Host("Host started.");
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs a timer-triggered function now and waits for it, as the host's admin API
    /// (<c>POST /admin/functions/{name}</c>) runs a non-HTTP function on demand. Returns the invocation.
    /// </summary>
    public async Task<InvocationRecord> RunTimerNowAsync(string functionName, CancellationToken cancellationToken = default)
    {
        if (!_timers.TryGetValue(functionName, out var timer))
            throw new InvalidOperationException($"'{functionName}' is not a running timer-triggered function.");
        var before = _context.Invocations.Count(i => i.Function.Equals(functionName, StringComparison.OrdinalIgnoreCase));
        await timer.RunNowAsync(cancellationToken).ConfigureAwait(false);
        return _context.Invocations.Where(i => i.Function.Equals(functionName, StringComparison.OrdinalIgnoreCase)).Skip(before).Last();
    }

    /// <summary>
    /// Waits until nothing is left to do: no message visible or in flight on any trigger queue, no new
    /// blob, no invocation running — twice in a row, to let outputs land. False on timeout.
    /// </summary>
    public async Task<bool> RunUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quietChecks = 0;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idle = _context.InFlight == 0;
            foreach (var listener in _listeners)
            {
                if (!idle) break;
                idle = await listener.IsIdleAsync(cancellationToken).ConfigureAwait(false);
            }
            quietChecks = idle ? quietChecks + 1 : 0;
            if (quietChecks >= 2) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners) await listener.DisposeAsync().ConfigureAwait(false);
        if (_context.Handler is not null) await _context.Handler.DisposeAsync().ConfigureAwait(false);
        _log.Host("Host stopped.");
        _log.Dispose();
    }
}
