using Hub.Core;
using Hub.Core.Configuration;
using Hub.LocalHost;
using Hub.LocalHost.Config;
using Hub.Storage;

namespace Hub.Testing;

/// <summary>
/// The real function app (functions/) running under the local host against a storage account of its
/// own, for end-to-end tests: upload a submission, run until idle, then assert on tables, blobs,
/// queues and logs. Settings come from local.settings.sample.json plus <see cref="Overrides"/>.
/// </summary>
public sealed class HubApp : IAsyncDisposable
{
    private FunctionsHost? _host;

    /// <summary>Prepares an app on a freshly leased Azurite account.</summary>
    public HubApp(AzuriteInstance azurite)
    {
        Account = azurite.LeaseAccount();
        LogDirectory = Directory.CreateTempSubdirectory("hubapp-logs-").FullName;
    }

    /// <summary>The app's storage account.</summary>
    public StorageConnection Account { get; }

    /// <summary>Extra or replaced app settings (set before <see cref="StartAsync"/>).</summary>
    public Dictionary<string, string> Overrides { get; } = new();

    /// <summary>Where host.log and handler.log go.</summary>
    public string LogDirectory { get; }

    /// <summary>The effective settings (after start).</summary>
    public AppSettings Settings { get; private set; } = null!;

    /// <summary>Core services over the same settings, for arranging and asserting.</summary>
    public HubServices Services { get; private set; } = null!;

    /// <summary>The running host.</summary>
    public FunctionsHost Host => _host ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Creates tables and containers and starts the host (all functions unless <paramref name="functions"/> is given).</summary>
    public async Task<HubApp> StartAsync(IReadOnlySet<string>? functions = null)
    {
        var overrides = LocalSettingsFile.StorageOverrides(Account.ToConnectionString());
        foreach (var (k, v) in Overrides) overrides[k] = v;
        Settings = LocalSettingsFile.Load(RepoPaths.Root, overrides);
        Services = new HubServices(Core.Configuration.Settings.FromDictionary(Settings.Values));
        await Services.Storage.EnsureCreatedAsync().ConfigureAwait(false);
        _host = await FunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = RepoPaths.Combine("functions"),
            Settings = Settings,
            LogDirectory = LogDirectory,
            Functions = functions,
        }).ConfigureAwait(false);
        return this;
    }

    /// <summary>Uploads an employer file to <c>submissions/{employer}/{fileName}</c>.</summary>
    public async Task UploadAsync(string employerCode, string fileName, byte[] content)
    {
        var container = Services.Storage.Container("submissions");
        await container.GetBlobClient($"{employerCode}/{fileName}").UploadAsync(BinaryData.FromBytes(content), overwrite: true).ConfigureAwait(false);
    }

    /// <summary>Runs until nothing is left to do; fails the test if that takes longer than <paramref name="timeout"/>.</summary>
    public async Task RunUntilIdleAsync(TimeSpan? timeout = null)
    {
        if (!await Host.RunUntilIdleAsync(timeout ?? TimeSpan.FromMinutes(2)).ConfigureAwait(false))
            throw new TimeoutException("The app did not become idle. Host log:\n" + HostLog);
    }

    /// <summary>The host log so far.</summary>
    public string HostLog => ReadShared(Path.Combine(LogDirectory, "host.log"));

    /// <summary>The handler's console output so far.</summary>
    public string HandlerLog => ReadShared(Path.Combine(LogDirectory, "handler.log"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
