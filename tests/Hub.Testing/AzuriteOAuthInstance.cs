using System.Diagnostics;
using System.Text;
using Azure.Core;
using Hub.LocalHost.Azurite;
using Hub.Storage;

namespace Hub.Testing;

/// <summary>
/// A second Azurite that speaks HTTPS and accepts Microsoft Entra bearer tokens (<c>--oauth basic</c>: issuer, audience
/// and lifetime are checked, signatures are not), as production storage does with managed identities and shared keys
/// disabled. It issues user delegation keys and verifies user delegation SAS. Started lazily on first use by the
/// tests that need it, once per test process, in memory on free loopback ports, and killed when the process exits;
/// the shared-key <see cref="AzuriteInstance"/> is separate and unaffected.
/// </summary>
public sealed class AzuriteOAuthInstance
{
    /// <summary>The tenant of the test identities.</summary>
    public const string TenantId = "72f988bf-0000-4000-8000-00000000a2e1";

    /// <summary>The object id of the default test identity (the function app's managed identity, say).</summary>
    public const string ObjectId = "0b1e55ed-0000-4000-8000-000000000001";

    private static readonly Lazy<Task<AzuriteOAuthInstance>> SharedLazy = new(StartAsync);
    private readonly StringBuilder _output;

    private AzuriteOAuthInstance(StringBuilder output, LoopbackCertificate certificate, int blob, int queue, int table)
    {
        _output = output;
        Certificate = certificate;
        BlobEndpoint = Endpoint(blob);
        QueueEndpoint = Endpoint(queue);
        TableEndpoint = Endpoint(table);
        Credential = new AzuriteTokenCredential(ObjectId, TenantId);
    }

    /// <summary>The instance for this test process (started on first use).</summary>
    public static Task<AzuriteOAuthInstance> Shared => SharedLazy.Value;

    /// <summary>The server certificate (trusted only through <see cref="ClientOptions"/> and <see cref="CreateHttpClient"/>).</summary>
    public LoopbackCertificate Certificate { get; }

    /// <summary>Blob endpoint of devstoreaccount1, https.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Queue endpoint of devstoreaccount1, https.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Table endpoint of devstoreaccount1, https.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A token credential for the default identity (<see cref="ObjectId"/>).</summary>
    public AzuriteTokenCredential Credential { get; }

    /// <summary>Azurite's console output (for diagnosing a failing test).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>An identity-based connection (no account key), like the function app's <c>HubStorage__*ServiceUri</c> settings.</summary>
    public StorageConnection IdentityConnection(TokenCredential? credential = null) =>
        StorageConnection.Create(BlobEndpoint, QueueEndpoint, TableEndpoint, tokenCredential: credential ?? Credential);

    /// <summary>A shared-key connection to the same account (for arranging data, or to show what keys can and cannot do).</summary>
    public StorageConnection KeyConnection() => StorageConnection.Create(BlobEndpoint, QueueEndpoint, TableEndpoint,
        new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));

    /// <summary>Client options whose transport trusts this instance's certificate (and nothing else beyond the system roots is changed).</summary>
    public StorageClientOptions ClientOptions()
    {
        var options = new StorageClientOptions { Transport = Certificate.CreateTransport() };
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxRetries = 2;
        return options;
    }

    /// <summary>A plain <see cref="HttpClient"/> (as an insurer or employer would use a link) that trusts this instance.</summary>
    public HttpClient CreateHttpClient() => Certificate.CreateHttpClient();

    private Uri Endpoint(int port) => new($"https://127.0.0.1:{port}/{StorageConnection.DevelopmentAccountName}");

    private static async Task<AzuriteOAuthInstance> StartAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run ./hub, which runs npm ci.");

        var workDir = Directory.CreateTempSubdirectory("azurite-oauth-").FullName;
        var certificate = LoopbackCertificate.Create();
        var (certPath, keyPath) = certificate.WritePem(workDir);
        int blob = AzuriteProcess.FreePort(), queue = AzuriteProcess.FreePort(), table = AzuriteProcess.FreePort();
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--inMemoryPersistence", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
                     "--oauth", "basic", "--cert", certPath, "--key", keyPath,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                 })
            psi.ArgumentList.Add(arg);
        // Only the well-known development account: tests here use unique container names.
        psi.Environment.Remove("AZURITE_ACCOUNTS");

        var output = new StringBuilder();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for the HTTPS Azurite.");
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (line.Contains("successfully listening", StringComparison.OrdinalIgnoreCase) && Interlocked.Increment(ref listening) == 3)
                ready.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The HTTPS Azurite exited during start-up:\n" + Snapshot(output)));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Kill(process);
            TryDelete(workDir); // the throwaway certificate and key
        };

        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill(process);
            throw new InvalidOperationException("The HTTPS Azurite did not start within 60 s:\n" + Snapshot(output));
        }
        return new AzuriteOAuthInstance(output, certificate, blob, queue, table);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
