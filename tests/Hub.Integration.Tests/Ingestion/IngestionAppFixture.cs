using System.Collections.Concurrent;
using System.Text.Json;
using Hub.Core.Events;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.FanOut;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.LocalHost.Triggers;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>
/// The real function app under the local host on its own Azurite account, running only IngestSubmission,
/// FanOutSubmission and the CompleteSubmissions timer, so what they output stays in <c>member-registration</c> and
/// <c>webhook-delivery</c> to be inspected (registration, when a test wants it, runs in process). Subclasses change
/// settings (faults, limits). Helpers upload, wait, and read what came out.
/// </summary>
public class IngestionAppFixture : IAsyncLifetime
{
    /// <summary>The functions started.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string> { "IngestSubmission", "FanOutSubmission", "CompleteSubmissions" };

    /// <summary>The simulated day (Japan).</summary>
    public static readonly DateOnly Today = new(2026, 11, 21);

    /// <summary>The upload size limit of these apps (small, so FILE_TOO_LARGE is cheap to reach).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private static int _employers;
    private readonly ConcurrentDictionary<string, ConcurrentBag<RegistrationRequest>> _registrations = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<EventDispatch>> _dispatches = new();
    private AzuriteFixture? _azurite;

    /// <summary>The app.</summary>
    public HubApp App { get; private set; } = null!;

    /// <summary>The app's emulated Service Bus.</summary>
    public LocalServiceBus Bus { get; private set; } = null!;

    /// <summary>The submissions table.</summary>
    public SubmissionStore Store { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
        App = new HubApp(_azurite.Azurite);
        App.Overrides["Hub__Clock__AsOf"] = Today.ToString("yyyy-MM-dd");
        App.Overrides["Hub__Ingestion__MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Configure(App.Overrides);
        await App.StartAsync(Functions);
        Bus = new LocalServiceBus(App.Account);
        Store = new SubmissionStore(App.Services.Storage);
    }

    /// <summary>Adds settings before the app starts.</summary>
    protected virtual void Configure(Dictionary<string, string> overrides)
    {
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A fresh registered employer code (tests sharing the app never see each other's files).</summary>
    public async Task<string> NewEmployerAsync(string prefix = "T")
    {
        var code = $"{prefix}{Interlocked.Increment(ref _employers):D4}-{Guid.NewGuid().ToString("N")[..4]}".ToUpperInvariant();
        await App.Services.Employers.AddOrUpdateAsync(code, "テスト株式会社");
        return code;
    }

    /// <summary>Uploads a file and returns the id the submission of this version gets.</summary>
    public async Task<string> UploadAsync(string employer, string fileName, byte[] content, string? contentType = null, IDictionary<string, string>? metadata = null)
    {
        var blob = App.Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{employer}/{fileName}");
        var info = (await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = contentType is null ? null : new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        })).Value;
        return SubmissionIds.Submission(employer, fileName, info.ETag, info.LastModified);
    }

    /// <summary>Uploads, runs until idle, and returns the submission.</summary>
    public async Task<SubmissionEntity> IngestAsync(string employer, string fileName, byte[] content, string? contentType = null, IDictionary<string, string>? metadata = null)
    {
        var id = await UploadAsync(employer, fileName, content, contentType, metadata);
        await App.RunUntilIdleAsync();
        return await Store.FindAsync(id) ?? throw new Xunit.Sdk.XunitException($"No submission {id}. Host log:\n{App.HostLog}\nHandler log:\n{App.HandlerLog}");
    }

    /// <summary>The JSON report.</summary>
    public async Task<JsonElement> ReportAsync(string employer, string submissionId)
    {
        var content = await App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(ResultReportWriter.JsonPath(employer, submissionId)).DownloadContentAsync();
        return JsonDocument.Parse(content.Value.Content.ToMemory()).RootElement.Clone();
    }

    /// <summary>The CSV report's bytes.</summary>
    public async Task<byte[]> ReportCsvAsync(string employer, string submissionId) =>
        (await App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(ResultReportWriter.CsvPath(employer, submissionId)).DownloadContentAsync())
        .Value.Content.ToArray();

    /// <summary>Whether the upload still exists.</summary>
    public async Task<bool> UploadExistsAsync(string employer, string fileName) =>
        (await App.Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{employer}/{fileName}").ExistsAsync()).Value;

    /// <summary>Every registration request sent for a submission so far (drains <c>member-registration</c>).</summary>
    public async Task<IReadOnlyList<RegistrationRequest>> RegistrationsAsync(string submissionId)
    {
        await DrainAsync("member-registration", body =>
        {
            var request = JsonSerializer.Deserialize<RegistrationRequest>(body, Json)!;
            _registrations.GetOrAdd(request.SubmissionId, _ => []).Add(request);
        });
        return _registrations.TryGetValue(submissionId, out var bag) ? bag.OrderBy(r => r.RowNumber).ToList() : [];
    }

    /// <summary>Every event dispatch sent for a submission so far (drains <c>webhook-delivery</c>).</summary>
    public async Task<IReadOnlyList<EventDispatch>> DispatchesAsync(string submissionId)
    {
        await DrainAsync("webhook-delivery", body =>
        {
            var dispatch = JsonSerializer.Deserialize<EventDispatch>(body, Json)!;
            _dispatches.GetOrAdd(dispatch.PartitionKey, _ => []).Add(dispatch);
        });
        return _dispatches.TryGetValue(submissionId, out var bag) ? bag.ToList() : [];
    }

    /// <summary>The chunk messages still waiting in <c>submission-fanout</c> (peeked).</summary>
    public async Task<int> PendingChunksAsync()
    {
        var queue = await Bus.QueueAsync("submission-fanout", CancellationToken.None);
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    /// <summary>The audit entries of a subject (action, detail).</summary>
    public async Task<List<(string Action, string Detail)>> AuditAsync(string subject)
    {
        var list = new List<(string, string)>();
        await foreach (var e in App.Services.AuditLog.ReadAsync(subject)) list.Add((e.GetString("Action")!, e.GetString("Detail")!));
        return list;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task DrainAsync(string queueName, Action<byte[]> add)
    {
        var queue = await Bus.QueueAsync(queueName, CancellationToken.None);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (messages.Length == 0) return;
            foreach (var message in messages)
            {
                add(LocalServiceBus.Parse(message).Body);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}

/// <summary>The collection sharing the default ingestion app (its test classes run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class IngestionCollection : ICollectionFixture<IngestionAppFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Ingestion";
}
