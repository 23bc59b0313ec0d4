using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Hub.Cli.Cli;
using Hub.Webhooks.Delivery;

namespace Hub.Infra.Tests;

/// <summary>docs/operations.md stays true: its queries are the deployed ones, its commands exist, its lists match the code.</summary>
public partial class OperationsDocTests
{
    private static string Doc => File.ReadAllText(InfraPaths.OperationsDoc).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static IEnumerable<(string Id, string DisplayName, string Query)> SavedQueries =>
        InfraModel.Instance.Module("alerts.json").Variables["queries"]!.AsArray()
            .Select(q => (q!["id"]!.GetValue<string>(), q["displayName"]!.GetValue<string>(), q["query"]!.GetValue<string>()));

    [Fact]
    public void Every_saved_query_is_in_the_runbook_verbatim()
    {
        var blocks = KustoBlock().Matches(Doc).Select(m => m.Groups[1].Value.TrimEnd('\n')).ToList();
        foreach (var (id, name, query) in SavedQueries)
        {
            Assert.Contains(query, blocks);
            Assert.Contains($"### {name} — `{id}`", Doc, StringComparison.Ordinal);
        }
        Assert.Equal(SavedQueries.Count(), blocks.Count);
    }

    [Fact]
    public void The_webhook_query_parses_the_summary_line_the_delivery_functions_log()
    {
        // DeliverWebhooks logs "event {id} ({type}): {DeliveryOutcome}"; the query's parse clause must match it.
        var outcome = new DeliveryOutcome();
        var finished = typeof(DeliveryOutcome).GetMethod("Finished", BindingFlags.Instance | BindingFlags.NonPublic)!;
        finished.Invoke(outcome, [DeliveryStatus.Failed]);
        finished.Invoke(outcome, [DeliveryStatus.Pending]);
        finished.Invoke(outcome, [DeliveryStatus.Delivered]);
        var line = $"event evt_1 (member.registered): {outcome}";

        var query = SavedQueries.Single(q => q.Id == "hub-webhook-failures").Query;
        var parse = ParseClause().Match(query);
        Assert.True(parse.Success, "the query has no 'parse Message with' clause");
        var pattern = string.Concat(ParseToken().Matches(parse.Groups[1].Value).Select(t =>
            t.Groups["any"].Success ? ".*" : t.Groups["literal"].Success ? Regex.Escape(t.Groups["literal"].Value) : $"(?<{t.Groups["name"].Value}>\\d+)"));
        var match = Regex.Match(line, "^" + pattern + "$");
        Assert.True(match.Success, $"'{line}' does not match {pattern}");
        Assert.Equal(("1", "1", "1", "0"), (match.Groups["Delivered"].Value, match.Groups["Rescheduled"].Value, match.Groups["Failed"].Value, match.Groups["Skipped"].Value));
    }

    [Fact]
    public void Every_hub_command_in_the_runbook_exists()
    {
        var root = new RootCommand();
        foreach (var type in typeof(ICliCommand).Assembly.GetTypes().Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
            root.Subcommands.Add(((ICliCommand)Activator.CreateInstance(type)!).Build());
        // Verbs the ./hub script handles itself (test, build) rather than the CLI.
        var scriptVerbs = ScriptVerb().Matches(File.ReadAllText(Hub.Testing.RepoPaths.Combine("hub"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var mentioned = HubCommand().Matches(Doc).Select(m => m.Groups[1].Value.Split(' ')).ToList();
        Assert.NotEmpty(mentioned);
        foreach (var words in mentioned)
        {
            if (scriptVerbs.Contains(words[0])) continue;
            var verb = root.Subcommands.SingleOrDefault(c => c.Name == words[0]);
            Assert.True(verb is not null, $"./hub {words[0]} does not exist");
            if (verb.Subcommands.Count > 0 && words.Length > 1 && !words[1].StartsWith('-'))
                Assert.True(verb.Subcommands.Any(c => c.Name == words[1]), $"./hub {words[0]} {words[1]} does not exist");
        }
    }

    [Fact]
    public void Every_deploy_sh_option_in_the_runbook_exists()
    {
        var script = File.ReadAllText(InfraPaths.DeployScript);
        var usage = script[..script.IndexOf("set -euo pipefail", StringComparison.Ordinal)];
        var options = DeployOption().Matches(Doc).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(options);
        foreach (var option in options)
        {
            Assert.Contains(option, usage, StringComparison.Ordinal);
            Assert.Contains($"{option})", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_queue_list_in_the_runbook_is_the_functions_queue_list()
    {
        var line = Doc.Split('\n').Single(l => l.StartsWith("Queues: ", StringComparison.Ordinal));
        var listed = BacktickName().Matches(line).Select(m => m.Groups[1].Value);
        Assert.Equal(CodeInventory.ServiceBusQueues.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("```kusto\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KustoBlock();

    [GeneratedRegex(@"\| parse Message with (.+)")]
    private static partial Regex ParseClause();

    [GeneratedRegex(@"(?<any>\*)|""(?<literal>[^""]*)""|(?<name>[A-Za-z]+):long")]
    private static partial Regex ParseToken();

    [GeneratedRegex(@"\./hub ([a-z-]+(?: [a-z-]+)?)")]
    private static partial Regex HubCommand();

    [GeneratedRegex(@"infra/deploy\.sh [a-z<>]+(?: [^\n`]*?)?(--[a-z-]+)")]
    private static partial Regex DeployOption();

    [GeneratedRegex(@"^\s+([a-z]+)\)$", RegexOptions.Multiline)]
    private static partial Regex ScriptVerb();

    [GeneratedRegex(@"`([a-z-]+)`")]
    private static partial Regex BacktickName();
}
