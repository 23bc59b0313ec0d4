using Hub.Storage;
using Xunit;

namespace Hub.Testing;

/// <summary>
/// xunit fixture giving a test class the shared Azurite instance. Use as <c>IClassFixture&lt;AzuriteFixture&gt;</c>
/// or via <see cref="AzuriteCollection"/>; every user shares one Azurite for the whole test run.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>The running instance.</summary>
    public AzuriteInstance Azurite => _instance ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>The default account (shared by tests that use unique resource names).</summary>
    public StorageConnection Connection => Azurite.DefaultAccount;

    /// <inheritdoc />
    public async Task InitializeAsync() => _instance = await AzuriteInstance.Shared.ConfigureAwait(false);

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask; // the process exit stops the shared instance
}

/// <summary>The xunit collection for tests that use Azurite (they run in parallel with other collections).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}

/// <summary>Unique, valid resource names for tests sharing one account.</summary>
public static class TestNames
{
    private static int _counter;

    /// <summary>A name like <c>prefix-3f2a9c1b-7</c>: lowercase letters, digits and hyphens (valid for containers and queues).</summary>
    public static string Unique(string prefix) =>
        $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}-{Interlocked.Increment(ref _counter)}";

    /// <summary>A table name: letters and digits only, starting with a letter.</summary>
    public static string Table(string prefix) =>
        $"{prefix}{Guid.NewGuid().ToString("N")[..10]}{Interlocked.Increment(ref _counter)}";
}
