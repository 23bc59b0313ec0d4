using System.CommandLine;
using Hub.Cli.Cli;
using Hub.LocalHost.Azurite;
using Hub.Storage.Tables;

namespace Hub.Cli.Bench;

/// <summary><c>./hub bench storage</c>: entity inserts (single and batched) and 50 KB blob uploads into Azurite.</summary>
public sealed class StorageBenchmark : IBenchmark
{
    /// <inheritdoc />
    public Command Build()
    {
        var entities = new Option<int>("--entities") { Description = "Entities per insert measurement.", DefaultValueFactory = _ => 5000 };
        var blobs = new Option<int>("--blobs") { Description = "50 KB blobs to upload.", DefaultValueFactory = _ => 1000 };
        var command = new Command("storage", "Entities/s (single and batches of 100) and 50 KB blob uploads/s against Azurite.") { entities, blobs };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(entities), b = parse.GetValue(blobs);
            CliOutput.Progress("starting Azurite (in memory)…");
            await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { NodeModulesRoot = RepoRoot.Path }, ct);
            var tables = azurite.DefaultAccount.CreateTableServiceClient();
            var report = new BenchReport("Storage clients against Azurite");

            var single = tables.GetTableClient("benchsingle");
            await single.CreateIfNotExistsAsync(ct);
            await WarmUpAsync(single, ct);
            var (t1, r1) = await BenchReport.TimeAsync(n, () => BenchReport.ParallelAsync(n, 1, i =>
                single.AddEntityAsync(Entity("p" + i % 50, "r" + i), ct)));
            report.Add("single inserts, 1 in flight", $"{r1:N0} entities/s", $"{n:N0} in {t1.TotalSeconds:N1} s");

            var parallel = tables.GetTableClient("benchparallel");
            await parallel.CreateIfNotExistsAsync(ct);
            var (t2, r2) = await BenchReport.TimeAsync(n, () => BenchReport.ParallelAsync(n, 16, i =>
                parallel.AddEntityAsync(Entity("p" + i % 50, "r" + i), ct)));
            report.Add("single inserts, 16 in flight", $"{r2:N0} entities/s", $"{n:N0} in {t2.TotalSeconds:N1} s");

            var batched = tables.GetTableClient("benchbatched");
            await batched.CreateIfNotExistsAsync(ct);
            var batches = n / 100;
            var (t3, r3) = await BenchReport.TimeAsync(batches * 100, () => BenchReport.ParallelAsync(batches, 4, i =>
                batched.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(j =>
                    new TableTransactionAction(TableTransactionActionType.Add, Entity("b" + i, "r" + j))), ct)));
            report.Add("batched inserts (100 per batch), 4 in flight", $"{r3:N0} entities/s", $"{batches:N0} batches in {t3.TotalSeconds:N1} s");

            var container = azurite.DefaultAccount.CreateBlobServiceClient().GetBlobContainerClient("bench");
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            var content = BinaryData.FromBytes(new byte[50 * 1024]);
            var (t4, r4) = await BenchReport.TimeAsync(b, () => BenchReport.ParallelAsync(b, 8, i =>
                container.GetBlobClient($"blob-{i}").UploadAsync(content, overwrite: true, cancellationToken: ct)));
            report.Add("50 KB blob uploads, 8 in flight", $"{r4:N0} blobs/s", $"{b:N0} in {t4.TotalSeconds:N1} s ({r4 * 50 / 1024:N1} MB/s)");
            report.Print();
            return 0;
        });
        return command;
    }

    private static TableEntity Entity(string pk, string rk) => new(pk, rk)
    {
        ["Name"] = "協会 太郎",
        ["Count"] = 42,
        ["When"] = DateTimeOffset.UtcNow,
    };

    private static async Task WarmUpAsync(TableClient table, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++) await table.UpsertEntityAsync(Entity("warm", "w" + i), cancellationToken: ct);
    }
}
