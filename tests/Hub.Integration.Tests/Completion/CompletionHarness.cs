using System.Text;
using System.Text.Json;
using Hub.Core;
using Hub.Core.Completion;
using Hub.Core.Ingestion;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Integration.Tests.Ingestion;
using Hub.Testing;

namespace Hub.Integration.Tests.Completion;

/// <summary>
/// Ingestion, the real registration step and CompleteSubmissions, all in process on one Azurite account: upload a file,
/// register its rows as RegisterMember would (all of them, or all but some), then run the completion and read what the
/// employer gets.
/// </summary>
public sealed class CompletionHarness
{
    private CompletionHarness(IngestionHarness ingestion)
    {
        Ingestion = ingestion;
        Pipeline = new MemberPipeline(ingestion.Services);
    }

    /// <summary>Ingestion's services and helpers.</summary>
    public IngestionHarness Ingestion { get; }

    /// <summary>The member pipeline (RegisterMember's service).</summary>
    public MemberPipeline Pipeline { get; }

    /// <summary>Core services.</summary>
    public HubServices Services => Ingestion.Services;

    /// <summary>A harness on a fresh account, on 2026-11-21 in Japan.</summary>
    public static async Task<CompletionHarness> CreateAsync(AzuriteFixture azurite) =>
        new(await IngestionHarness.CreateAsync(azurite, new DateOnly(2026, 11, 21)));

    /// <summary>A completion over the harness's storage; with <paramref name="clock"/>, its clock (to let hours pass).</summary>
    public SubmissionCompletion Completion(CompletionSettings? settings = null, TimeProvider? clock = null) =>
        new(clock is null ? Services : new HubServices(Services.Settings, clock), settings ?? new CompletionSettings());

    /// <summary>Uploads and ingests a file; returns the submission id and the ingestion outcome.</summary>
    public async Task<(string Id, IngestionOutcome Outcome)> IngestAsync(string employer, string fileName, byte[] content)
    {
        var id = await Ingestion.UploadAsync(employer, fileName, content);
        return (id, await Ingestion.IngestAsync(employer, fileName));
    }

    /// <summary>
    /// Fans the submission out and registers its rows as RegisterMember would (dependants that waited are registered when
    /// their insured person is), except the rows in <paramref name="skip"/> (as if their messages were dead-lettered).
    /// Returns the staged rows after.
    /// </summary>
    public async Task<List<StagedRow>> RegisterAsync(IngestionOutcome outcome, string submissionId, params int[] skip)
    {
        var queue = new Queue<RegistrationRequest>((await Ingestion.FanOutAsync(outcome)).Where(r => !skip.Contains(r.RowNumber)));
        for (var steps = 0; queue.TryDequeue(out var request); steps++)
        {
            Assert.True(steps < 1000, "registration does not settle");
            foreach (var again in (await Pipeline.Registration.RegisterAsync(request)).Registrations)
                if (!skip.Contains(again.RowNumber)) queue.Enqueue(again);
        }

        return await Ingestion.StagedRowsAsync(submissionId);
    }

    /// <summary>Registers one more row (a dead letter replayed).</summary>
    public Task RegisterRowAsync(string submissionId, int row, string employer) =>
        Pipeline.Registration.RegisterAsync(new RegistrationRequest(submissionId, row, employer));

    /// <summary>The JSON registration result, or null when not written.</summary>
    public async Task<JsonElement?> ResultAsync(string employer, string submissionId) =>
        await BytesAsync(RegistrationResultPaths.Json(employer, submissionId)) is { } bytes ? JsonDocument.Parse(bytes).RootElement.Clone() : null;

    /// <summary>The CSV registration result's bytes, or null when not written.</summary>
    public Task<byte[]?> ResultCsvAsync(string employer, string submissionId) => BytesAsync(RegistrationResultPaths.Csv(employer, submissionId));

    /// <summary>The CSV registration result as text without its BOM (asserting the BOM is there).</summary>
    public async Task<string> ResultCsvTextAsync(string employer, string submissionId)
    {
        var bytes = await ResultCsvAsync(employer, submissionId) ?? throw new Xunit.Sdk.XunitException("no registration result CSV");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    /// <summary>The audit entries of a submission with the given action.</summary>
    public async Task<List<string>> AuditAsync(string submissionId, string action)
    {
        var list = new List<string>();
        await foreach (var e in Services.AuditLog.ReadAsync($"submission:{submissionId}"))
            if (e.GetString("Action") == action) list.Add(e.GetString("Detail")!);
        return list;
    }

    private async Task<byte[]?> BytesAsync(string path)
    {
        var blob = Services.Storage.Container(HubStorage.Containers.Results).GetBlobClient(path);
        if (!(await blob.ExistsAsync()).Value) return null;
        return (await blob.DownloadContentAsync()).Value.Content.ToArray();
    }
}
