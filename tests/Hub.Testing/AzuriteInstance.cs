using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hub.Storage;

namespace Hub.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) started from the repository's node_modules, in memory, on free
/// loopback ports. One instance serves the whole test run (<see cref="Shared"/>); it is killed when the
/// test process exits. Besides the default account it has a pool of extra accounts, so a test that needs
/// fixed queue or container names (the function app's) can have a storage account to itself.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const int ExtraAccounts = 48;
    private static readonly Lazy<Task<AzuriteInstance>> SharedLazy = new(() => StartAsync());
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _accounts;
    private int _nextAccount;

    private AzuriteInstance(Process process, int blobPort, int queuePort, int tablePort, Dictionary<string, string> accounts)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _accounts = accounts;
    }

    /// <summary>The instance shared by every test in this process (started on first use).</summary>
    public static Task<AzuriteInstance> Shared => SharedLazy.Value;

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; }

    /// <summary>The default account (devstoreaccount1) as a connection.</summary>
    public StorageConnection DefaultAccount => Account(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey);

    /// <summary>A connection string for the default account with explicit endpoints.</summary>
    public string ConnectionString => DefaultAccount.ToConnectionString();

    /// <summary>Leases a storage account no other test uses (for tests that need fixed resource names).</summary>
    public StorageConnection LeaseAccount()
    {
        var index = Interlocked.Increment(ref _nextAccount);
        var name = $"hubtest{index:00}";
        if (!_accounts.TryGetValue(name, out var key))
            throw new InvalidOperationException($"All {ExtraAccounts} isolated Azurite accounts are in use; raise ExtraAccounts.");
        return Account(name, key);
    }

    /// <summary>The Azurite console output so far (for diagnosing a failing test).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>A connection for <paramref name="account"/> on this instance.</summary>
    public StorageConnection Account(string account, string key) => StorageConnection.Create(
        new Uri($"http://127.0.0.1:{BlobPort}/{account}"),
        new Uri($"http://127.0.0.1:{QueuePort}/{account}"),
        new Uri($"http://127.0.0.1:{TablePort}/{account}"),
        new StorageSharedKeyCredential(account, key));

    /// <summary>Starts a new Azurite (most tests want <see cref="Shared"/> instead).</summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var script = RepoPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run ./hub test, which runs npm ci.");

        var accounts = new Dictionary<string, string> { [StorageConnection.DevelopmentAccountName] = StorageConnection.DevelopmentAccountKey };
        for (var i = 1; i <= ExtraAccounts; i++)
            accounts[$"hubtest{i:00}"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var workDir = Directory.CreateTempSubdirectory("azurite-").FullName;
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--inMemoryPersistence", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                 })
            psi.ArgumentList.Add(arg);
        psi.Environment["AZURITE_ACCOUNTS"] = string.Join(';', accounts.Select(a => $"{a.Key}:{a.Value}"));

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var instance = new AzuriteInstance(process, blob, queue, table, accounts);
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
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
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            instance.Kill();
            throw new InvalidOperationException("Azurite did not start within 60 s:\n" + instance.Output);
        }
        return instance;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>A free loopback TCP port (bound and released; Azurite binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
