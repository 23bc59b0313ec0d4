using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>The RFC 4180 reader: quoting, line endings, row numbering, limits and syntax errors, across buffer boundaries.</summary>
public sealed class CsvRecordReaderTests
{
    /// <summary>A reader that hands out at most <paramref name="chunk"/> characters per read, to cross every buffer boundary.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _pos);
            text.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }

    private static async Task<List<(int Row, string?[] Cells)>> ReadAllAsync(string text, int chunk = 4096, int maxRow = 64 * 1024)
    {
        using var reader = new CsvRecordReader(new TrickleReader(text, chunk), maxRow);
        var records = new List<(int, string?[])>();
        while (await reader.ReadAsync()) records.Add((reader.RowNumber, reader.Cells.ToArray()));
        return records;
    }

    private static string[] Cells((int Row, string?[] Cells) record) => record.Cells.Select(c => c!).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Quoted_fields_keep_commas_quotes_and_line_breaks_and_rows_count_as_a_spreadsheet_shows_them(int chunk)
    {
        var text = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,  spaced  ,\r\n\r\nlast,\"\",end";
        var records = await ReadAllAsync(text, chunk);
        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Row));
        Assert.Equal(["a", "b", "c"], Cells(records[0]));
        Assert.Equal(["x,1", "say \"hi\"", "two\r\nlines"], Cells(records[1]));
        Assert.Equal(["plain", "  spaced  ", ""], Cells(records[2]));
        Assert.Equal([""], Cells(records[3])); // the blank line: a record the source skips, its row still counted
        Assert.Equal(["last", "", "end"], Cells(records[4]));
    }

    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\r\nc,d")]
    [InlineData("\uFEFFa,b\r\nc,d\r\n")]
    public async Task Every_line_ending_works_and_a_bom_is_dropped(string text)
    {
        foreach (var chunk in new[] { 1, 3, 4096 })
        {
            var records = await ReadAllAsync(text, chunk);
            Assert.Equal([1, 2], records.Select(r => r.Row));
            Assert.Equal(["a", "b"], Cells(records[0]));
            Assert.Equal(["c", "d"], Cells(records[1]));
        }
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_a_character_and_spaces_after_a_closing_quote_are_ignored()
    {
        var records = await ReadAllAsync("12\" monitor,\"x\"  ,y\r\n");
        Assert.Equal(["12\" monitor", "x", "y"], Cells(records[0]));
    }

    [Fact]
    public async Task Characters_after_a_closing_quote_are_malformed_with_the_row()
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync("a,b\r\nok,fine\r\n\"x\"y,z\r\n"));
        var error = Assert.Single(e.Errors);
        Assert.Equal((SubmissionErrorCodes.FileMalformed, 3), (error.Code, error.Row));
        Assert.Contains("閉じ引用符", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_left_open_is_malformed_at_the_row_where_it_opened()
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync("a,b\r\n\"open,b\r\nc,d\r\n"));
        Assert.Equal((SubmissionErrorCodes.FileMalformed, 2), (e.Errors[0].Code, e.Errors[0].Row));
        Assert.Contains("not closed", e.Errors[0].MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task A_row_over_the_limit_is_row_too_large_with_its_number(int chunk)
    {
        var text = "a,b\r\nshort,row\r\n\"" + new string('x', 5000) + "\",y\r\n";
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync(text, chunk, maxRow: 1000));
        Assert.Equal((SubmissionErrorCodes.RowTooLarge, 3), (e.Errors[0].Code, e.Errors[0].Row));
        var ok = await ReadAllAsync(text, chunk, maxRow: 6000);
        Assert.Equal(3, ok.Count);
    }

    [Fact]
    public async Task Invalid_bytes_surface_as_an_encoding_error_with_the_row()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\r\nc,d\r\n").Concat(new byte[] { 0xFF, 0xFE, (byte)',', (byte)'x' }).ToArray();
        using var reader = new CsvRecordReader(new StreamReader(new MemoryStream(bytes), TextEncodings.Utf8Strict), 1000);
        await Assert.ThrowsAsync<SubmissionEncodingException>(async () =>
        {
            while (await reader.ReadAsync())
            {
            }
        });
    }

    [Fact]
    public void Any_table_written_the_rfc_4180_way_reads_back_cell_for_cell_whatever_the_chunking()
    {
        var cell = Gen.Elements("", "a", ",", "\"", "\r", "\n", "\r\n", " ", "山田", "ｱ", "=1+1", "x\"y", "😀", "\t")
            .ArrayOf().Select(parts => string.Concat(parts));
        var row = Gen.Choose(1, 5).SelectMany(n => cell.ArrayOf(n));
        var table = Gen.Choose(1, 6).SelectMany(n => row.ArrayOf(n));
        Prop.ForAll(table.ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (rows, chunk) =>
        {
            // A single empty cell would be a blank line; the reader returns it as one empty cell too, so it round-trips.
            var text = string.Concat(rows.Select(r => string.Join(",", r.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")) + "\r\n"));
            var read = ReadAllAsync(text, chunk).GetAwaiter().GetResult();
            Assert.Equal(rows.Length, read.Count);
            for (var i = 0; i < rows.Length; i++) Assert.Equal(rows[i], Cells(read[i]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
