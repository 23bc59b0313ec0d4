using System.Text;
using Hub.Core.Ingestion;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Streaming: what a scan holds while it reads a large file. Runs alone, since it measures the process's heap.</summary>
[Collection(StreamingMemoryTests.Collection)]
public sealed class StreamingMemoryTests
{
    /// <summary>The collection of tests that must not share the process with tests running in parallel.</summary>
    public const string Collection = "Memory (runs alone)";

    private const string Employer = "E0001";

    /// <summary>
    /// Streaming: a file far larger than what the scan may hold is read through a stream that produces it on the fly,
    /// twice, while the managed heap stays small — neither the file nor its rows are ever held whole.
    /// </summary>
    [Fact]
    public async Task A_file_of_100k_rows_is_scanned_as_a_stream_without_being_held_in_memory()
    {
        const int rowCount = 100_000;
        SubmissionContentOpener open = _ => Task.FromResult<Stream>(new GeneratedCsvStream(rowCount, i => TestFiles.Insured(Employer, $"E{i:D6}",
            Hub.Domain.Identifiers.MyNumber.FromBody(40_000_000_000 + i).RevealDigits(), name: "山田 " + new string('様', 37), kana: "ヤマダ " + new string('ア', 56))));
        var scan = new SubmissionScan(Employer, new DateOnly(2026, 11, 21), new IngestionSettings { MaxFileBytes = long.MaxValue }, null);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        await scan.CollectAsync(open, CancellationToken.None);
        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
        var accepted = 0;
        await scan.ValidateAsync(open, row =>
        {
            if (row.IsAccepted) accepted++;
            if (row.RowNumber % 20_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(rowCount, accepted);
        Assert.True(scan.Bytes > 20L * 1024 * 1024, $"{scan.Bytes} bytes");
        // Pass 1 keeps per row only what the cross-row rules need (the employee id and a My Number key in two dictionaries,
        // ~160 bytes), whatever the row's size; the file itself (~230 bytes a row here, twice that as .NET strings) is never held.
        Assert.True(peak < rowCount * 200L && peak < scan.Bytes, $"the heap grew by {peak:N0} bytes for {rowCount:N0} rows, a {scan.Bytes:N0}-byte file");
    }
}

/// <summary>Runs <see cref="StreamingMemoryTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(StreamingMemoryTests.Collection, DisableParallelization = true)]
public sealed class StreamingMemoryCollection;

/// <summary>A read-only, non-seekable CSV stream (UTF-8) whose rows are generated as they are read.</summary>
internal sealed class GeneratedCsvStream(int rows, Func<int, string> row) : Stream
{
    private byte[] _pending = Encoding.UTF8.GetBytes(TestFiles.Header + "\r\n");
    private int _offset;
    private int _next;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            if (_next == rows) return 0;
            _pending = Encoding.UTF8.GetBytes(row(_next++) + "\r\n");
            _offset = 0;
        }

        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
