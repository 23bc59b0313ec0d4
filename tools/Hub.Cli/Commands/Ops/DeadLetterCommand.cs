using System.CommandLine;
using System.Globalization;
using Hub.Cli.Cli;
using Hub.Core.Configuration;
using Hub.LocalHost.Config;
using Hub.Storage;
using Spectre.Console;

namespace Hub.Cli.Commands.Ops;

/// <summary>
/// <c>./hub deadletter list|replay &lt;queue&gt;</c>: dead-lettered Service Bus messages of a local run (the emulated
/// <c>{queue}-deadletter</c> queues in the storage that <see cref="CliServices"/> points at). In Azure the repo has no
/// Service Bus client: operators use Service Bus Explorer in the portal (docs/operations.md), and these verbs say so.
/// </summary>
public sealed class DeadLetterCommand : ICliCommand
{
    /// <summary>The binding connection of the functions' Service Bus triggers and outputs.</summary>
    public const string ConnectionName = "ServiceBusConnection";

    /// <inheritdoc />
    public Command Build()
    {
        var listQueue = QueueArgument();
        var list = new Command("list", "Show the dead letters of a queue (ids, times, reasons; never bodies).") { listQueue };
        list.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(listQueue)!, async (queues, queue) =>
        {
            var (messages, count) = await queues.ListAsync(queue, ct);
            if (count == 0)
            {
                CliOutput.Ok($"{queue}: no dead letters / デッドレターはありません");
                return 0;
            }
            var table = new Table().AddColumns("message id", "enqueued (UTC)", "dead-lettered (UTC)", "reason", "description", "bytes");
            foreach (var m in messages)
                table.AddRow(Markup.Escape(m.MessageId), Time(m.EnqueuedTimeUtc), m.DeadLetteredAtUtc is { } at ? Time(at) : "",
                    Markup.Escape(m.Reason ?? ""), Markup.Escape(Truncate(m.Description ?? "", 80)), m.BodyBytes.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            CliOutput.Progress(count > messages.Count ? $"showing {messages.Count} of about {count}" : $"{count} dead letter(s)");
            return 0;
        }));

        var replayQueue = QueueArgument();
        var ids = new Option<string[]>("--id") { Description = "Replay only this message id (repeatable). Default: every dead letter.", AllowMultipleArgumentsPerToken = true };
        var max = new Option<int?>("--max") { Description = "Replay at most this many." };
        var replay = new Command("replay", "Send dead letters back to their queue as new messages, then remove them from the dead-letter queue.") { replayQueue, ids, max };
        replay.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(replayQueue)!, async (queues, queue) =>
        {
            var only = parse.GetValue(ids) is { Length: > 0 } given ? given.ToHashSet(StringComparer.Ordinal) : null;
            var limit = parse.GetValue(max) ?? int.MaxValue;
            if (limit < 1) return Fail("DLQ_MAX_INVALID", "--max must be 1 or more.", "--max には 1 以上を指定してください。");
            var result = await queues.ReplayAsync(queue, only, limit, ct);
            foreach (var (dead, sent) in result.Replayed) CliOutput.Progress($"{dead} → {queue} as {sent}");
            var missing = only?.Except(result.Replayed.Select(r => r.DeadLetterId)).ToList() ?? [];
            foreach (var id in missing) CliOutput.Warn($"{id}: not in {DeadLetterQueues.DeadLetterQueueName(queue)} / デッドレターキューにありません");
            CliOutput.Ok($"replayed {result.Replayed.Count} message(s) to {queue}; {result.Left} left in the dead-letter queue");
            return missing.Count > 0 ? 1 : 0;
        }));

        return new Command("deadletter", "Inspect and replay dead-lettered Service Bus messages (local runs; Azure: Service Bus Explorer).") { list, replay };
    }

    /// <summary>The Service Bus queues the functions use (from function.json), for validating a queue argument.</summary>
    public static IReadOnlySet<string> KnownQueues(string repoRoot) =>
        FunctionDescriptor.LoadAll(Path.Combine(repoRoot, "functions"))
            .SelectMany(f => f.Bindings)
            .Where(b => b.Type is "serviceBusTrigger" or "serviceBus")
            .Select(b => b["queueName"]).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The storage account that serves the emulated Service Bus, or null when the settings point at a real
    /// namespace (identity-based <c>__fullyQualifiedNamespace</c> or an <c>Endpoint=sb://</c> connection string).
    /// </summary>
    /// <exception cref="HubConfigurationException">Neither is configured.</exception>
    public static StorageConnection? EmulatedServiceBus(Settings settings)
    {
        var value = settings.Get(ConnectionName);
        if (value is null)
            return settings.Get(ConnectionName + "__fullyQualifiedNamespace") is not null
                ? null
                : throw new HubConfigurationException($"App setting '{ConnectionName}' is not configured.");
        return value.StartsWith("Endpoint=sb://", StringComparison.OrdinalIgnoreCase) ? null : StorageConnection.Parse(value);
    }

    private static Argument<string> QueueArgument() => new("queue") { Description = "Service Bus queue (e.g. member-registration)." };

    private static async Task<int> RunAsync(string queue, Func<DeadLetterQueues, string, Task<int>> verb)
    {
        var known = KnownQueues(RepoRoot.Path);
        if (!known.Contains(queue))
            return Fail("DLQ_UNKNOWN_QUEUE", $"'{queue}' is not a queue of the app; use one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}.",
                $"「{queue}」はアプリのキューではありません。次のいずれかを指定してください: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        var services = CliServices.Create();
        var connection = EmulatedServiceBus(services.Settings);
        if (connection is null)
            return Fail("DLQ_AZURE_USE_EXPLORER",
                $"{ConnectionName} points at an Azure Service Bus namespace; this CLI has no Service Bus client. Use Service Bus Explorer in the Azure portal: namespace → Queues → {queue} → Service Bus Explorer → Dead-letter → Peek, then 'Re-send selected messages' (docs/operations.md, 'Replay dead letters').",
                $"{ConnectionName} は Azure の Service Bus 名前空間を指しています。この CLI には Service Bus クライアントがありません。Azure ポータルの Service Bus Explorer を使ってください（名前空間 → キュー → {queue} → Service Bus Explorer → デッドレター → ピーク → 選択したメッセージを再送信。docs/operations.md「デッドレターの再処理」）。");
        return await verb(new DeadLetterQueues(connection), queue);
    }

    private static int Fail(string code, string english, string japanese)
    {
        CliOutput.Error($"{code}: {english}");
        CliOutput.Error($"{code}: {japanese}");
        return 2;
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
