using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Core;
using Hub.Core.Storage;
using Hub.LocalHost;
using Hub.LocalHost.Azurite;
using Hub.LocalHost.Config;

namespace Hub.Cli.Local;

/// <summary>What to run locally.</summary>
public sealed record LocalRunOptions
{
    /// <summary>Employer code (folder under submissions/).</summary>
    public required string EmployerCode { get; init; }

    /// <summary>Employer name used when the employer has to be registered for the run.</summary>
    public string EmployerName { get; init; } = "ローカル実行用事業所";

    /// <summary>The submission file to upload.</summary>
    public required string File { get; init; }

    /// <summary>The output folder.</summary>
    public required string OutDir { get; init; }

    /// <summary>Simulated Japan date (Hub__Clock__AsOf).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>How long the run may take before giving up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Keep Azurite, with everything the run stored, until Ctrl+C, so the ops verbs (member, webhooks, …) can look at it.</summary>
    public bool Keep { get; init; }
}

/// <summary>
/// One local run, as <c>./hub demo</c> and <c>./hub run</c> do it: start Azurite (in memory) and the
/// local Functions host with the real app, register the employer, upload the file, run until idle while
/// printing progress, then write results/, notices/, certificates/, outbox/, logs/ and summary.json.
/// </summary>
public static class LocalRun
{
    /// <summary>Runs; returns the process exit code (0 when every step reached a final state).</summary>
    public static async Task<int> ExecuteAsync(LocalRunOptions options, CancellationToken ct)
    {
        if (!File.Exists(options.File)) throw new FileNotFoundException($"No such file: {options.File}", options.File);
        var outDir = Path.GetFullPath(options.OutDir);
        if (Directory.Exists(outDir))
        {
            CliOutput.Progress($"replacing the previous run's files in {Path.GetRelativePath(Environment.CurrentDirectory, outDir)}/ (use --out DIR to keep them)");
            Directory.Delete(outDir, recursive: true);
        }
        Directory.CreateDirectory(outDir);
        var watch = Stopwatch.StartNew();
        var root = RepoRoot.Path;

        CliOutput.Progress("starting Azurite (in memory)…");
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = root }, ct).ConfigureAwait(false);
        var settings = new Dictionary<string, string>(LocalSettingsFile.Load(root).Values);
        foreach (var (k, v) in LocalSettingsFile.StorageOverrides(azurite.DefaultAccount.ToConnectionString())) settings[k] = v;
        if (options.AsOf is { } asOf) settings["Hub__Clock__AsOf"] = asOf.ToString("yyyy-MM-dd");

        var context = new RunContext
        {
            RepoRoot = root,
            OutDir = outDir,
            EmployerCode = options.EmployerCode,
            Azurite = azurite,
            Settings = settings,
            AsOf = options.AsOf,
        };
        int exitCode;
        var participants = typeof(LocalRun).Assembly.GetTypes()
            .Where(t => typeof(IRunParticipant).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IRunParticipant)Activator.CreateInstance(t)!)
            .ToList();
        try
        {
            foreach (var p in participants) await p.BeforeHostStartAsync(context, ct).ConfigureAwait(false);
            context.Services = new HubServices(Core.Configuration.Settings.FromDictionary(settings));
            await context.Services.Storage.EnsureCreatedAsync(ct).ConfigureAwait(false);
            if (await context.Services.Employers.FindAsync(options.EmployerCode, ct).ConfigureAwait(false) is null)
            {
                await context.Services.Employers.AddOrUpdateAsync(options.EmployerCode, options.EmployerName, cancellationToken: ct).ConfigureAwait(false);
                CliOutput.Progress($"registered employer {options.EmployerCode} ({options.EmployerName}) for this run");
            }
            foreach (var p in participants) await p.BeforeUploadAsync(context, ct).ConfigureAwait(false);

            var progress = new ProgressReporter();
            CliOutput.Progress("starting the local Functions host and the handler…");
            await using var host = await FunctionsHost.StartAsync(new LocalHostOptions
            {
                AppRoot = Path.Combine(root, "functions"),
                Settings = new AppSettings(settings),
                LogDirectory = Path.Combine(outDir, "logs"),
                OnInvoked = progress.OnInvoked,
            }, ct).ConfigureAwait(false);
            context.Host = host;

            var blobName = $"{options.EmployerCode}/{Path.GetFileName(options.File)}";
            await using (var file = File.OpenRead(options.File))
                await context.Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient(blobName)
                    .UploadAsync(file, overwrite: true, cancellationToken: ct).ConfigureAwait(false);
            CliOutput.Progress($"uploaded {new FileInfo(options.File).Length:N0} bytes to submissions/{blobName}");

            var idle = await WaitUntilIdleAsync(context, participants, progress, watch, options.Timeout, ct).ConfigureAwait(false);
            progress.Print(watch.Elapsed);

            var summary = new JsonObject
            {
                ["employerCode"] = options.EmployerCode,
                ["file"] = Path.GetFileName(options.File),
                ["asOf"] = options.AsOf?.ToString("yyyy-MM-dd"),
                ["completedIdle"] = idle,
                ["elapsedSeconds"] = Math.Round(watch.Elapsed.TotalSeconds, 1),
                ["invocations"] = new JsonObject(progress.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                    KeyValuePair.Create(c.Key, (JsonNode?)new JsonObject { ["succeeded"] = c.Value.Ok, ["failed"] = c.Value.Failed }))),
            };
            var exported = new JsonObject();
            foreach (var (container, folder) in new[]
                     {
                         (HubStorage.Containers.Results, "results"), (HubStorage.Containers.Notices, "notices"),
                         (HubStorage.Containers.Certificates, "certificates"), (HubStorage.Containers.Outbox, "outbox"),
                         (HubStorage.Containers.Quarantine, "quarantine"),
                     })
                exported[folder] = await OutputExporter.ExportAsync(context.Services.Storage, container, options.EmployerCode, outDir, folder, ct).ConfigureAwait(false);
            summary["files"] = exported;
            var failures = await FailureReport.ReadAsync(context, ct).ConfigureAwait(false);
            summary["failures"] = failures;
            foreach (var p in participants)
                if (await p.CompleteAsync(context, ct).ConfigureAwait(false) is { } section)
                    summary[section.Name] = section.Value;

            await File.WriteAllTextAsync(Path.Combine(outDir, "summary.json"),
                summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), ct).ConfigureAwait(false);
            exitCode = RunSummaryPrinter.Print(summary, outDir);
        }
        finally
        {
            foreach (var p in participants) await p.DisposeAsync().ConfigureAwait(false);
        }

        if (options.Keep) await KeepAsync(azurite, settings, options.EmployerCode, ct).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Keeps Azurite up (the host is stopped) and shows how to point the ops verbs at it, until Ctrl+C.</summary>
    private static async Task KeepAsync(AzuriteProcess azurite, IReadOnlyDictionary<string, string> settings, string employer, CancellationToken ct)
    {
        // The ops verbs read HubStorage from the environment; the other settings (keys) from local.settings(.sample).json.
        var connection = settings["HubStorage"];
        CliOutput.Title("Azurite keeps running with this run's data (Ctrl+C to stop). In another shell:");
        Console.WriteLine($"  export HubStorage='{connection}'");
        Console.WriteLine($"  ./hub member list --employer {employer}");
        Console.WriteLine("  ./hub member show <memberId>");
        Console.WriteLine("  ./hub webhooks list");
        Console.WriteLine("  ./hub deadletter list member-registration");
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            CliOutput.Progress($"stopping Azurite (blob port {azurite.BlobPort})");
        }
    }

    private static async Task<bool> WaitUntilIdleAsync(RunContext context, List<IRunParticipant> participants, ProgressReporter progress,
        Stopwatch watch, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            progress.Print(watch.Elapsed);
            if (await context.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false))
            {
                var allIdle = true;
                foreach (var p in participants) allIdle &= await p.IsIdleAsync(context, ct).ConfigureAwait(false);
                if (allIdle && await context.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false)) return true;
            }
        }
        CliOutput.Warn($"the run did not become idle within {timeout}; writing what there is");
        return false;
    }
}
