using Hub.LocalHost.Azurite;
using Hub.Storage;

namespace Hub.Testing;

/// <summary>
/// The one Azurite of a test run (in memory, free loopback ports, killed when the test process exits),
/// with a pool of extra accounts so a test that needs fixed queue or container names (the function
/// app's) can have a storage account to itself.
/// </summary>
public sealed class AzuriteInstance
{
    private const int ExtraAccounts = 96;
    private static readonly Lazy<Task<AzuriteInstance>> SharedLazy = new(StartAsync);
    private readonly AzuriteProcess _process;
    private readonly Dictionary<string, string> _accounts;
    private int _nextAccount;

    private AzuriteInstance(AzuriteProcess process, Dictionary<string, string> accounts)
    {
        _process = process;
        _accounts = accounts;
    }

    /// <summary>The instance shared by every test in this process (started on first use).</summary>
    public static Task<AzuriteInstance> Shared => SharedLazy.Value;

    /// <summary>Blob service port.</summary>
    public int BlobPort => _process.BlobPort;

    /// <summary>Queue service port.</summary>
    public int QueuePort => _process.QueuePort;

    /// <summary>Table service port.</summary>
    public int TablePort => _process.TablePort;

    /// <summary>The default account (devstoreaccount1).</summary>
    public StorageConnection DefaultAccount => _process.DefaultAccount;

    /// <summary>A connection string for the default account with explicit endpoints.</summary>
    public string ConnectionString => DefaultAccount.ToConnectionString();

    /// <summary>Azurite's console output (for diagnosing a failing test).</summary>
    public string Output => _process.Output;

    /// <summary>Leases a storage account no other test uses.</summary>
    public StorageConnection LeaseAccount()
    {
        var name = $"hubtest{Interlocked.Increment(ref _nextAccount):00}";
        return _accounts.TryGetValue(name, out var key)
            ? _process.Account(name, key)
            : throw new InvalidOperationException($"All {ExtraAccounts} isolated Azurite accounts are in use; raise ExtraAccounts.");
    }

    private static async Task<AzuriteInstance> StartAsync()
    {
        var accounts = AzuriteProcess.GenerateAccounts("hubtest", ExtraAccounts);
        var process = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = RepoPaths.Root, ExtraAccounts = accounts }).ConfigureAwait(false);
        return new AzuriteInstance(process, accounts);
    }
}
