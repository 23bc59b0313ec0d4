using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Cli.Commands.Ops;
using Hub.LocalHost;
using Hub.LocalHost.Azurite;
using Hub.LocalHost.Config;
using Hub.LocalHost.Handler;
using Hub.LocalHost.Triggers;

namespace Hub.Cli.Bench;

/// <summary>
/// <c>./hub bench host</c>: invocations/s through the local host with a no-op function (the test handler
/// answering with empty outputs), and the real handler's cold start (process start to first answer on GET /).
/// </summary>
public sealed class HostBenchmark : IBenchmark
{
    /// <inheritdoc />
    public Command Build()
    {
        var messages = new Option<int>("--messages") { Description = "Messages for the throughput measurement.", DefaultValueFactory = _ => 2000 };
        var starts = new Option<int>("--starts") { Description = "Handler cold starts to measure.", DefaultValueFactory = _ => 5 };
        var packaged = new Option<bool>("--packaged")
        {
            Description = "Also measure the cold start of the deployable handler as ./hub publish builds it: self-contained, and self-contained ReadyToRun (publishes twice, a few minutes).",
        };
        var command = new Command("host", "Invocations/s through the local host (no-op function) and handler cold start.") { messages, starts, packaged };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(messages), s = parse.GetValue(starts);
            var report = new BenchReport("Local Functions host");
            CliOutput.Progress("starting Azurite (in memory)…");
            await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = RepoRoot.Path }, ct);
            var connection = azurite.DefaultAccount.ToConnectionString();

            var appRoot = NoOpApp(RepoRoot.Path);
            var bus = new LocalServiceBus(azurite.DefaultAccount);
            CliOutput.Progress($"enqueuing {n:N0} messages…");
            await BenchReport.ParallelAsync(n, 16, i => bus.SendAsync("bench-noop", Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), ct));
            var done = 0;
            var finished = new TaskCompletionSource();
            var settings = new AppSettings(LocalSettingsFile.StorageOverrides(connection));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using (var host = await FunctionsHost.StartAsync(new LocalHostOptions
            {
                AppRoot = appRoot,
                Settings = settings,
                OnInvoked = _ => { if (Interlocked.Increment(ref done) == n) finished.TrySetResult(); },
            }, ct))
            {
                var startup = watch.Elapsed;
                watch.Restart();
                await finished.Task.WaitAsync(TimeSpan.FromMinutes(10), ct);
                var elapsed = watch.Elapsed;
                report.Add("no-op invocations (Service Bus trigger, 16 concurrent)", $"{n / elapsed.TotalSeconds:N0} invocations/s",
                    $"{n:N0} in {elapsed.TotalSeconds:N1} s; host start {startup.TotalMilliseconds:N0} ms");
            }

            var appSettings = LocalSettingsFile.Load(RepoRoot.Path, LocalSettingsFile.StorageOverrides(connection));
            await ColdStartsAsync(report, "handler cold start (framework-dependent build)", Path.Combine(RepoRoot.Path, "functions"), appSettings, s, ct);
            if (parse.GetValue(packaged))
            {
                foreach (var readyToRun in new[] { false, true })
                {
                    var kind = readyToRun ? "self-contained ReadyToRun" : "self-contained";
                    CliOutput.Progress($"publishing the handler ({kind})…");
                    var work = Directory.CreateTempSubdirectory("hub-bench-publish-").FullName;
                    try
                    {
                        var package = await AppPackage.BuildAsync(new AppPackageOptions
                        {
                            RepoRoot = RepoRoot.Path,
                            OutputZip = Path.Combine(work, "app.zip"),
                            WorkDirectory = work,
                            ReadyToRun = readyToRun,
                        }, cancellationToken: ct);
                        // The staged app root the zip was made from: the same files, with their execute bits.
                        await ColdStartsAsync(report, $"handler cold start ({kind}, as deployed)", Path.Combine(work, "app"), appSettings, s, ct,
                            $"zip {package.ZipBytes / 1024.0 / 1024:N1} MB");
                    }
                    finally
                    {
                        Directory.Delete(work, recursive: true);
                    }
                }
            }

            report.Print();
            return 0;
        });
        return command;
    }

    /// <summary>Starts the handler of <paramref name="appRoot"/> <paramref name="starts"/> times: process start to the first answer on GET /.</summary>
    private static async Task ColdStartsAsync(BenchReport report, string measure, string appRoot, AppSettings settings, int starts, CancellationToken ct, string? note = null)
    {
        var config = HostConfig.Load(appRoot);
        var times = new List<double>();
        using var log = new HostLog();
        for (var i = 0; i < starts; i++)
        {
            await using var handler = new HandlerProcess(appRoot, config, settings, log);
            await handler.StartAsync(ct);
            times.Add(handler.LastColdStart.TotalMilliseconds);
        }
        times.Sort();
        report.Add(measure, $"{times[times.Count / 2]:N0} ms median",
            $"min {times[0]:N0} ms, max {times[^1]:N0} ms over {starts} starts" + (note is null ? "" : "; " + note));
    }

    private static string NoOpApp(string repoRoot)
    {
        var handler = Path.Combine(repoRoot, "tests", "Hub.TestHandler", "bin", "Release", "net10.0", "Hub.TestHandler.dll");
        if (!File.Exists(handler)) throw new FileNotFoundException("Build the solution first (./hub build): the no-op handler is missing.", handler);
        var root = Directory.CreateTempSubdirectory("hub-bench-app-").FullName;
        File.WriteAllText(Path.Combine(root, "host.json"), new JsonObject
        {
            ["version"] = "2.0",
            ["customHandler"] = new JsonObject { ["description"] = new JsonObject { ["defaultExecutablePath"] = handler } },
            ["extensions"] = new JsonObject { ["serviceBus"] = new JsonObject { ["maxConcurrentCalls"] = 16 } },
        }.ToJsonString());
        Directory.CreateDirectory(Path.Combine(root, "NoOp"));
        File.WriteAllText(Path.Combine(root, "NoOp", "function.json"),
            """{ "bindings": [ { "name": "msg", "type": "serviceBusTrigger", "direction": "in", "queueName": "bench-noop", "connection": "ServiceBusConnection" } ] }""");
        return root;
    }
}
