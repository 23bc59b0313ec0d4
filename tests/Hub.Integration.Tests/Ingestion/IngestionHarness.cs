using Hub.Core;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.FanOut;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.LocalHost.Config;
using Hub.Storage.Blobs;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// Ingestion's services in process (no Functions host) on an Azurite account of their own: for tests that need an
/// exact moment (a step hook), a simulated day, or the outputs of one invocation as values.
/// </summary>
public sealed class IngestionHarness
{
    private IngestionHarness(HubServices services, IngestionSettings settings)
    {
        Services = services;
        Settings = settings;
        Ingestion = new SubmissionIngestion(services, settings);
        FanOut = new SubmissionFanOut(services);
        Store = new SubmissionStore(services.Storage);
    }

    /// <summary>Core services.</summary>
    public HubServices Services { get; }

    /// <summary>Ingestion settings in use.</summary>
    public IngestionSettings Settings { get; }

    /// <summary>IngestSubmission's service.</summary>
    public SubmissionIngestion Ingestion { get; }

    /// <summary>FanOutSubmission's service.</summary>
    public SubmissionFanOut FanOut { get; }

    /// <summary>The submissions table.</summary>
    public SubmissionStore Store { get; }

    /// <summary>A harness on a fresh account; <paramref name="today"/> sets the Japan date, <paramref name="settings"/> ingestion's.</summary>
    public static async Task<IngestionHarness> CreateAsync(AzuriteFixture azurite, DateOnly today, IngestionSettings? settings = null)
    {
        var account = azurite.Azurite.LeaseAccount();
        var overrides = LocalSettingsFile.StorageOverrides(account.ToConnectionString());
        overrides["Hub__Clock__AsOf"] = today.ToString("yyyy-MM-dd");
        var values = LocalSettingsFile.Load(RepoPaths.Root, overrides).Values;
        var services = new HubServices(Hub.Core.Configuration.Settings.FromDictionary(values));
        await services.Storage.EnsureCreatedAsync();
        return new IngestionHarness(services, settings ?? new IngestionSettings());
    }

    /// <summary>Registers an employer.</summary>
    public async Task<string> EmployerAsync(string code)
    {
        await Services.Employers.AddOrUpdateAsync(code, "テスト株式会社");
        return code;
    }

    /// <summary>Puts insured persons on an employer's roster as the registration step would (employee id → 番号).</summary>
    public async Task RegisterInsuredAsync(string employer, IEnumerable<(string EmployeeId, string InsuredNumber)> insured)
    {
        var table = Services.Storage.Table(HubStorage.Tables.Counters);
        foreach (var (employeeId, number) in insured)
        {
            await table.UpsertEntityAsync(new RosterEntry
            {
                PartitionKey = InsuredRoster.PartitionFor(employer),
                RowKey = RosterEntry.KeyFor(employeeId),
                InsuredNumber = number,
                MemberId = MemberIds.ForInsured(employer, employeeId),
            }, TableUpdateMode.Replace);
        }
    }

    /// <summary>Uploads a file; returns the submission id its version gets.</summary>
    public async Task<string> UploadAsync(string employer, string fileName, byte[] content)
    {
        var info = (await Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{employer}/{fileName}")
            .UploadAsync(BinaryData.FromBytes(content), overwrite: true)).Value;
        return SubmissionIds.Submission(employer, fileName, info.ETag, info.LastModified);
    }

    /// <summary>Runs IngestSubmission's work as the trigger would.</summary>
    public Task<IngestionOutcome> IngestAsync(string employer, string fileName) => Ingestion.IngestAsync(employer, fileName, CancellationToken.None);

    /// <summary>Runs FanOutSubmission's work on every chunk of an outcome, as the queue would deliver them.</summary>
    public async Task<List<RegistrationRequest>> FanOutAsync(IngestionOutcome outcome)
    {
        var requests = new List<RegistrationRequest>();
        long sequence = 1;
        foreach (var chunk in outcome.Chunks) requests.AddRange(await FanOut.FanOutAsync(chunk, sequence++, CancellationToken.None));
        return requests;
    }

    /// <summary>The staged rows of a submission, by row number.</summary>
    public async Task<List<StagedRow>> StagedRowsAsync(string submissionId)
    {
        var list = new List<StagedRow>();
        await foreach (var row in Services.Storage.Table(HubStorage.Tables.StagedRows).QueryAsync<StagedRow>(TableClient.CreateQueryFilter($"PartitionKey eq {submissionId}")))
            list.Add(row);
        return list.OrderBy(r => r.RowNumber).ToList();
    }

    /// <summary>Whether the upload exists.</summary>
    public async Task<bool> UploadExistsAsync(string employer, string fileName) =>
        (await Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{employer}/{fileName}").ExistsAsync()).Value;

    /// <summary>The text of a blob in the results container.</summary>
    public async Task<string> ResultTextAsync(string path) =>
        (await Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(path).DownloadContentAsync()).Value.Content.ToString();
}
