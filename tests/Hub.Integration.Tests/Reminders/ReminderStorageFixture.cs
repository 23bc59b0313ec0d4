using Hub.Core;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.LocalHost.Config;
using Hub.Storage;
using Hub.Testing;

namespace Hub.Integration.Tests.Reminders;

/// <summary>
/// One leased Azurite account for the reminder service tests. Tests keep apart by employer code (each sweep is
/// limited to its employer), and each test has its own clock.
/// </summary>
public sealed class ReminderStorageFixture : IAsyncLifetime
{
    private StorageConnection? _account;

    /// <summary>The app settings (local sample + this account).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var azurite = await AzuriteInstance.Shared;
        _account = azurite.LeaseAccount();
        Settings = LocalSettingsFile.Load(RepoPaths.Root, LocalSettingsFile.StorageOverrides(_account.ToConnectionString())).Values;
        await new HubServices(Core.Configuration.Settings.FromDictionary(Settings)).Storage.EnsureCreatedAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A context whose clock starts at Japan 09:00 on <paramref name="day"/>, with a fresh registered employer.</summary>
    internal async Task<ReminderTestContext> CreateAsync(DateOnly day)
    {
        var clock = new ReminderTestClock(day);
        var values = Settings.Where(kv => kv.Key != "Hub__Clock__AsOf").ToDictionary();
        var services = new HubServices(Core.Configuration.Settings.FromDictionary(values), clock);
        var employer = ReminderMembers.NewEmployerCode();
        await services.Employers.AddOrUpdateAsync(employer, "リマインダー試験株式会社");
        var pipeline = new MemberPipeline(services);
        return new ReminderTestContext(services, pipeline, new ReminderSweep(pipeline), clock, employer);
    }

    /// <summary>The collection of reminder service tests (they share the account).</summary>
    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<ReminderStorageFixture>
    {
        /// <summary>The collection name.</summary>
        public const string Name = "ReminderStorage";
    }
}
