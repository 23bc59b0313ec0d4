using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hub.Cli.Cli;
using Hub.Core;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Core.Storage;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;
using Hub.LocalHost.Azurite;
using Hub.LocalHost.Config;
using Hub.Storage.Tables;

namespace Hub.Cli.Bench;

/// <summary>
/// <c>./hub bench reminders --members 20000,100000,200000 [--due 1000]</c>: the daily sweep (the code behind both timers,
/// in process) against Azurite holding N members, the same number due each swept day — to show its cost follows the
/// members due, not the member count. Members and their ActionIndex entries are seeded directly (members one insert each,
/// index entries in batches of 100), not through the pipeline. Three consecutive days are swept at each size, each with
/// its own due members — 3 in 5 the 30-day e-certificate window (a letter), 1 in 5 the first grace day (a letter), 1 in 5
/// a departure abroad without 国外継続利用申請 (the card lapses: a certificate hand-off); their next reminders fall after
/// the last swept day, and everyone else is indexed on a later date, so each day's sweep has exactly its own members.
/// A probe of member point reads at each size shows the emulator's own per-operation cost. Each size runs in a fresh
/// in-memory Azurite.
/// </summary>
public sealed class ReminderBenchmark : IBenchmark
{
    private static readonly DateOnly[] Days = [new(2027, 3, 1), new(2027, 3, 2), new(2027, 3, 3)];
    private const int Employers = 20;
    private const int WarmUpMembers = 40;
    private const string WarmUpEmployer = "W0000";

    /// <inheritdoc />
    public Command Build()
    {
        var members = new Option<string>("--members") { Description = "Member counts, comma-separated (e.g. 20000,100000,200000).", DefaultValueFactory = _ => "20000" };
        var due = new Option<int>("--due") { Description = "Members due on each swept day (the same at every size).", DefaultValueFactory = _ => 1000 };
        var command = new Command("reminders", "The daily reminder sweep at N members with the same number due: time per sweep and per member, index read, emulator probe.")
        {
            members, due,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sizes = parse.GetValue(members)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
            var dueCount = Math.Max(1, parse.GetValue(due));
            var report = new BenchReport($"Reminder sweep, {dueCount:N0} members due per day, {Days.Length} days per size (Azurite in memory, in process, 8 members at once)");
            foreach (var n in sizes)
            {
                var size = Math.Max(n, dueCount * Days.Length);
                var row = await RunAsync(size, dueCount, ct);
                var sweeps = row.Sweeps.Order().ToList();
                report.Add($"{size:N0} members: sweep (min / median)", $"{sweeps[0].TotalSeconds:N2} s / {sweeps[sweeps.Count / 2].TotalSeconds:N2} s",
                    $"{row.Sent:N0} sent per day ({row.Letters:N0} letters, {row.HandOffs:N0} hand-offs); {sweeps[0].TotalMilliseconds / dueCount:N1} ms per due member");
                report.Add($"{size:N0} members: index range query", $"{row.Query.TotalMilliseconds:N0} ms", $"{row.EntriesRead:N0} entries read of {size + WarmUpMembers:N0} indexed");
                report.Add($"{size:N0} members: rerun", $"{row.Rerun.TotalMilliseconds:N0} ms", "nothing due: nothing read, nothing sent");
                report.Add($"{size:N0} members: emulator probe", $"{row.Probe.TotalMilliseconds / ProbeReads * 8:N2} ms/read",
                    $"{ProbeReads:N0} member point reads, 8 in flight (Azurite's per-operation cost at this size)");
                report.Add($"{size:N0} members: seeding", $"{row.Seeding.TotalSeconds:N0} s", "members and index entries written directly (not timed)");
            }
            report.Add("peak working set", $"{BenchReport.PeakWorkingSetMb():N0} MB", "this process");
            report.Print();
            return 0;
        });
        return command;
    }

    private const int ProbeReads = 1000;

    private sealed record Row(TimeSpan Seeding, TimeSpan Query, int EntriesRead, List<TimeSpan> Sweeps, int Sent, int Letters, int HandOffs, TimeSpan Rerun, TimeSpan Probe);

    private static async Task<Row> RunAsync(int members, int due, CancellationToken ct)
    {
        CliOutput.Progress($"{members:N0} members: starting Azurite (in memory)…");
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = RepoRoot.Path }, ct);
        var values = new Dictionary<string, string>(LocalSettingsFile.Load(RepoRoot.Path,
            LocalSettingsFile.StorageOverrides(azurite.DefaultAccount.ToConnectionString())).Values);
        var hub = Services(values, Days[0]);
        await hub.Storage.EnsureCreatedAsync(ct);

        var seeding = Stopwatch.StartNew();
        var ids = await SeedAsync(hub, members, due, ct);
        seeding.Stop();

        var table = hub.Storage.Table(HubStorage.Tables.Members);
        var probe = Stopwatch.StartNew();
        await BenchReport.ParallelAsync(ProbeReads, 8, i => table.GetEntityIfExistsAsync<Member>(ids[(int)((long)i * 7919 % ids.Count)], Core.Members.Member.EntityRowKey, cancellationToken: ct));
        probe.Stop();

        var sweeps = new List<TimeSpan>();
        TimeSpan query = default, rerun = default;
        int entriesRead = 0, sent = 0, letters = 0, handOffs = 0;
        foreach (var day in Days)
        {
            var sweep = new ReminderSweep(new MemberPipeline(Services(values, day)));
            if (day == Days[0])
            {
                // Warm-up on a separate employer: fonts, the PDF runtime and the code paths load once per process, not per sweep.
                await sweep.CompleteAsync(await sweep.RunAsync(ReminderKind.All, new ReminderRunOptions { Actor = "bench", EmployerCode = WarmUpEmployer }, ct), ct);
                var watch = Stopwatch.StartNew();
                entriesRead = (await sweep.DueEntriesAsync(day, cancellationToken: ct)).Count;
                query = watch.Elapsed;
            }
            CliOutput.Progress($"{members:N0} members: sweeping {day:yyyy-MM-dd}…");
            var result = await sweep.RunAsync(ReminderKind.All, new ReminderRunOptions { Actor = "bench" }, ct);
            await sweep.CompleteAsync(result, ct);
            if (!result.Failures.IsEmpty) CliOutput.Warn($"{result.Failures.Count} member(s) failed: {string.Join(", ", result.Failures.Take(3).Select(f => f.Error))}");
            sweeps.Add(result.Elapsed);
            (sent, letters, handOffs) = (result.Sent.Count, result.Sent.Count(s => s.LetterBlob is not null), result.CertificateRequests.Count);
            if (day == Days[^1])
                rerun = (await sweep.RunAsync(ReminderKind.All, new ReminderRunOptions { Actor = "bench" }, ct)).Elapsed;
        }
        return new Row(seeding.Elapsed, query, entriesRead, sweeps, sent, letters, handOffs, rerun, probe.Elapsed);
    }

    private static HubServices Services(Dictionary<string, string> values, DateOnly day) =>
        new(Core.Configuration.Settings.FromDictionary(new Dictionary<string, string>(values)
        {
            ["Hub__Clock__AsOf"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));

    /// <summary>Writes the members and their index entries; returns the member ids.</summary>
    private static async Task<List<string>> SeedAsync(HubServices hub, int members, int due, CancellationToken ct)
    {
        var table = hub.Storage.Table(HubStorage.Tables.Members);
        var index = hub.Storage.Table(HubStorage.Tables.ActionIndex);
        for (var e = 0; e < Employers; e++)
            await hub.Employers.AddOrUpdateAsync(EmployerCode(e), $"ベンチマーク事業所{e}", cancellationToken: ct);
        await hub.Employers.AddOrUpdateAsync(WarmUpEmployer, "ウォームアップ事業所", cancellationToken: ct);
        var now = hub.Clock.GetUtcNow();
        var written = 0;
        var entries = new System.Collections.Concurrent.ConcurrentBag<(DateOnly Date, string MemberId, string Employer)>();
        await BenchReport.ParallelAsync(members + WarmUpMembers, 32, async i =>
        {
            var member = i < members
                ? NewMember(i, EmployerCode(i % Employers), i < due * Days.Length ? Days[i / due] : null, i, now)
                : NewMember(i - members, WarmUpEmployer, Days[0], i - members, now);
            await table.AddEntityAsync(member, ct);
            entries.Add((member.NextActionDate!.Value, member.MemberId, member.EmployerCode));
            if (Interlocked.Increment(ref written) % 20_000 == 0) CliOutput.Progress($"  {written:N0} members written");
        });
        var batches = entries.GroupBy(e => e.Date).SelectMany(g => g.Chunk(100)).ToList();
        await BenchReport.ParallelAsync(batches.Count, 8, b => index.SubmitTransactionAsync(batches[b].Select(e =>
            new TableTransactionAction(TableTransactionActionType.Add, new ActionIndexEntry
            {
                PartitionKey = MemberActionIndex.PartitionFor(e.Date), RowKey = e.MemberId, EmployerCode = e.Employer,
            })), ct));
        return entries.Select(e => e.MemberId).ToList();
    }

    /// <summary>
    /// A member with a registered card. Due on <paramref name="dueOn"/>: 3 in 5 the 30-day e-certificate window, 1 in 5 the
    /// first grace day (expired the day before), 1 in 5 leaving Japan that day without filing. Not due: the e-certificate
    /// expires 4 months to 5 years after the last swept day, indexed 90 days before.
    /// </summary>
    private static Member NewMember(int i, string employer, DateOnly? dueOn, int variant, DateTimeOffset now)
    {
        var eCert = dueOn is not { } d ? Days[^1].AddDays(120 + i % 1700)
            : (variant % 5) switch
            {
                3 => d.AddDays(-1),
                4 => d.AddYears(2),
                _ => d.AddDays(30),
            };
        return new Member
        {
            PartitionKey = MemberIds.ForInsured(employer, $"B{i:D7}"),
            EmployerCode = employer,
            EmployeeId = $"B{i:D7}",
            Role = RecordType.Insured,
            Symbol = employer,
            InsuredNumber = (i / Employers + 1).ToString("D7", CultureInfo.InvariantCulture),
            BranchNumber = "00",
            NameKanji = "試験 太郎",
            NameKana = "シケン タロウ",
            BirthDate = new DateOnly(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            Sex = Sex.Male,
            QualificationDate = new DateOnly(2020, 4, 1),
            CardState = CardState.Registered,
            CardExpiryDate = eCert.AddYears(5),
            EcertExpiryDate = eCert,
            RegisteredAt = now,
            UpdatedAt = now,
            SettledAt = now,
            NoticeVersion = 1,
            NoticeIssuedVersion = 1,
            CertificateStatus = CertificateStatuses.NotRequired,
            DepartureDate = dueOn is { } leaves && variant % 5 == 4 ? leaves : null,
            OverseasContinuationFiled = dueOn is not null && variant % 5 == 4 ? false : null,
            Nationality = Nationality.Japanese,
            NextActionDate = dueOn ?? eCert.AddDays(-90),
        };
    }

    private static string EmployerCode(int e) => $"B{e:D4}";
}
