using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Core.Reminders;
using Hub.LocalHost;

namespace Hub.Cli.Local;

/// <summary>
/// The reminder timers' part in <c>./hub demo</c> / <c>./hub run [--as-of …]</c>: once the upload has been processed (the
/// first time the run is idle), runs SendExpiryReminders and SendOverseasReminders once each — as the admin API would on
/// the simulated day — and keeps the run going until the certificate hand-offs and webhooks they caused are done. Adds a
/// <c>reminders</c> section to summary.json: the day's reminders of the run's employer (ids, reasons, dates, letters; no
/// names) and a headline. The outbox CSV and letters are exported to out/outbox/ with the other files.
/// </summary>
public sealed class RemindersRunParticipant : IRunParticipant
{
    private static readonly string[] Timers = [ReminderSweep.ExpiryFunction, ReminderSweep.OverseasFunction];
    private readonly List<InvocationRecord> _runs = [];
    private bool _ran;

    /// <inheritdoc />
    public async Task<bool> IsIdleAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_ran) return true;
        _ran = true;
        CliOutput.Progress($"running the daily reminder timers for {ReminderKeys.Iso(context.Services.Clock.TodayInJapan)} (Japan)…");
        foreach (var timer in Timers)
        {
            var record = await context.Host.RunTimerNowAsync(timer, cancellationToken).ConfigureAwait(false);
            _runs.Add(record);
            if (!record.Succeeded) CliOutput.Warn($"{timer} failed: {record.Error}");
        }
        return false; // what the timers sent (certificate hand-offs, webhooks) is processed before the run ends
    }

    /// <inheritdoc />
    public async Task<(string Name, JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var today = context.Services.Clock.TodayInJapan;
        var lines = await new ReminderOutbox(context.Services.Storage).LinesAsync(today, context.EmployerCode, cancellationToken).ConfigureAwait(false);
        var reminders = new JsonArray();
        foreach (var l in lines)
            reminders.Add(new JsonObject
            {
                ["memberId"] = l.MemberId,
                ["symbolNumber"] = l.SymbolNumber,
                ["reason"] = l.Reason.ToString(),
                ["label"] = ReminderLabels.Ja(l.Reason),
                ["dueDate"] = ReminderKeys.Iso(l.DueDate),
                ["eventDate"] = ReminderKeys.Iso(l.EventDate),
                ["action"] = ReminderLabels.ActionCode(l.Action),
                ["deadline"] = l.Deadline is { } d ? ReminderKeys.Iso(d) : null,
                ["letter"] = l.LetterBlob is { } letter ? "outbox/" + letter[(letter.IndexOf('/', "outbox/".Length) + 1)..] : null,
                ["letterError"] = l.LetterError,
                ["certificateRequestId"] = l.CertificateRequestId,
                ["eventId"] = l.EventId,
            });
        var letters = lines.Count(l => l.LetterBlob is not null);
        var handOffs = lines.Count(l => l.CertificateRequestId is not null);
        var failed = _runs.Where(r => !r.Succeeded).Select(r => r.Function).ToList();
        var csv = $"outbox/{ReminderKeys.CsvBlobName(context.EmployerCode, today)[(context.EmployerCode.Length + 1)..]}";
        var headline = _runs.Count == 0
            ? "the reminder timers did not run"
            : $"{lines.Count} reminder(s) sent on {ReminderKeys.Iso(today)}: {letters} letter(s) to hand over, {handOffs} certificate hand-off(s)" +
              (lines.Count > 0 ? $"; {csv}" : "") + (failed.Count > 0 ? $"; FAILED: {string.Join(", ", failed)}" : "");
        return ("reminders", new JsonObject
        {
            ["headline"] = headline,
            ["asOf"] = ReminderKeys.Iso(today),
            ["timers"] = new JsonArray(_runs.Select(r => (JsonNode)new JsonObject
            {
                ["function"] = r.Function,
                ["succeeded"] = r.Succeeded,
                ["error"] = r.Error,
                ["seconds"] = Math.Round(r.Duration.TotalSeconds, 2),
            }).ToArray()),
            ["sent"] = lines.Count,
            ["letters"] = letters,
            ["certificateHandOffs"] = handOffs,
            ["outboxCsv"] = lines.Count > 0 ? csv : null,
            ["reminders"] = reminders,
        });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
