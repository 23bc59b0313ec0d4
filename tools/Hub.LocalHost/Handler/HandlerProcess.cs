using System.Diagnostics;
using System.Net.Sockets;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;

namespace Hub.LocalHost.Handler;

/// <summary>
/// The custom handler process, managed as the host's <c>HttpWorkerProcess</c> does: started from
/// host.json's <c>defaultExecutablePath</c> with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>,
/// <c>FUNCTIONS_CUSTOMHANDLER_WORKER_ID</c> (and the older <c>FUNCTIONS_HTTPWORKER_*</c> names),
/// <c>FUNCTIONS_APP_ROOT_PATH</c> and the app settings as environment variables; ready once <c>GET /</c>
/// gets any HTTP answer (polled every 25 ms). When it exits: code 0 is not restarted (later invocations
/// fail); code 200 is an intentional restart; any other code restarts it at once, and the third such
/// error within 30 minutes of the previous one stops the host ("Exceeded http worker restart retry count").
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long an invocation waits for a (re)starting handler, as the host buffers it.</summary>
    private static readonly TimeSpan BufferedInvocationTimeout = TimeSpan.FromSeconds(120);
    private readonly string _appRoot;
    private readonly HostConfig _config;
    private readonly AppSettings _settings;
    private readonly HostLog _log;
    private readonly TimeSpan _initializationTimeout;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly HttpClient _http;
    private Process? _process;
    private volatile bool _stopping;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<DateTime> _errors = [];

    /// <summary>Raised when the handler failed too often and the host must stop.</summary>
    public event Action<string>? Fatal;

    /// <summary>Whether the host gave up on the handler (three errors in a row within 30 minutes).</summary>
    public bool HasGivenUp { get; private set; }

    /// <summary>Prepares (does not start) the handler.</summary>
    public HandlerProcess(string appRoot, HostConfig config, AppSettings settings, HostLog log, TimeSpan? initializationTimeout = null)
    {
        _appRoot = appRoot;
        _config = config;
        _settings = settings;
        _log = log;
        _initializationTimeout = initializationTimeout ?? TimeSpan.FromSeconds(30);
        // Same client settings as DefaultHttpWorkerService: no cookies, timeout = functionTimeout + 1 minute.
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = true })
        {
            Timeout = config.FunctionTimeout + TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>The loopback port the handler listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The worker id passed to the handler.</summary>
    public string WorkerId { get; private set; } = "";

    /// <summary>How many times the process has been started.</summary>
    public int Starts { get; private set; }

    /// <summary>The current process id (for tests that kill it).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Time from process start to the first answer on GET / in the last start.</summary>
    public TimeSpan LastColdStart { get; private set; }

    /// <summary>Starts the handler and waits until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_process is { HasExited: false }) return;
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Port = FreePort();
            WorkerId = Guid.NewGuid().ToString();
            var psi = CreateStartInfo();
            var watch = Stopwatch.StartNew();
            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Handler(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Handler(e.Data); };
            process.Exited += (_, _) => OnExited(process);
            if (!process.Start()) throw new InvalidOperationException($"Could not start {psi.FileName}.");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            Starts++;
            _log.Host($"Started custom handler process {psi.FileName} (PID {process.Id}, port {Port}, worker {WorkerId}).");

            await WaitUntilReadyAsync(process, cancellationToken).ConfigureAwait(false);
            LastColdStart = watch.Elapsed;
            _log.Host($"Custom handler is ready after {watch.ElapsedMilliseconds} ms.");
            _ready.TrySetResult();
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>
    /// POSTs an invocation to <c>/{functionName}</c> and reads the outcome. While the handler is
    /// (re)starting, invocations wait for it, as the host buffers them until a worker channel is ready
    /// (up to 120 s); a request refused before it reached the handler is sent again once it is up. A
    /// connection broken mid-request (the handler crashed while running it) is a failed invocation.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(string functionName, string invocationId, InvocationEnvelope envelope, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + BufferedInvocationTimeout;
        while (true)
        {
            if (HasGivenUp) return InvocationOutcome.Failed("The host stopped: the custom handler failed too often.");
            try
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) throw new TimeoutException();
                await _ready.Task.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return InvocationOutcome.Failed($"The custom handler was not ready within {BufferedInvocationTimeout.TotalSeconds:0} s.");
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{Port}/{functionName}")
            {
                Content = envelope.ToHttpContent(),
            };
            request.Headers.Add("X-Azure-Functions-HostVersion", HostLog.HostVersion);
            request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
            request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/" + HostLog.HostVersion);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                return await InvocationOutcome.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                                                 && !_stopping && DateTime.UtcNow < deadline)
            {
                // Never reached the handler (it exited and is restarting): wait for it and send again.
                await Task.Delay(ReadyPollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return InvocationOutcome.Failed($"The custom handler did not answer: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Kills the handler (tests: simulate a crash). The host restarts it.</summary>
    public void Kill()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync().ConfigureAwait(false);
        }
        _http.Dispose();
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var exe = Path.GetFullPath(Path.Combine(_appRoot, _config.DefaultExecutablePath));
        if (!File.Exists(exe) && File.Exists(exe + ".exe")) exe += ".exe";
        if (!File.Exists(exe))
            throw new FileNotFoundException($"host.json's defaultExecutablePath '{_config.DefaultExecutablePath}' does not exist under {_appRoot}. Build the handler first (./hub build).", exe);
        var psi = exe.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { exe } }
            : new ProcessStartInfo(exe);
        foreach (var arg in _config.Arguments) psi.ArgumentList.Add(arg);
        psi.WorkingDirectory = string.IsNullOrEmpty(_config.WorkingDirectory) ? _appRoot : Path.GetFullPath(Path.Combine(_appRoot, _config.WorkingDirectory));
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        foreach (var (key, value) in _settings.Values) psi.Environment[key] = value;
        psi.Environment["FUNCTIONS_HTTPWORKER_PORT"] = Port.ToString();
        psi.Environment["FUNCTIONS_HTTPWORKER_ID"] = WorkerId;
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = Port.ToString();
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = WorkerId;
        psi.Environment["FUNCTIONS_APP_ROOT_PATH"] = _appRoot;
        psi.Environment["AzureWebJobsScriptRoot"] = _appRoot;
        return psi;
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _initializationTimeout;
        using var ping = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The custom handler exited with code {process.ExitCode} during start-up (see the handler log).");
            try
            {
                using var _ = await ping.GetAsync($"http://127.0.0.1:{Port}/", cancellationToken).ConfigureAwait(false);
                return; // any HTTP response means the server is up
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The custom handler did not answer on port {Port} within {_initializationTimeout.TotalSeconds:0} s.");
                await Task.Delay(ReadyPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnExited(Process process)
    {
        if (_stopping || !ReferenceEquals(process, _process)) return;
        var code = SafeExitCode(process);
        _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (code == 0)
        {
            _log.Host("Custom handler process exited with code 0; the host does not restart it.");
            return;
        }
        if (code != 200)
        {
            var now = DateTime.UtcNow;
            lock (_errors)
            {
                if (_errors.Count > 0 && now - _errors[^1] > TimeSpan.FromMinutes(30)) _errors.Clear();
                _errors.Add(now);
                if (_errors.Count >= 3)
                {
                    HasGivenUp = true;
                    _log.Host("Exceeded http worker restart retry count. Shutting down Functions Host.");
                    Fatal?.Invoke("The custom handler exited with an error three times within 30 minutes.");
                    return;
                }
            }
        }
        _log.Host($"Custom handler process exited with code {code}; restarting.");
        _ = Task.Run(async () =>
        {
            try
            {
                await StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stopping)
            {
                _log.Host($"Restarting the custom handler failed: {e.Message}");
            }
        });
    }

    private static int SafeExitCode(Process p)
    {
        try
        {
            return p.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
