using System.CommandLine;
using Hub.Webhooks.Delivery;
using Spectre.Console;

namespace Hub.Cli.Commands.Webhooks;

/// <summary><c>webhooks list</c>: endpoints, or with <c>--failed</c>/<c>--pending</c>/<c>--skipped</c> the deliveries in that state.</summary>
internal static class ListVerb
{
    public static Command Build()
    {
        var failed = new Option<bool>("--failed") { Description = "List failed deliveries (all attempts used, 410, or refused) instead of endpoints." };
        var pending = new Option<bool>("--pending") { Description = "List deliveries still being retried." };
        var skipped = new Option<bool>("--skipped") { Description = "List deliveries skipped because the endpoint was disabled." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Only this endpoint's deliveries." };
        var limit = new Option<int>("--limit") { Description = "At most this many deliveries.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List endpoints, or deliveries by state (--failed, --pending, --skipped).") { failed, pending, skipped, endpoint, limit };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            DeliveryStatus? status = parse.GetValue(failed) ? DeliveryStatus.Failed : parse.GetValue(pending) ? DeliveryStatus.Pending
                : parse.GetValue(skipped) ? DeliveryStatus.Skipped : null;
            if (status is null)
            {
                var now = ws.Hub.Clock.GetUtcNow();
                var table = new Table().AddColumns("endpoint", "url", "events", "state", "secrets", "failing since", "created");
                foreach (var e in await ws.Endpoints.ListAsync(ct))
                {
                    var state = e.Enabled ? "[green]enabled[/]" : $"[red]disabled[/] ({Markup.Escape(e.DisabledBy?.ToString() ?? "")}: {Markup.Escape(e.DisabledReason ?? "")})";
                    table.AddRow(e.Id, Markup.Escape(e.Url), Markup.Escape(e.Filter.ToString()), state, e.ActiveSecrets(now).Count().ToString(),
                        WebhookCli.Show(e.FailingSince), WebhookCli.Show(e.CreatedAt));
                }
                AnsiConsole.Write(table);
                return 0;
            }

            var rows = new Table().AddColumns("delivery", "event type", "occurred (JST)", "attempts", "last status", status == DeliveryStatus.Pending ? "next attempt (JST)" : "reason");
            var count = 0;
            await foreach (var d in ws.Deliveries.QueryAsync(parse.GetValue(endpoint), status, cancellationToken: ct))
            {
                if (++count > parse.GetValue(limit)) break;
                rows.AddRow(d.Id, d.EventType, WebhookCli.Show(d.OccurredAt), d.Attempts.ToString(),
                    Markup.Escape(d.LastStatusCode?.ToString() ?? d.LastError ?? ""),
                    Markup.Escape(status == DeliveryStatus.Pending ? WebhookCli.Show(d.NextAttemptAt) : d.Reason ?? ""));
            }
            AnsiConsole.Write(rows);
            if (count > parse.GetValue(limit)) Cli.CliOutput.Progress($"more than {parse.GetValue(limit)}; use --limit or --endpoint");
            return 0;
        }));
        return command;
    }
}
