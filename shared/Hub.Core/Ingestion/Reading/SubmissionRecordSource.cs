using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// The rows of one pass over a submission, whatever its syntax: the resolved header, then each data row with
/// its number and cells. CSV blank records are skipped (their row numbers stay counted, as in a spreadsheet).
/// </summary>
public sealed class SubmissionRecordSource : IDisposable
{
    private readonly CsvRecordReader? _csv;
    private readonly JsonRecordReader? _json;

    private SubmissionRecordSource(CsvRecordReader? csv, JsonRecordReader? json, SubmissionHeader header)
    {
        _csv = csv;
        _json = json;
        Header = header;
    }

    /// <summary>The header rows are read with.</summary>
    public SubmissionHeader Header { get; }

    /// <summary>The current row's number (CSV: spreadsheet row, header = 1; JSON: object position from 1).</summary>
    public int RowNumber => _csv?.RowNumber ?? _json!.RowNumber;

    /// <summary>The current row's cells in header order.</summary>
    public ReadOnlySpan<string?> Cells => _csv is not null ? _csv.Cells : _json!.Cells;

    /// <summary>Opens <paramref name="content"/> (disposed with the source) and reads the header.</summary>
    /// <exception cref="SubmissionFileException">FILE_EMPTY, MISSING_COLUMN, UNKNOWN_COLUMN, DUPLICATE_COLUMN, or a syntax error in the header.</exception>
    /// <exception cref="SubmissionEncodingException">Invalid bytes in the header.</exception>
    public static async Task<SubmissionRecordSource> OpenAsync(Stream content, SubmissionFileFormat format, int maxRowChars, CancellationToken cancellationToken)
    {
        if (format.Syntax == SubmissionSyntax.Json)
            return new SubmissionRecordSource(null, new JsonRecordReader(content, maxRowChars), JsonRecordReader.Header);

        var text = new StreamReader(content, TextEncodings.For(format.Encoding), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var csv = new CsvRecordReader(text, maxRowChars);
        try
        {
            while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (csv.IsBlank) continue;
                var resolution = SubmissionHeader.Resolve(csv.Cells.ToArray());
                if (!resolution.IsValid) throw new SubmissionFileException(resolution.Errors);
                return new SubmissionRecordSource(csv, null, resolution.Header!);
            }

            throw new SubmissionFileException(SubmissionFileErrors.NoHeader());
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next data row; false at the end.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_json is not null) return await _json.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await _csv!.ReadAsync(cancellationToken).ConfigureAwait(false))
            if (!_csv.IsBlank) return true;
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _csv?.Dispose();
        _json?.Dispose();
    }
}
