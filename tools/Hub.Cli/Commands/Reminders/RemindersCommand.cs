using System.CommandLine;
using System.Globalization;
using Hub.Cli.Cli;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Spectre.Console;

namespace Hub.Cli.Commands.Reminders;

/// <summary>
/// <c>./hub reminders run [--as-of 2027-03-01] [--employer E0001] [--kind expiry|overseas|all]</c>: one reminder sweep
/// against the storage the settings point at, exactly as the daily timers run it (the ledger makes it safe to repeat).
/// Locally its event dispatches and certificate hand-offs go to the emulated Service Bus queues; against Azure they are
/// left in the journal and sent by the next timer run.
/// </summary>
public sealed class RemindersCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build() => new("reminders", "Expiry, grace-period and overseas reminders (the daily timers' sweep).") { Run() };

    private static Command Run()
    {
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Sweep as if today in Japan were this date (YYYY-MM-DD; local storage only).",
            CustomParser = r => DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : Invalid(r),
        };
        var employer = new Option<string?>("--employer") { Description = "Only this employer's members." };
        var kind = new Option<string>("--kind") { Description = "expiry, overseas or all (default).", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("expiry", "overseas", "all");
        var command = new Command("run", "Run one sweep now: send the reminders due (catching up missed days), write the outbox, hand off certificates.")
        {
            asOf, employer, kind,
        };
        command.SetAction(async (parse, ct) =>
        {
            var services = Services(parse.GetValue(asOf));
            if (services is null) return 2;
            // A fresh local Azurite has no tables yet; in Azure the templates create them.
            if (services.Environment == HubEnvironment.Local) await services.Storage.EnsureCreatedAsync(ct);
            var sweep = new ReminderSweep(new MemberPipeline(services));
            var sender = ReminderOutputSender.For(services);
            var kinds = parse.GetValue(kind) switch
            {
                "expiry" => new[] { ReminderKind.Expiry },
                "overseas" => [ReminderKind.Overseas],
                _ => [ReminderKind.All],
            };
            var exit = 0;
            foreach (var k in kinds)
            {
                var result = await sweep.RunAsync(k, new ReminderRunOptions { EmployerCode = parse.GetValue(employer), Actor = $"cli:{Environment.UserName}" }, ct);
                Print(result);
                if (sender is not null)
                {
                    await sender.SendAsync(result, ct);
                    await sweep.CompleteAsync(result, ct);
                    CliOutput.Ok($"sent {result.Dispatches.Count} event dispatch(es) to webhook-delivery and {result.CertificateRequests.Count} hand-off(s) to certificate-issuance");
                }
                else if (!result.Dispatches.IsEmpty || !result.CertificateRequests.IsEmpty)
                {
                    CliOutput.Warn($"{result.Dispatches.Count} dispatch(es) and {result.CertificateRequests.Count} hand-off(s) are kept in the journal: " +
                                   "the next SendExpiryReminders/SendOverseasReminders run sends them (this shell cannot reach Service Bus).");
                }
                if (!result.Failures.IsEmpty) exit = 1;
            }
            return exit;
        });
        return command;
    }

    /// <summary>The services, with the simulated day if one is asked for (refused outside local storage).</summary>
    private static HubServices? Services(DateOnly? asOf)
    {
        var services = CliServices.Create();
        if (asOf is not { } day) return services;
        if (services.Environment != HubEnvironment.Local)
        {
            CliOutput.Error("--as-of simulates a day and is refused against Azure storage (Hub__Environment is not Local) / " +
                            "--as-of は日付を模擬するためのもので、Azure のストレージには使えません。");
            return null;
        }
        var settings = services.Settings;
        var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new HubServices(new Settings(name => name == "Hub__Clock__AsOf" ? text : settings.Get(name)));
    }

    private static void Print(ReminderSweepResult r)
    {
        CliOutput.Title($"{r.Kind.Code()} sweep for {ReminderKeys.Iso(r.Today)} (Japan)");
        var table = new Table().AddColumns("member", "employer", "reminder", "member acts by", "action", "letter", "reminder date (通知基準日)");
        foreach (var s in r.Sent.OrderBy(s => s.EmployerCode, StringComparer.Ordinal).ThenBy(s => s.MemberId, StringComparer.Ordinal))
            table.AddRow(s.MemberId, Markup.Escape(s.EmployerCode), Markup.Escape($"{s.Reason} ({ReminderLabels.Ja(s.Reason)})"),
                s.Deadline is { } deadline ? ReminderKeys.Iso(deadline) : "- (no action)", ReminderLabels.ActionCode(s.Action),
                Markup.Escape(s.LetterBlob ?? s.LetterError ?? "-"), ReminderKeys.Iso(s.DueDate));
        if (r.Sent.IsEmpty) CliOutput.Progress("no new reminders");
        else AnsiConsole.Write(table);
        foreach (var (name, lines) in r.OutboxFiles) CliOutput.Progress($"outbox/{name}: {lines} line(s)");
        foreach (var (memberId, error) in r.Failures) CliOutput.Error($"member {memberId}: {error} (stays indexed for the next run)");
        CliOutput.Progress(r.ToString());
    }

    private static DateOnly? Invalid(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"'{r.Tokens[0].Value}' is not a date: use YYYY-MM-DD.");
        return null;
    }
}
