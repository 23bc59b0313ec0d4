using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.LocalHost.Config;
using Hub.Storage;
using Hub.Testing;

namespace Hub.Integration.Tests.Members;

/// <summary>
/// One leased Azurite account for the member service tests (the hub's table names are fixed, so tests share
/// the account and keep apart by employer code). Each test gets its own clock and services.
/// </summary>
public sealed class MemberStorageFixture : IAsyncLifetime
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

    /// <summary>A context on <paramref name="today"/> (Japan) with a fresh registered employer (or an existing one), settings overridden.</summary>
    internal async Task<MemberTestContext> CreateAsync(DateOnly today, IReadOnlyDictionary<string, string>? overrides = null, string? employer = null)
    {
        var values = new Dictionary<string, string>(Settings);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) values[k] = v;
        var clock = ManualClockDays.At(today);
        var services = new HubServices(Core.Configuration.Settings.FromDictionary(values), clock);
        if (employer is null)
        {
            employer = MemberTestData.NewEmployerCode();
            await services.Employers.AddOrUpdateAsync(employer, "テスト株式会社");
        }
        return new MemberTestContext(services, new MemberPipeline(services), clock, employer, values);
    }

    /// <summary>The collection of member service tests (they share the account).</summary>
    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<MemberStorageFixture>
    {
        /// <summary>The collection name.</summary>
        public const string Name = "MemberStorage";
    }
}

/// <summary>What a member service test works with.</summary>
internal sealed class MemberTestContext(HubServices services, MemberPipeline pipeline, ManualClock clock, string employer, IReadOnlyDictionary<string, string> settings)
{
    private static int _submission;

    public HubServices Services { get; } = services;

    public MemberPipeline Pipeline { get; } = pipeline;

    public ManualClock Clock { get; } = clock;

    public string Employer { get; } = employer;

    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    /// <summary>A new submission id.</summary>
    public static string NewSubmissionId() => $"S{DateTime.UtcNow:yyyyMMddHHmmss}{Interlocked.Increment(ref _submission):D4}{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Stages a row as ingestion does (My Number encrypted and hashed) and returns its registration request.</summary>
    public async Task<RegistrationRequest> StageAsync(Domain.Submissions.SubmissionRecord record, string? submissionId = null)
    {
        submissionId ??= NewSubmissionId();
        var protector = Services.MyNumbers;
        var row = StagedRow.Create(submissionId, record,
            record.MyNumber is { } n ? protector.Protect(n) : null,
            record.MyNumber is { } h ? protector.IndexHash(h) : null,
            Services.Clock.GetUtcNow());
        await Pipeline.StagedRows.AddEntityAsync(row);
        Clock.Advance(TimeSpan.FromMilliseconds(10)); // rows staged later sort later
        return new RegistrationRequest(submissionId, record.RowNumber, record.EmployerCode);
    }

    /// <summary>Stages and registers a row.</summary>
    public async Task<StepOutputs> RegisterAsync(Domain.Submissions.SubmissionRecord record, string? submissionId = null) =>
        await Pipeline.Registration.RegisterAsync(await StageAsync(record, submissionId));

    /// <summary>Runs a step's follow-ups in process (notice → certificate), as the host would; returns all outputs.</summary>
    public async Task<StepOutputs> RunFollowUpsAsync(StepOutputs outputs)
    {
        var all = new StepOutputs().Add(outputs);
        var notices = new Queue<NoticeRequest>(outputs.Notices);
        var certificates = new Queue<CertificateRequest>(outputs.Certificates);
        var registrations = new Queue<RegistrationRequest>(outputs.Registrations);
        while (notices.Count + certificates.Count + registrations.Count > 0)
        {
            StepOutputs next;
            if (registrations.TryDequeue(out var r)) next = await Pipeline.Registration.RegisterAsync(r);
            else if (notices.TryDequeue(out var n)) next = await Pipeline.Notices.IssueAsync(n, "test");
            else next = await Pipeline.Certificates.IssueAsync(certificates.Dequeue());
            all.Add(next);
            foreach (var x in next.Notices) notices.Enqueue(x);
            foreach (var x in next.Certificates) certificates.Enqueue(x);
            foreach (var x in next.Registrations) registrations.Enqueue(x);
        }
        return all;
    }

    /// <summary>The settings object.</summary>
    public Settings AsSettings() => Core.Configuration.Settings.FromDictionary(Settings);
}
