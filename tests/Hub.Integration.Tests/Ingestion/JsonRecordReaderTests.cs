using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>The JSON submission reader: one object per row, keys as headers, values as cells, bounded and streamed.</summary>
public sealed class JsonRecordReaderTests
{
    /// <summary>A stream that returns at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }

    private static async Task<List<(int Row, string?[] Cells)>> ReadAllAsync(string json, int chunk = 1 << 16, int maxRow = 64 * 1024, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        using var reader = new JsonRecordReader(new TrickleStream(bytes, chunk), maxRow);
        var rows = new List<(int, string?[])>();
        while (await reader.ReadAsync()) rows.Add((reader.RowNumber, reader.Cells.ToArray()));
        return rows;
    }

    private static string? Cell(string?[] cells, SubmissionColumn column) => cells[JsonRecordReader.Header.PositionOf(column)];

    [Theory]
    [InlineData(1, false)]
    [InlineData(5, true)]
    [InlineData(65536, false)]
    public async Task Objects_become_rows_with_keys_matched_like_headers_and_values_as_written(int chunk, bool bom)
    {
        var json = """
            [
              {"record_type": "insured", "個人番号": 123456789018, "氏名": "山田 太郎", "BIRTH-DATE": "昭和60年4月1日", "certificate_request": false, "#社内": {"x": 1}, "備考": "memo", "sex": null},
              {"対象区分": "被扶養者", "my_number": "1234-5678-9018", "overseas_continuation_filed": true}
            ]
            """;
        await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync(json, chunk, bom: bom)); // an object value is refused even under a # key
        var rows = await ReadAllAsync(json.Replace("{\"x\": 1}", "\"own column\"", StringComparison.Ordinal), chunk, bom: bom);
        Assert.Equal([1, 2], rows.Select(r => r.Row));
        var first = rows[0].Cells;
        Assert.Equal("insured", Cell(first, SubmissionColumn.RecordType));
        Assert.Equal("123456789018", Cell(first, SubmissionColumn.MyNumber));
        Assert.Equal("山田 太郎", Cell(first, SubmissionColumn.NameKanji));
        Assert.Equal("昭和60年4月1日", Cell(first, SubmissionColumn.BirthDate));
        Assert.Equal("false", Cell(first, SubmissionColumn.CertificateRequest));
        Assert.Null(Cell(first, SubmissionColumn.Sex));
        var second = rows[1].Cells;
        Assert.Equal("被扶養者", Cell(second, SubmissionColumn.RecordType));
        Assert.Null(Cell(second, SubmissionColumn.NameKanji)); // keys an object leaves out are empty cells
        Assert.Equal("true", Cell(second, SubmissionColumn.OverseasContinuationFiled));
    }

    [Fact]
    public async Task An_unknown_key_refuses_the_file_with_the_same_suggestion_a_csv_header_gets()
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync("""[{"record_type":"insured"},{"my_numbr":"1"}]"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal(SubmissionErrorCodes.UnknownColumn, error.Code);
        Assert.Equal(SubmissionHeader.Resolve(["my_numbr"]).Errors.Single(x => x.Code == SubmissionErrorCodes.UnknownColumn), error);
        Assert.Contains("my_number", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_keys_naming_one_column_refuse_the_file()
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync("""[{"my_number":"1","個人番号":"2"}]"""));
        Assert.Equal(SubmissionErrorCodes.DuplicateColumn, Assert.Single(e.Errors).Code);
    }

    [Theory]
    [InlineData("""[{"a":1}, 42]""", "not an object")]
    [InlineData("""[{"record_type":["insured"]}]""", "object or array")]
    [InlineData("""[{"record_type":"insured"}] trailing""", "after the array")]
    [InlineData("""[{"record_type":"insured"},""", "invalid JSON syntax")]
    [InlineData("""[{"record_type":"insured"}""", "cut off")]
    [InlineData("""[{"record_type":"insured" "x"}]""", "invalid JSON syntax")]
    public async Task Broken_structure_is_malformed_near_the_object(string json, string detail)
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync(json.Replace("{\"a\":1}", "{\"record_type\":\"insured\"}", StringComparison.Ordinal), chunk: 3));
        var error = Assert.Single(e.Errors);
        Assert.Equal(SubmissionErrorCodes.FileMalformed, error.Code);
        Assert.Contains(detail, error.MessageEn, StringComparison.Ordinal);
        Assert.NotNull(error.Row);
    }

    [Fact]
    public async Task A_top_level_object_is_unsupported()
    {
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync("""{"rows":[]}"""));
        Assert.Equal(SubmissionErrorCodes.UnsupportedFormat, Assert.Single(e.Errors).Code);
    }

    [Fact]
    public async Task An_object_over_the_row_limit_is_row_too_large_without_being_buffered_whole()
    {
        var json = "[{\"record_type\":\"insured\"},{\"note\":\"" + new string('x', 200_000) + "\"}]";
        var e = await Assert.ThrowsAsync<SubmissionFileException>(() => ReadAllAsync(json, chunk: 4096, maxRow: 10_000));
        Assert.Equal((SubmissionErrorCodes.RowTooLarge, 2), (e.Errors[0].Code, e.Errors[0].Row));
    }

    [Fact]
    public async Task Invalid_utf8_is_an_encoding_error()
    {
        var bytes = Encoding.UTF8.GetBytes("[{\"name_kanji\":\"ab\"}]");
        bytes[16] = 0xFF;
        using var reader = new JsonRecordReader(new MemoryStream(bytes), 1000);
        await Assert.ThrowsAsync<SubmissionEncodingException>(async () => await reader.ReadAsync());
    }
}
