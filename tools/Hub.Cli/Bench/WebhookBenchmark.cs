using System.Collections.Concurrent;
using System.CommandLine;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Cli.Local;
using Hub.Core;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.LocalHost;
using Hub.LocalHost.Azurite;
using Hub.LocalHost.Config;
using Hub.LocalHost.Triggers;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Signing;

namespace Hub.Cli.Bench;

/// <summary>
/// <c>./hub bench webhooks --events 10000</c>: the real DeliverWebhooks function under the local host against
/// Azurite, delivering to a local verifying receiver. Events are committed to outbox partitions in batches of
/// 100 (as producers do, one transaction each) and dispatched on <c>webhook-delivery</c> while delivery runs, with
/// at most <c>--backlog</c> dispatches waiting (the local Service Bus is an Azurite queue, and Azurite's receive
/// cost grows with the queue's length, unlike Service Bus). Reports deliveries/s and the delay from the state
/// change (the event's OccurredAt) to arrival, p50/p99.
/// </summary>
public sealed class WebhookBenchmark : IBenchmark
{
    /// <inheritdoc />
    public Command Build()
    {
        var events = new Option<int>("--events") { Description = "Events to deliver.", DefaultValueFactory = _ => 10_000 };
        var backlog = new Option<int>("--backlog")
        {
            Description = "Most dispatches waiting at once (locally Service Bus is an Azurite queue, whose receive cost grows with its length).",
            DefaultValueFactory = _ => 500,
        };
        var command = new Command("webhooks", "Webhook deliveries/s to a local receiver and state-change-to-delivery delay (p50/p99).") { events, backlog };
        command.SetAction(async (parse, ct) =>
        {
            var n = Math.Max(100, parse.GetValue(events) / 100 * 100);
            var maxBacklog = Math.Max(100, parse.GetValue(backlog));
            CliOutput.Progress("starting Azurite (in memory)…");
            await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = RepoRoot.Path }, ct);
            var values = new Dictionary<string, string>(LocalSettingsFile.Load(RepoRoot.Path, LocalSettingsFile.StorageOverrides(azurite.DefaultAccount.ToConnectionString())).Values)
            {
                ["Hub__Environment"] = "Local",
            };
            values.Remove("Hub__Clock__AsOf");
            var hub = new HubServices(Core.Configuration.Settings.FromDictionary(values));
            await hub.Storage.EnsureCreatedAsync(ct);

            var occurred = new ConcurrentDictionary<string, DateTimeOffset>();
            var arrived = new ConcurrentDictionary<string, DateTimeOffset>();
            var done = new TaskCompletionSource();
            var secret = WebhookSecret.Parse(values["Hub__Webhooks__DemoSecret"]);
            await using var receiver = WebhookReceiver.Start(secret, () => DateTimeOffset.UtcNow, jsonlPath: null, (id, verified, at) =>
            {
                if (verified && arrived.TryAdd(id, at) && arrived.Count == n) done.TrySetResult();
            });
            using var ws = WebhookServices.Create(hub);
            await ws.Endpoints.AddAsync(receiver.Url, EventTypeFilter.All, "benchmark receiver", secret, ct);

            CliOutput.Progress("starting the local Functions host (DeliverWebhooks, RetryWebhooks)…");
            var logs = Directory.CreateTempSubdirectory("hub-bench-webhooks-").FullName;
            await using var host = await FunctionsHost.StartAsync(new LocalHostOptions
            {
                AppRoot = Path.Combine(RepoRoot.Path, "functions"),
                Settings = new AppSettings(values),
                Functions = new HashSet<string> { "DeliverWebhooks", "RetryWebhooks" },
                LogDirectory = logs,
            }, ct);

            CliOutput.Progress($"committing and dispatching {n:N0} events…");
            var bus = new LocalServiceBus(azurite.DefaultAccount);
            var members = hub.Storage.Table(HubStorage.Tables.Members);
            var watch = Stopwatch.StartNew();
            var first = DateTimeOffset.UtcNow;
            var dispatched = 0;
            var produced = BenchReport.ParallelAsync(n / 100, 4, async batch =>
            {
                // Keep the backlog bounded, as a steady producer would: a long Azurite queue would measure the emulator.
                while (Volatile.Read(ref dispatched) - arrived.Count > maxBacklog) await Task.Delay(10, ct);
                var partition = $"bench-{batch:D5}";
                var now = hub.Clock.GetUtcNow();
                var batchEvents = Enumerable.Range(1, 100).Select(i =>
                {
                    var subject = $"member/{partition}";
                    return new HubEvent(HubEvent.DeterministicId(subject, EventTypes.MemberRegistered, i.ToString()), EventTypes.MemberRegistered, subject, i, now,
                        new JsonObject { ["memberId"] = partition, ["change"] = "created", ["submissionId"] = "bench" });
                }).ToList();
                await members.SubmitTransactionAsync(batchEvents.Select(e => EventOutbox.Append(partition, e)), ct);
                foreach (var e in batchEvents) occurred[e.Id] = e.OccurredAt;
                await Parallel.ForEachAsync(batchEvents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (e, token) =>
                    await bus.SendAsync("webhook-delivery", JsonSerializer.SerializeToUtf8Bytes(EventOutbox.Dispatch(HubStorage.Tables.Members, partition, e),
                        DispatchJson), token));
                Interlocked.Add(ref dispatched, batchEvents.Count);
            });
            await produced;
            var producedIn = watch.Elapsed;
            await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMinutes(15), ct));
            var last = arrived.Values.DefaultIfEmpty(first).Max();
            await host.RunUntilIdleAsync(TimeSpan.FromSeconds(30), ct); // let the last records be written before counting them

            var delays = arrived.Select(a => (a.Value - occurred[a.Key]).TotalMilliseconds).Order().ToList();
            var statuses = new Dictionary<DeliveryStatus, int>();
            await foreach (var d in ws.Deliveries.QueryAsync(cancellationToken: ct))
                statuses[d.Status] = statuses.GetValueOrDefault(d.Status) + 1;
            var report = new BenchReport("Webhook delivery (DeliverWebhooks under the local host, Azurite, local receiver)");
            var span = (last - first).TotalSeconds;
            report.Add("deliveries", $"{arrived.Count / span:N0} deliveries/s", $"{arrived.Count:N0} of {n:N0} verified in {span:N1} s (first commit to last arrival)");
            report.Add("events committed + dispatched", $"{n / producedIn.TotalSeconds:N0} events/s",
                $"{n / 100:N0} transactions of 100, 4 in flight, at most {maxBacklog:N0} dispatches waiting");
            if (delays.Count > 0)
            {
                report.Add("state change → delivery, p50", $"{Percentile(delays, 0.50):N0} ms", "event OccurredAt to receiver arrival");
                report.Add("state change → delivery, p99", $"{Percentile(delays, 0.99):N0} ms", $"max {delays[^1]:N0} ms");
            }
            report.Add("delivery records", string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value:N0} {s.Key.ToString().ToLowerInvariant()}")),
                $"receiver: {receiver.Received:N0} received, {receiver.Verified:N0} verified; host logs {logs}");
            report.Print();
            return arrived.Count == n ? 0 : 1;
        });
        return command;
    }

    // As the functions' output bindings write it (camelCase).
    private static readonly JsonSerializerOptions DispatchJson = new(JsonSerializerDefaults.Web);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
