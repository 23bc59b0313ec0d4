using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Core.Completion;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.LocalHost;
using Hub.Storage.Tables;

namespace Hub.Cli.Local;

/// <summary>
/// CompleteSubmissions' part in <c>./hub demo</c> / <c>./hub run</c>: once the pipeline is idle (every registration message
/// handled), runs the timer — as the admin API would — so the employer's registration result
/// (<c>results/{submissionId}.registration.csv</c> and <c>.json</c>) is in <c>out/results/</c>. Runs it again on a later idle
/// (at most <see cref="MaxRuns"/> times) while a submission of the run still waits, since a row may still be on a retry.
/// Adds a <c>registration</c> section to summary.json: per submission, the result's status and counts, with a headline.
/// </summary>
public sealed class CompletionRunParticipant : IRunParticipant
{
    /// <summary>Most timer runs per local run (a dead-lettered row keeps its submission waiting for the 24-hour limit).</summary>
    public const int MaxRuns = 3;

    private readonly List<InvocationRecord> _runs = [];
    private bool _done;

    /// <inheritdoc />
    public async Task<bool> IsIdleAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_done) return true;
        if (_runs.Count == 0) CliOutput.Progress("writing the registration results (CompleteSubmissions)…");
        var record = await context.Host.RunTimerNowAsync(SubmissionCompletion.FunctionName, cancellationToken).ConfigureAwait(false);
        _runs.Add(record);
        if (!record.Succeeded) CliOutput.Warn($"{SubmissionCompletion.FunctionName} failed: {record.Error}");
        _done = _runs.Count >= MaxRuns || !await AnyWaitingAsync(context, cancellationToken).ConfigureAwait(false);
        return _done; // not done: wait for the next idle (a registration retry may still be on its way) and run again
    }

    /// <inheritdoc />
    public async Task<(string Name, JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        var lines = new List<string>();
        foreach (var s in await SubmissionsAsync(context, cancellationToken).ConfigureAwait(false))
        {
            if (s.Status != SubmissionStatus.Completed || s.Accepted == 0) continue;
            var csv = Path.GetFileName(RegistrationResultPaths.Csv(s.EmployerCode, s.PartitionKey));
            list.Add(new JsonObject
            {
                ["submissionId"] = s.PartitionKey,
                ["status"] = s.RegistrationResult ?? "not_written",
                ["accepted"] = s.Accepted,
                ["registered"] = s.Registered,
                ["rejected"] = s.RegistrationRejected,
                ["pending"] = s.RegistrationPending,
                ["result"] = s.RegistrationResult is null ? null : Path.Combine(context.OutDir, "results", csv),
                ["writtenAt"] = s.RegistrationResultAt?.ToString("O"),
            });
            lines.Add(s.RegistrationResult is null
                ? $"{s.PartitionKey}: registration result not written yet (rows still being registered; see members.rowsNotRegistered and failures)"
                : $"{s.PartitionKey}: {s.Registered} registered, {s.RegistrationRejected} refused" +
                  (s.RegistrationPending > 0 ? $", {s.RegistrationPending} pending" : "") + $"; {Path.Combine("results", csv)}");
        }

        if (list.Count == 0) return null;
        return ("registration", new JsonObject
        {
            ["headline"] = string.Join(" · ", lines),
            ["timerRuns"] = new JsonArray(_runs.Select(r => (JsonNode)new JsonObject
            {
                ["succeeded"] = r.Succeeded,
                ["error"] = r.Error,
                ["seconds"] = Math.Round(r.Duration.TotalSeconds, 2),
            }).ToArray()),
            ["submissions"] = list,
        });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<bool> AnyWaitingAsync(RunContext context, CancellationToken cancellationToken)
    {
        var store = new SubmissionStore(context.Services.Storage);
        await foreach (var entry in store.RegistrationDueAsync(cancellationToken).ConfigureAwait(false))
            if (entry.EmployerCode == context.EmployerCode) return true;
        return false;
    }

    private static async Task<List<SubmissionEntity>> SubmissionsAsync(RunContext context, CancellationToken cancellationToken)
    {
        var table = context.Services.Storage.Table(HubStorage.Tables.Submissions);
        var list = new List<SubmissionEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {SubmissionEntity.Key} and EmployerCode eq {context.EmployerCode}");
        await foreach (var s in table.QueryAsync<SubmissionEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false)) list.Add(s);
        return list.OrderBy(s => s.ReceivedAt).ToList();
    }
}
