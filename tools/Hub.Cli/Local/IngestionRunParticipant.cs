using System.Text.Json.Nodes;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Cli.Local;

/// <summary>
/// Ingestion's part in <c>./hub demo</c> / <c>./hub run</c>: the <c>submission</c> section of summary.json — what
/// became of the upload (status, row counts, where the report was copied, whether the raw file was disposed of) with
/// a one-line headline.
/// </summary>
public sealed class IngestionRunParticipant : IRunParticipant
{
    /// <inheritdoc />
    public async Task<(string Name, JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var table = context.Services.Storage.Table(HubStorage.Tables.Submissions);
        var submissions = new List<SubmissionEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {SubmissionEntity.Key} and EmployerCode eq {context.EmployerCode}");
        await foreach (var s in table.QueryAsync<SubmissionEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false)) submissions.Add(s);
        var quarantined = 0;
        await foreach (var blob in context.Services.Storage.Container(HubStorage.Containers.Quarantine)
                           .GetBlobsAsync(prefix: context.EmployerCode + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal)) quarantined++;

        if (submissions.Count == 0)
        {
            return ("submission", new JsonObject
            {
                ["headline"] = quarantined > 0
                    ? $"the upload was quarantined unread ({quarantined} report(s) in {Path.Combine(context.OutDir, "quarantine")})"
                    : "no submission was recorded (see logs/)",
                ["quarantined"] = quarantined,
            });
        }

        var list = new JsonArray();
        foreach (var s in submissions.OrderBy(s => s.ReceivedAt))
        {
            list.Add(new JsonObject
            {
                ["submissionId"] = s.PartitionKey,
                ["fileName"] = s.FileName,
                ["status"] = s.Status,
                ["format"] = s.Format,
                ["encoding"] = s.Encoding,
                ["rows"] = s.Rows,
                ["accepted"] = s.Accepted,
                ["rejected"] = s.Rejected,
                ["errorCodes"] = s.ErrorCodes,
                ["duplicateOf"] = s.DuplicateOf,
                ["chunks"] = s.ChunkCount,
                ["attempts"] = s.Attempts,
                ["report"] = Path.Combine(context.OutDir, "results", Path.GetFileName(ResultReportWriter.CsvPath(s.EmployerCode, s.PartitionKey))),
                ["uploadDisposedAt"] = s.DisposedAt?.ToString("O"),
            });
        }

        var last = submissions.OrderBy(s => s.ReceivedAt).Last();
        var headline = $"{last.FileName} → {last.PartitionKey}: {last.Status}, {last.Rows} rows, {last.Accepted} accepted, {last.Rejected} rejected"
                       + (last.ErrorCodes is { } codes ? $" ({codes})" : "")
                       + $"; report {Path.Combine("results", last.PartitionKey + ".csv")}"
                       + (last.DisposedAt is null ? "; upload NOT yet disposed" : "; upload disposed");
        return ("submission", new JsonObject { ["headline"] = headline, ["submissions"] = list, ["quarantined"] = quarantined });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
