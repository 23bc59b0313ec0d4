using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hub.Storage;

namespace Hub.LocalHost.Azurite;

/// <summary>Options for starting Azurite.</summary>
public sealed record AzuriteOptions
{
    /// <summary>The folder holding node_modules/azurite (the repository root).</summary>
    public required string NodeModulesRoot { get; init; }

    /// <summary>Keep data in memory (tests) or in this folder (null = in memory).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Extra storage accounts besides devstoreaccount1 (name → base64 key).</summary>
    public IReadOnlyDictionary<string, string> ExtraAccounts { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for the three services to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra arguments for node before the script, e.g. <c>--cpu-prof --cpu-prof-dir=DIR</c> to profile Azurite.
    /// When any are given, Azurite is stopped with SIGTERM (so node writes its profile) before it is killed.
    /// </summary>
    public IReadOnlyList<string> NodeArguments { get; init; } = [];

    /// <summary>
    /// Counts Azurite's requests by kind from its access log. Null (the default) turns the access log off: on a busy run
    /// it costs Azurite CPU for every request. Access-log lines are never kept in <see cref="AzuriteProcess.Output"/>.
    /// </summary>
    public AzuriteRequestLog? RequestLog { get; init; }

    /// <summary>
    /// Preload <c>azurite-lokijs-fixes.js</c> (default true): performance fixes of LokiJS, Azurite's in-memory store,
    /// that keep what Azurite stores and returns unchanged. Unfixed, every queue receive, delete and update re-sorted
    /// all indices of all messages held (O(N log N)) and every table point operation scanned its whole partition.
    /// False — or the environment variable <c>HUB_AZURITE_AS_PUBLISHED=1</c>, to rule the fixes out when a test fails —
    /// runs Azurite as published.
    /// </summary>
    public bool FixLokiJs { get; init; } = true;
}

/// <summary>
/// Azurite (blob, queue, table) started from the repository's node_modules on free loopback ports, and
/// killed with its process tree on dispose or when this process exits.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _gracefulStop;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, bool gracefulStop)
    {
        _process = process;
        _gracefulStop = gracefulStop;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; }

    /// <summary>Azurite's console output so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The default account (devstoreaccount1) on this instance.</summary>
    public StorageConnection DefaultAccount => Account(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey);

    /// <summary>A connection for an account of this instance.</summary>
    public StorageConnection Account(string account, string key) => StorageConnection.Create(
        new Uri($"http://127.0.0.1:{BlobPort}/{account}"),
        new Uri($"http://127.0.0.1:{QueuePort}/{account}"),
        new Uri($"http://127.0.0.1:{TablePort}/{account}"),
        new StorageSharedKeyCredential(account, key));

    /// <summary>Random base64 keys for <paramref name="count"/> accounts named <c>{prefix}01</c>….</summary>
    public static Dictionary<string, string> GenerateAccounts(string prefix, int count) =>
        Enumerable.Range(1, count).ToDictionary(i => $"{prefix}{i:00}", _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Starts Azurite and waits until blob, queue and table listen.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed, exits, or does not start in time.</exception>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(options.NodeModulesRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run ./hub, which runs npm ci.");

        var accounts = new Dictionary<string, string>(options.ExtraAccounts)
        {
            [StorageConnection.DevelopmentAccountName] = StorageConnection.DevelopmentAccountKey,
        };
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var workDir = options.DataDirectory ?? Directory.CreateTempSubdirectory("azurite-").FullName;
        Directory.CreateDirectory(workDir);
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in options.NodeArguments) psi.ArgumentList.Add(arg);
        if (options.FixLokiJs && Environment.GetEnvironmentVariable("HUB_AZURITE_AS_PUBLISHED") != "1")
        {
            psi.ArgumentList.Add("--require");
            psi.ArgumentList.Add(WriteLokiJsFixes());
        }
        psi.ArgumentList.Add(script);
        // No telemetry to Microsoft from a local emulator (it also costs CPU on every request), and no access log unless asked.
        psi.ArgumentList.Add("--disableTelemetry");
        if (options.RequestLog is null) psi.ArgumentList.Add("--silent");
        if (options.DataDirectory is null) psi.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(options.DataDirectory);
        }
        foreach (var arg in new[]
                 {
                     "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                 })
            psi.ArgumentList.Add(arg);
        psi.Environment["AZURITE_ACCOUNTS"] = string.Join(';', accounts.Select(a => $"{a.Key}:{a.Value}"));

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var instance = new AzuriteProcess(process, blob, queue, table, options.NodeArguments.Count > 0);
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            if (options.RequestLog?.Record(line) == true) return;
            lock (instance._output) instance._output.AppendLine(line);
            if (line.Contains("successfully listening", StringComparison.OrdinalIgnoreCase) && Interlocked.Increment(ref listening) == 3)
                ready.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited during start-up:\n" + instance.Output));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Kill();

        try
        {
            await ready.Task.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            instance.Kill();
            throw new InvalidOperationException($"Azurite did not start within {options.StartTimeout.TotalSeconds:0} s:\n" + instance.Output);
        }
        return instance;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_gracefulStop) await StopGracefullyAsync().ConfigureAwait(false);
        Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Writes the embedded LokiJS fixes to a temp file named by its content hash (shared, never half-written) and returns its path.</summary>
    internal static string WriteLokiJsFixes()
    {
        const string name = "Hub.LocalHost.Azurite.azurite-lokijs-fixes.js";
        using var resource = typeof(AzuriteProcess).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Hub.LocalHost.");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..12];
        var path = Path.Combine(Path.GetTempPath(), $"hub-azurite-lokijs-fixes.{hash}.js");
        if (File.Exists(path)) return path;
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, buffer.ToArray());
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>SIGTERM (Azurite closes its servers and node exits, writing any --cpu-prof profile), then up to 30 s to exit.</summary>
    private async Task StopGracefullyAsync()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try
        {
            if (_process.HasExited) return;
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                if (kill is not null) await kill.WaitForExitAsync().ConfigureAwait(false);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Not stopped in time: Kill() follows.
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>A free loopback TCP port (bound and released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
