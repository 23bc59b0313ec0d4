using System.CommandLine;
using System.Diagnostics;
using Hub.Cli.Cli;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Documents.Models;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Domain.Submissions;
using Hub.LocalHost.Config;

namespace Hub.Cli.Bench;

/// <summary>
/// <c>./hub bench documents --count 2000</c>: 資格情報のお知らせ and 資格確認書 rendered in one process from member
/// records (the same mapping the pipeline uses), on one thread and on every core: documents/s and bytes per PDF.
/// Targets: ≥ 150/s on one core, ≤ 80 KB per notice.
/// </summary>
public sealed class DocumentsBenchmark : IBenchmark
{
    /// <inheritdoc />
    public Command Build()
    {
        var count = new Option<int>("--count") { Description = "Documents of each kind to render.", DefaultValueFactory = _ => 2000 };
        var command = new Command("documents", "Notices/s and certificates/s in one process, bytes per PDF.") { count };
        command.SetAction((parse, _) =>
        {
            var n = parse.GetValue(count);
            var values = LocalSettingsFile.Load(RepoRoot.Path).Values;
            var pipeline = MemberPipelineSettings.FromSettings(Settings.FromDictionary(values));
            var insurer = pipeline.RequireInsurer();
            var members = Enumerable.Range(0, n).Select(SyntheticMember).ToArray();
            var issue = new DateOnly(2026, 11, 21);
            var notices = new Hub.Documents.NoticeRenderer(pipeline.Documents);
            var certificates = new Hub.Documents.CertificateRenderer(pipeline.Documents);

            CliOutput.Progress("warming up…");
            for (var i = 0; i < Math.Min(300, n); i++) // enough for tiered JIT to settle before timing
            {
                notices.Render(MemberDocuments.Notice(members[i], MemberIds.NoticeId(members[i].MemberId, 1), issue, insurer, "9018"));
                certificates.Render(Certificate(members[i], issue, pipeline, insurer), CertificateLayout.Postcard);
            }

            var report = new BenchReport($"Documents ({n:N0} of each kind)");
            Measure(report, "資格情報のお知らせ (A4), 1 thread", n, 1, i =>
                notices.Render(MemberDocuments.Notice(members[i], MemberIds.NoticeId(members[i].MemberId, 1), issue, insurer, (1000 + i % 9000).ToString("D4"))));
            Measure(report, "資格確認書 (postcard), 1 thread", n, 1, i =>
                certificates.Render(Certificate(members[i], issue, pipeline, insurer), CertificateLayout.Postcard));
            Measure(report, "資格確認書 (A4), 1 thread", n, 1, i =>
                certificates.Render(Certificate(members[i], issue, pipeline, insurer), CertificateLayout.A4));
            Measure(report, $"資格情報のお知らせ (A4), {Environment.ProcessorCount} threads", n, Environment.ProcessorCount, i =>
                notices.Render(MemberDocuments.Notice(members[i], MemberIds.NoticeId(members[i].MemberId, 1), issue, insurer, "9018")));
            Measure(report, $"資格確認書 (postcard), {Environment.ProcessorCount} threads", n, Environment.ProcessorCount, i =>
                certificates.Render(Certificate(members[i], issue, pipeline, insurer), CertificateLayout.Postcard));
            report.Add("peak working set", $"{BenchReport.PeakWorkingSetMb():N0} MB");
            report.Print();
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Measure(BenchReport report, string name, int count, int threads, Func<int, byte[]> render)
    {
        CliOutput.Progress($"{name}…");
        long total = 0, max = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var bytes = render(i).Length;
            Interlocked.Add(ref total, bytes);
            long seen;
            while (bytes > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, bytes, seen) != seen)
            {
            }
        });
        watch.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        report.Add(name, $"{count / watch.Elapsed.TotalSeconds:N0} /s",
            $"{total / count / 1024.0:N1} KB avg, {max / 1024.0:N1} KB max; {watch.Elapsed.TotalSeconds:N1} s wall, {cpuUsed.TotalSeconds:N1} s CPU " +
            $"({count / cpuUsed.TotalSeconds:N0} per CPU-second)");
    }

    private static CertificateModel Certificate(Member member, DateOnly issue, MemberPipelineSettings settings, InsurerInfo insurer) =>
        MemberDocuments.Certificate(member, MemberIds.CertificateId(member.MemberId, 1),
            settings.ValidityPolicy.Compute(issue, member.BirthDate, member.LossDate), insurer);

    private static readonly string[] Surnames = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤"];
    private static readonly string[] SurnameKana = ["ヤマダ", "サトウ", "スズキ", "タカハシ", "タナカ", "ワタナベ", "イトウ", "ナカムラ", "コバヤシ", "カトウ"];
    private static readonly string[] Given = ["太郎", "花子", "一郎", "美咲", "健", "陽菜", "翔", "結衣"];
    private static readonly string[] GivenKana = ["タロウ", "ハナコ", "イチロウ", "ミサキ", "ケン", "ヒナ", "ショウ", "ユイ"];

    // Varied names, ages (some 70–74, with 負担割合) and roles, so the fonts' subsets and layouts vary as in real batches.
    private static Member SyntheticMember(int i)
    {
        var senior = i % 10 == 0;
        var birth = senior ? new DateOnly(1953, 1 + i % 12, 1 + i % 28) : new DateOnly(1960 + i % 40, 1 + i % 12, 1 + i % 28);
        var id = MemberIds.ForInsured("BENCH", $"B{i:D6}");
        return new Member
        {
            PartitionKey = id,
            EmployerCode = "BENCH",
            Role = i % 3 == 0 ? RecordType.Dependant : RecordType.Insured,
            Symbol = "BENCH",
            InsuredNumber = (1 + i / 3).ToString("D7"),
            BranchNumber = (i % 3).ToString("D2"),
            NameKanji = $"{Surnames[i % Surnames.Length]} {Given[i % Given.Length]}",
            NameKana = $"{SurnameKana[i % SurnameKana.Length]} {GivenKana[i % GivenKana.Length]}",
            BirthDate = birth,
            Sex = i % 2 == 0 ? Hub.Domain.Submissions.Sex.Male : Hub.Domain.Submissions.Sex.Female,
            QualificationDate = new DateOnly(2020 + i % 6, 4, 1),
            CardState = CardState.None,
            CopayRatio = senior ? CopayRatio.TwentyPercent : null,
        };
    }
}
