using System.CommandLine;
using Hub.Cli.Cli;
using Spectre.Console;

namespace Hub.Cli.Commands.Webhooks;

/// <summary>The delivery verbs: show, replay, resend.</summary>
internal static class DeliveryVerbs
{
    public static Command Show()
    {
        var id = new Argument<string>("delivery") { Description = "Delivery id (ep_….evt_…, from webhooks list)." };
        var command = new Command("show", "Show one delivery and its attempts (status, latency, response excerpt).") { id };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var d = await ws.Deliveries.GetAsync(parse.GetValue(id)!, ct);
            var facts = new Table().HideHeaders().AddColumns("", "");
            facts.AddRow("delivery", d.Id);
            facts.AddRow("webhook-id", d.WebhookId);
            facts.AddRow("event", $"{d.EventType} {Markup.Escape(d.Subject)} #{d.Sequence}, occurred {WebhookCli.Show(d.OccurredAt)} JST");
            facts.AddRow("status", Markup.Escape($"{d.Status.ToString().ToLowerInvariant()}{(d.Reason is { } r ? $": {r}" : "")}"));
            facts.AddRow("attempts", $"{d.Attempts} (round {d.Round}: {d.RoundAttempts})");
            if (d.NextAttemptAt is { } next) facts.AddRow("next attempt", WebhookCli.Show(next) + " JST");
            if (d.DeliveredAt is { } at) facts.AddRow("delivered", WebhookCli.Show(at) + " JST");
            AnsiConsole.Write(facts);
            var attempts = new Table().AddColumns("#", "round", "at (JST)", "outcome", "status", "latency", "error / response (≤ 1 KiB)");
            foreach (var a in d.AttemptLog)
                attempts.AddRow(a.Number.ToString(), a.Round.ToString(), WebhookCli.Show(a.At), a.Outcome, a.StatusCode?.ToString() ?? "",
                    $"{a.LatencyMs} ms", Markup.Escape(Shorten(a.Error ?? a.Response ?? "")));
            AnsiConsole.Write(attempts);
            if (d.Attempts > d.AttemptLog.Count) CliOutput.Progress($"{d.Attempts - d.AttemptLog.Count} older attempt(s) are counted but no longer kept");
            return 0;
        }));
        return command;
    }

    public static Command Replay()
    {
        var since = new Option<string>("--since") { Description = "Events at or after this time: 2026-11-21T09:00+09:00, 2026-11-21 (JST midnight), or 2h / 3d ago.", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "Only this endpoint (default: every enabled endpoint)." };
        var onlyFailed = new Option<bool>("--only-failed") { Description = "Only failed and skipped deliveries (default: delivered ones too)." };
        var command = new Command("replay", "Send deliveries again with their original webhook-id (receivers dedupe); RetryWebhooks sends them within a minute.")
        {
            since, endpoint, onlyFailed,
        };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var from = WebhookCli.ParseSince(parse.GetValue(since)!, ws.Hub.Clock.GetUtcNow());
            var outcome = await ws.Replay.ReplayAsync(from, parse.GetValue(endpoint), parse.GetValue(onlyFailed), ct);
            CliOutput.Ok($"{outcome.Requeued} delivery(ies) of events since {WebhookCli.Show(from)} JST queued again on {outcome.Endpoints} endpoint(s)");
            if (outcome.AlreadyPending > 0) CliOutput.Progress($"{outcome.AlreadyPending} still being retried: left on their schedule");
            if (outcome.Refused > 0) CliOutput.Warn($"{outcome.Refused} could not be rebuilt safely (see webhooks list --failed)");
            CliOutput.Progress("RetryWebhooks sends them within a minute; ./hub webhooks list --pending shows what is left");
            return 0;
        }));
        return command;
    }

    public static Command Resend()
    {
        var id = new Argument<string>("delivery") { Description = "Delivery id (ep_….evt_…)." };
        var command = new Command("resend", "Send one delivery again (same webhook-id); RetryWebhooks sends it within a minute.") { id };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var d = await ws.Replay.ResendAsync(parse.GetValue(id)!, ct);
            if (d.ClaimedUntil > ws.Hub.Clock.GetUtcNow())
            {
                CliOutput.Warn($"delivery {d.Id} is being attempted right now; see ./hub webhooks show {d.Id}");
                return 0;
            }
            CliOutput.Ok($"delivery {d.Id} (webhook-id {d.WebhookId}) due at {WebhookCli.Show(d.NextAttemptAt)} JST, round {d.Round}");
            return 0;
        }));
        return command;
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 120 ? oneLine : oneLine[..117] + "…";
    }
}
