using System.CommandLine;
using Hub.Cli.Cli;
using Hub.Webhooks;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Signing;

namespace Hub.Cli.Commands.Webhooks;

/// <summary>The endpoint verbs: add, disable, enable, rotate-secret.</summary>
internal static class EndpointVerbs
{
    public static Command Add()
    {
        var url = new Argument<string>("url") { Description = "Where to POST (https; locally http to 127.0.0.1 is allowed)." };
        var events = new Option<string>("--events") { Description = "Event types: * (default), exact types or prefixes like member.* (comma-separated).", DefaultValueFactory = _ => "*" };
        var description = new Option<string?>("--description") { Description = "A note for ops (which insurer system)." };
        var secret = new Option<string?>("--secret") { Description = "Use this whsec_… secret instead of generating one (e.g. one agreed with the insurer)." };
        var command = new Command("add", "Add an endpoint; prints its id and signing secret (shown once).") { url, events, description, secret };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var given = parse.GetValue(secret) is { } text ? WebhookSecret.Parse(text) : null;
            var (endpoint, signing) = await ws.Endpoints.AddAsync(parse.GetValue(url)!, EventTypeFilter.Parse(parse.GetValue(events)), parse.GetValue(description), given, ct);
            CliOutput.Ok($"endpoint {endpoint.Id} → {endpoint.Url} (events: {endpoint.Filter})");
            CliOutput.Title("Signing secret (give it to the insurer; it is not shown again):");
            Console.WriteLine(signing.Reveal());
            return 0;
        }));
        return command;
    }

    public static Command Disable()
    {
        var id = new Argument<string>("endpoint") { Description = "Endpoint id (ep_…)." };
        var reason = new Option<string>("--reason") { Description = "Why (kept with the endpoint).", DefaultValueFactory = _ => "disabled by an operator" };
        var command = new Command("disable", "Stop sending to an endpoint (events meanwhile are recorded as skipped; replay them after enabling).") { id, reason };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var endpoint = await ws.Endpoints.DisableAsync(parse.GetValue(id)!, parse.GetValue(reason)!, ct);
            CliOutput.Ok($"endpoint {endpoint.Id} disabled ({endpoint.DisabledReason})");
            return 0;
        }));
        return command;
    }

    public static Command Enable()
    {
        var id = new Argument<string>("endpoint") { Description = "Endpoint id (ep_…)." };
        var command = new Command("enable", "Send to an endpoint again (use replay --since to send what it missed).") { id };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var before = await ws.Endpoints.GetAsync(parse.GetValue(id)!, ct);
            var endpoint = await ws.Endpoints.EnableAsync(before.Id, ct);
            CliOutput.Ok($"endpoint {endpoint.Id} enabled");
            if (before.DisabledAt is { } since)
                CliOutput.Progress($"to send what it missed: ./hub webhooks replay --endpoint {endpoint.Id} --since {since.ToOffset(Hub.Core.Time.HubClock.JapanOffset):yyyy-MM-ddTHH:mm:sszzz} --only-failed");
            return 0;
        }));
        return command;
    }

    public static Command RotateSecret()
    {
        var id = new Argument<string>("endpoint") { Description = "Endpoint id (ep_…)." };
        var grace = new Option<string?>("--grace") { Description = "How long the current secret keeps signing (default Hub__Webhooks__RotationGrace, 24h)." };
        var secret = new Option<string?>("--secret") { Description = "Use this whsec_… secret instead of generating one." };
        var command = new Command("rotate-secret", "Add a new signing secret; the old one keeps signing for the grace period (both signatures are sent).") { id, grace, secret };
        command.SetAction((parse, ct) => WebhookCli.RunAsync(async ws =>
        {
            var period = parse.GetValue(grace) is { } g ? WebhookOptions.ParseDuration(g) : ws.Options.RotationGrace;
            var given = parse.GetValue(secret) is { } text ? WebhookSecret.Parse(text) : null;
            var (endpoint, signing) = await ws.Endpoints.RotateSecretAsync(parse.GetValue(id)!, period, given, ct);
            var now = ws.Hub.Clock.GetUtcNow();
            foreach (var s in endpoint.Secrets.Skip(1).Where(s => s.IsActive(now)))
                CliOutput.Progress($"secret {s.Id} keeps signing until {WebhookCli.Show(s.ExpiresAt)} (JST)");
            CliOutput.Ok($"endpoint {endpoint.Id}: new secret {endpoint.Secrets[0].Id}");
            CliOutput.Title("New signing secret (give it to the insurer; it is not shown again):");
            Console.WriteLine(signing.Reveal());
            return 0;
        }));
        return command;
    }
}
