using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hub.Cli.Cli;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;
using Hub.LocalHost;
using Hub.LocalHost.Azurite;
using Hub.LocalHost.Config;
using Hub.LocalHost.Triggers;

namespace Hub.Cli.Bench;

/// <summary>
/// <c>./hub bench pipeline --members 10000</c>: members/s from upload to final state through the local host
/// (IngestSubmission → FanOutSubmission → RegisterMember → GenerateNotice → IssueCertificate on Azurite), with
/// p50/p99 per-member latency (upload to the member being settled: notice issued and certificate decided).
/// <c>--staged</c> skips ingestion: rows are staged directly and the clock starts when their registration
/// messages are sent.
/// </summary>
public sealed class PipelineBenchmark : IBenchmark
{
    private const string Employer = "BENCH01";

    /// <inheritdoc />
    public Command Build()
    {
        var members = new Option<int>("--members") { Description = "Members in the submission (about one in four a dependant).", DefaultValueFactory = _ => 10_000 };
        var staged = new Option<bool>("--staged") { Description = "Stage rows directly and send registration messages (no ingestion)." };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this long.", DefaultValueFactory = _ => 60 };
        var (profile, countRequests, asPublished) = BenchReport.AzuriteOptionSet();
        var webhooks = new Option<bool>("--deliver-webhooks")
        {
            Description = "Also run DeliverWebhooks (no endpoints registered: each event is loaded and found to have no subscriber), so webhook-delivery does not pile up.",
        };
        var command = new Command("pipeline", "Members/s from upload to final state through the local host, p50/p99 latency.") { members, staged, timeout, profile, countRequests, asPublished, webhooks };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(members);
            var direct = parse.GetValue(staged);
            CliOutput.Progress("starting Azurite (in memory)…");
            var requests = parse.GetValue(countRequests) ? new AzuriteRequestLog() : null;
            await using var azurite = await AzuriteProcess.StartAsync(BenchReport.AzuriteOptions(parse.GetValue(profile), requests, parse.GetValue(asPublished)), ct);
            var settings = new Dictionary<string, string>(LocalSettingsFile.Load(RepoRoot.Path).Values);
            foreach (var (k, v) in LocalSettingsFile.StorageOverrides(azurite.DefaultAccount.ToConnectionString())) settings[k] = v;
            var services = new HubServices(Settings.FromDictionary(settings));
            await services.Storage.EnsureCreatedAsync(ct);
            await services.Employers.AddOrUpdateAsync(Employer, "ベンチマーク株式会社", cancellationToken: ct);
            var rows = Rows(n);

            var functions = new HashSet<string> { "RegisterMember", "GenerateNotice", "IssueCertificate" };
            if (!direct) functions.UnionWith(["IngestSubmission", "FanOutSubmission"]);
            if (parse.GetValue(webhooks)) functions.Add("DeliverWebhooks");
            CliOutput.Progress($"starting the local host ({string.Join(", ", functions.Order())})…");
            var invocations = new Dictionary<string, List<double>>();
            var failures = 0;
            await using var host = await FunctionsHost.StartAsync(new LocalHostOptions
            {
                AppRoot = Path.Combine(RepoRoot.Path, "functions"),
                Settings = new AppSettings(settings),
                Functions = functions,
                OnInvoked = r =>
                {
                    lock (invocations)
                    {
                        if (!r.Succeeded) failures++;
                        if (!invocations.TryGetValue(r.Function, out var list)) invocations[r.Function] = list = [];
                        list.Add(r.Duration.TotalMilliseconds);
                    }
                },
            }, ct);

            DateTimeOffset start;
            if (direct)
            {
                var submission = "BENCH" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                var pipeline = new MemberPipeline(services);
                CliOutput.Progress($"staging {rows.Count:N0} rows…");
                await BenchReport.ParallelAsync(rows.Count, 16, async i =>
                {
                    var r = rows[i];
                    await pipeline.StagedRows.AddEntityAsync(StagedRow.Create(submission, r,
                        services.MyNumbers.Protect(r.MyNumber!.Value), services.MyNumbers.IndexHash(r.MyNumber!.Value), services.Clock.GetUtcNow()), ct);
                });
                var bus = new LocalServiceBus(azurite.DefaultAccount);
                start = DateTimeOffset.UtcNow;
                // Insured rows first, as a file lists them; they are processed concurrently all the same.
                await BenchReport.ParallelAsync(rows.Count, 16, i => bus.SendAsync("member-registration",
                    JsonSerializer.SerializeToUtf8Bytes(new RegistrationRequest(submission, rows[i].RowNumber, Employer), new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct));
            }
            else
            {
                var csv = Csv(rows);
                CliOutput.Progress($"uploading a {csv.Length / 1024.0 / 1024.0:N1} MB CSV of {rows.Count:N0} rows…");
                start = DateTimeOffset.UtcNow;
                await services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient($"{Employer}/bench-{n}.csv")
                    .UploadAsync(BinaryData.FromBytes(csv), overwrite: true, cancellationToken: ct);
            }

            requests?.Reset();
            var cpu = new CpuMeter(("handler", host.Handler.ProcessId), ("Azurite", CpuMeter.FindByArgument($"--blobPort {azurite.BlobPort}")),
                ("host and bench", Environment.ProcessId));
            var watch = Stopwatch.StartNew();
            var store = new MemberStore(services.Storage);
            var deadline = DateTime.UtcNow.AddMinutes(parse.GetValue(timeout));
            int Count(string function)
            {
                lock (invocations) return invocations.TryGetValue(function, out var list) ? list.Count : 0;
            }
            // Progress from the invocations (a table scan while running would slow Azurite down); one scan at the end.
            var idleBefore = false;
            while (DateTime.UtcNow < deadline)
            {
                var idle = await host.RunUntilIdleAsync(TimeSpan.FromSeconds(15), ct);
                CliOutput.Progress($"{watch.Elapsed.TotalSeconds:N0} s: {Count("RegisterMember"):N0} registrations, {Count("GenerateNotice"):N0} notices, " +
                                   $"{Count("IssueCertificate"):N0} certificate decisions");
                if (idle && (Count("RegisterMember") > 0 || idleBefore)) break;
                idleBefore = idle;
            }
            var settled = new List<DateTimeOffset>();
            await foreach (var m in store.ListAsync(Employer, ct))
                if (m.SettledAt is { } at) settled.Add(at);

            settled.Sort();
            var report = new BenchReport($"Member pipeline ({rows.Count:N0} members, {(direct ? "staged rows" : "CSV upload")})");
            if (settled.Count == 0)
            {
                report.Add("settled members", "0", "nothing reached a final state");
                report.Print();
                return 1;
            }
            var latencies = settled.Select(s => (s - start).TotalSeconds).ToArray();
            double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
            var last = latencies[^1];
            report.Add("settled members", $"{settled.Count:N0} of {rows.Count:N0}", settled.Count < rows.Count ? "not all members settled (see the host's dead letters)" : "");
            report.Add(direct ? "members/s (first message to last settled)" : "members/s (upload to last settled)", $"{settled.Count / last:N1}", $"{last:N1} s");
            report.Add("per-member latency p50", $"{Percentile(0.50):N1} s");
            report.Add("per-member latency p99", $"{Percentile(0.99):N1} s");
            foreach (var (function, durations) in invocations.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                durations.Sort();
                report.Add($"{function} invocations", $"{durations.Count:N0}",
                    $"duration p50 {durations[durations.Count / 2]:N0} ms, p99 {durations[Math.Min(durations.Count - 1, durations.Count * 99 / 100)]:N0} ms, " +
                    $"{durations.Sum() / 1000 / last * 100:N0}% of the run busy");
            }
            report.Add("failed attempts (retried)", $"{failures:N0}");
            foreach (var (name, seconds) in cpu.Used())
                report.Add($"CPU: {name}", $"{seconds * 1000 / settled.Count:N0} ms per member", $"{seconds:N1} s in all");
            report.AddRequests(requests, watch.Elapsed);
            report.Print();
            return settled.Count == rows.Count ? 0 : 1;
        });
        return command;
    }

    /// <summary>Synthetic rows: insured persons (enrol) and about one in four a spouse or child, card states mixed.</summary>
    private static List<SubmissionRecord> Rows(int count)
    {
        var rows = new List<SubmissionRecord>(count);
        var row = 2;
        for (var i = 0; rows.Count < count; i++)
        {
            var employee = $"B{i:D6}";
            var card = (i % 10) switch { < 7 => Hub.Domain.Eligibility.CardState.Registered, < 9 => Hub.Domain.Eligibility.CardState.None, _ => Hub.Domain.Eligibility.CardState.NotRegistered };
            rows.Add(new SubmissionRecord
            {
                RowNumber = row++, RecordType = RecordType.Insured, Action = SubmissionAction.Enroll, EmployerCode = Employer, EmployeeId = employee,
                NameKanji = $"社員 {i}", NameKana = "シャイン タロウ", BirthDate = new DateOnly(1960 + i % 40, 1 + i % 12, 1 + i % 28), Sex = Sex.Male,
                MyNumber = Number(2 * i), QualificationDate = new DateOnly(2026, 10, 1), CardState = card,
                EcertExpiryDate = card == Hub.Domain.Eligibility.CardState.Registered ? new DateOnly(2029, 1 + i % 12, 1) : null,
            });
            if (i % 3 == 0 && rows.Count < count)
                rows.Add(new SubmissionRecord
                {
                    RowNumber = row++, RecordType = RecordType.Dependant, Action = SubmissionAction.Add, EmployerCode = Employer, EmployeeId = employee,
                    NameKanji = $"家族 {i}", NameKana = "カゾク ハナコ", BirthDate = new DateOnly(1965 + i % 40, 1 + i % 12, 1 + i % 28), Sex = Sex.Female,
                    Relationship = i % 2 == 0 ? Relationship.Spouse : Relationship.Child, MyNumber = Number(2 * i + 1),
                    QualificationDate = new DateOnly(2026, 10, 1), CardState = Hub.Domain.Eligibility.CardState.None,
                });
        }
        return rows;
    }

    private static MyNumber Number(int i)
    {
        var body = (70_000_000_000L + i * 13L).ToString("D11", CultureInfo.InvariantCulture);
        return MyNumber.Parse(body + MyNumber.ComputeCheckDigit(body).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The rows as the UTF-8 CSV an employer uploads (canonical column names).</summary>
    private static byte[] Csv(List<SubmissionRecord> rows)
    {
        string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var text = new StringBuilder();
        text.AppendLine("record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,card_state,ecert_expiry_date");
        foreach (var r in rows)
        {
            text.Append(r.RecordType == RecordType.Insured ? "insured,enroll," : "dependant,add,").Append(r.EmployerCode).Append(',').Append(r.EmployeeId).Append(',')
                .Append(r.NameKanji).Append(',').Append(r.NameKana).Append(',').Append(D(r.BirthDate)).Append(',').Append(r.Sex == Sex.Male ? "1" : "2").Append(',')
                .Append(r.Relationship switch { Relationship.Spouse => "spouse", Relationship.Child => "child", _ => "" }).Append(',')
                .Append(r.MyNumber!.Value.RevealDigits()).Append(',').Append(D(r.QualificationDate)).Append(',')
                .Append(r.CardState switch { Hub.Domain.Eligibility.CardState.Registered => "registered", Hub.Domain.Eligibility.CardState.NotRegistered => "not_registered", _ => "none" }).Append(',')
                .Append(D(r.EcertExpiryDate)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>CPU time used by some processes since construction (Linux /proc; processes not found are skipped).</summary>
internal sealed class CpuMeter
{
    private readonly List<(string Name, int Pid, TimeSpan Start)> _processes = [];

    public CpuMeter(params (string Name, int? Pid)[] processes)
    {
        foreach (var (name, pid) in processes)
            if (pid is { } id && Read(id) is { } start) _processes.Add((name, id, start));
    }

    /// <summary>CPU seconds per process since construction.</summary>
    public IEnumerable<(string Name, double Seconds)> Used() =>
        _processes.Select(p => (p.Name, ((Read(p.Pid) ?? p.Start) - p.Start).TotalSeconds));

    /// <summary>The process whose command line contains <paramref name="argument"/>, if any.</summary>
    public static int? FindByArgument(string argument)
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), out var pid)
                    && File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Contains(argument, StringComparison.Ordinal))
                    return pid;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static TimeSpan? Read(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
