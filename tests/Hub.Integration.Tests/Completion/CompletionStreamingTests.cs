using System.Diagnostics;
using Hub.Core.Completion;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Submissions;
using Hub.Integration.Tests.Ingestion;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Completion;

/// <summary>
/// Streaming: a large submission's registration result is written as its staged rows are read, never held. Runs with
/// the other memory tests, alone, since it measures the process's heap.
/// </summary>
[Collection(StreamingMemoryTests.Collection)]
public sealed class CompletionStreamingTests : IClassFixture<AzuriteFixture>
{
    private const int Rows = 100_000;
    private readonly AzuriteFixture _azurite;

    /// <summary>Creates the test on the shared Azurite.</summary>
    public CompletionStreamingTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task A_large_submissions_result_is_streamed_in_row_order_while_the_heap_stays_small()
    {
        var h = await CompletionHarness.CreateAsync(_azurite);
        const string employer = "S0001";
        var id = "S20261121-" + Guid.NewGuid().ToString("N")[..16];
        var now = h.Services.Clock.GetUtcNow();
        // The registration outcome of a long file, staged as RegisterMember leaves it: every tenth row refused.
        await h.Ingestion.Store.Table.AddEntityAsync(new SubmissionEntity
        {
            PartitionKey = id, EmployerCode = employer, FileName = "big.csv", Status = SubmissionStatus.Completed, ReceivedAt = now, CompletedAt = now,
            Rows = Rows, Accepted = Rows,
        });
        await h.Ingestion.Store.MarkRegistrationDueAsync(id, employer, now);
        var staged = h.Services.Storage.Table(HubStorage.Tables.StagedRows);
        await Parallel.ForEachAsync(Enumerable.Range(0, Rows / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var actions = new List<TableTransactionAction>(100);
            for (var i = batch * 100; i < (batch + 1) * 100; i++)
            {
                var row = StagedRow.Create(id, Record(employer, i + 2), null, null, now);
                row.Status = i % 10 == 9 ? StagedRowStatus.Rejected : StagedRowStatus.Registered;
                row.RejectionCode = i % 10 == 9 ? SubmissionErrorCodes.MyNumberBelongsToOtherMember : null;
                row.MemberId = i % 10 == 9 ? null : "m" + i.ToString("D24", System.Globalization.CultureInfo.InvariantCulture);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            }

            await staged.SubmitTransactionAsync(actions, ct);
        });

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
                try
                {
                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await h.Completion().CompleteAsync(id);
        watch.Stop();
        await stop.CancelAsync();
        await sampler;

        Assert.Equal(CompletionResult.Completed, result);
        var csv = (await h.ResultCsvAsync(employer, id))!;
        var json = (await h.ResultAsync(employer, id))!.Value;
        var counts = json.GetProperty("counts");
        Assert.Equal((Rows, Rows / 10 * 9, Rows / 10), (counts.GetProperty("accepted").GetInt32(), counts.GetProperty("registered").GetInt32(), counts.GetProperty("rejected").GetInt32()));
        var previous = 1;
        foreach (var row in json.GetProperty("rows").EnumerateArray())
        {
            var number = row.GetProperty("row").GetInt32();
            Assert.Equal(previous + 1, number);
            previous = number;
        }

        Assert.Equal(Rows + 1, previous);
        // Holding the rows would take far more than this (each staged row is ~1.5 KB as objects: ~150 MB; the result is ~13 MB
        // of CSV, twice that as a string, and more of JSON). What the writer does hold is fixed, whatever the row count
        // (~16 MB measured for 30k rows and for 100k): a page of 1,000 staged rows and the blob upload buffers.
        Assert.True(csv.Length > 12_000_000, $"{csv.Length:N0} bytes of CSV");
        Assert.True(peak < 32L * 1024 * 1024, $"the heap grew by {peak:N0} bytes while writing {Rows:N0} rows ({csv.Length:N0} bytes of CSV) in {watch.Elapsed}");
    }

    private static SubmissionRecord Record(string employer, int row) => new()
    {
        RowNumber = row,
        RecordType = RecordType.Insured,
        Action = SubmissionAction.Enroll,
        EmployerCode = employer,
        EmployeeId = $"E{row:D6}",
        NameKanji = "山田 " + new string('様', 30),
        NameKana = "ヤマダ " + new string('ア', 50),
        BirthDate = new DateOnly(1985, 4, 1),
        QualificationDate = new DateOnly(2026, 11, 1),
    };
}
