using System.Buffers;
using System.Text;
using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (<c>""</c> is a quote
/// inside them, and they may span lines), records ended by CRLF, LF or CR. Written by hand rather than with
/// CsvHelper to bound every row (ROW_TOO_LARGE instead of buffering a file whose quote never closes), to count
/// rows as a spreadsheet shows them (a quoted line break stays in its row), and to report syntax errors with
/// their row; it is also faster on this workload (see <c>./hub bench ingest</c>).
/// </summary>
/// <remarks>
/// Lenient where spreadsheets and hand edits are: a quote inside an unquoted field is kept as a character, and
/// spaces after a closing quote are ignored. Strict where data could be misread: any other character after a
/// closing quote, or a quote still open at the end of the file, is FILE_MALFORMED. A leading BOM (U+FEFF) is
/// dropped. One instance per stream; not thread-safe.
/// </remarks>
public sealed class CsvRecordReader : IDisposable
{
    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterQuoted,
    }

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n");

    private readonly TextReader _reader;
    private readonly int _maxRowChars;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(32 * 1024);
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _started;
    private bool _skipLf;
    private char[] _field = ArrayPool<char>.Shared.Rent(256);
    private int _fieldLen;
    private string?[] _cells = new string?[64];
    private int _count;
    private State _state;
    private int _nextRow = 1;
    private int _rowChars;

    /// <summary>Reads records from <paramref name="reader"/>; a record longer than <paramref name="maxRowChars"/> is ROW_TOO_LARGE.</summary>
    public CsvRecordReader(TextReader reader, int maxRowChars)
    {
        _reader = reader;
        _maxRowChars = maxRowChars;
    }

    /// <summary>The spreadsheet row of the current record (the first record is row 1).</summary>
    public int RowNumber { get; private set; }

    /// <summary>The cells of the current record (valid until the next read).</summary>
    public ReadOnlySpan<string?> Cells => _cells.AsSpan(0, _count);

    /// <summary>True when every cell of the current record is empty (blank lines, Excel's trailing <c>,,,</c> rows).</summary>
    public bool IsBlank
    {
        get
        {
            foreach (var cell in Cells)
                if (!string.IsNullOrWhiteSpace(cell)) return false;
            return true;
        }
    }

    /// <summary>Reads the next record; false at the end of the file.</summary>
    /// <exception cref="SubmissionFileException">ROW_TOO_LARGE or FILE_MALFORMED.</exception>
    /// <exception cref="SubmissionEncodingException">The bytes are not valid in the reader's encoding.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        _count = 0;
        _fieldLen = 0;
        _rowChars = 0;
        _state = State.FieldStart;
        RowNumber = _nextRow;
        while (true)
        {
            if (_pos >= _len && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_state is State.Quoted) throw Malformed("引用符（\"）が閉じられないままファイルが終わっています", "a quoted field is not closed before the end of the file");
                if (_rowChars == 0 && _count == 0 && _state == State.FieldStart) return false;
                EndField();
                _nextRow++;
                return true;
            }

            if (Parse()) return true;
        }
    }

    /// <summary>Parses from the buffer; true when a record ended, false when the buffer ran out first.</summary>
    private bool Parse()
    {
        var start = _pos;
        try
        {
            while (_pos < _len)
            {
                if (_skipLf)
                {
                    _skipLf = false;
                    if (_buffer[_pos] == '\n')
                    {
                        _pos++;
                        start = _pos;
                        continue;
                    }
                }

                switch (_state)
                {
                    case State.FieldStart:
                        if (_buffer[_pos] == '"')
                        {
                            _state = State.Quoted;
                            _pos++;
                            break;
                        }

                        _state = State.Unquoted;
                        goto case State.Unquoted;

                    case State.Unquoted:
                    {
                        var span = _buffer.AsSpan(_pos, _len - _pos);
                        var stop = span.IndexOfAny(UnquotedStops);
                        if (stop < 0)
                        {
                            Append(span);
                            _pos = _len;
                            break;
                        }

                        Append(span[..stop]);
                        _pos += stop;
                        if (EndOfFieldOrRecord()) return true;
                        break;
                    }

                    case State.Quoted:
                    {
                        var span = _buffer.AsSpan(_pos, _len - _pos);
                        var quote = span.IndexOf('"');
                        if (quote < 0)
                        {
                            Append(span);
                            _pos = _len;
                            break;
                        }

                        Append(span[..quote]);
                        _pos += quote + 1;
                        _state = State.QuoteInQuoted;
                        break;
                    }

                    case State.QuoteInQuoted:
                        if (_buffer[_pos] == '"')
                        {
                            Append("\"");
                            _pos++;
                            _state = State.Quoted;
                            break;
                        }

                        _state = State.AfterQuoted;
                        goto case State.AfterQuoted;

                    case State.AfterQuoted:
                    {
                        var c = _buffer[_pos];
                        if (c is ' ' or '\t')
                        {
                            _pos++;
                            break;
                        }

                        if (c is ',' or '\r' or '\n')
                        {
                            if (EndOfFieldOrRecord()) return true;
                            break;
                        }

                        throw Malformed("閉じ引用符（\"）の後に余分な文字があります", "unexpected characters after a closing quote");
                    }
                }
            }

            return false;
        }
        finally
        {
            _rowChars += _pos - start;
            if (_rowChars > _maxRowChars) throw new SubmissionFileException(SubmissionFileErrors.RowTooLarge(RowNumber, _maxRowChars));
        }
    }

    /// <summary>At a comma, CR or LF outside quotes: ends the field; true when it also ends the record.</summary>
    private bool EndOfFieldOrRecord()
    {
        var c = _buffer[_pos++];
        EndField();
        if (c == ',')
        {
            _state = State.FieldStart;
            return false;
        }

        _skipLf = c == '\r';
        _nextRow++;
        return true;
    }

    private void EndField()
    {
        if (_count == _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
        _cells[_count++] = _fieldLen == 0 ? string.Empty : new string(_field, 0, _fieldLen);
        _fieldLen = 0;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        if (_fieldLen + chars.Length > _field.Length)
        {
            // Bounded by the row limit: Parse throws ROW_TOO_LARGE once the record passes it.
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_field.Length * 2, _fieldLen + chars.Length));
            _field.AsSpan(0, _fieldLen).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_field);
            _field = bigger;
        }

        chars.CopyTo(_field.AsSpan(_fieldLen));
        _fieldLen += chars.Length;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof) return false;
        try
        {
            _len = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException e)
        {
            throw new SubmissionEncodingException(RowNumber, e);
        }

        _pos = 0;
        if (_len == 0)
        {
            _eof = true;
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (_buffer[0] == '\uFEFF') _pos = 1;
            if (_pos >= _len) return await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private SubmissionFileException Malformed(string ja, string en) => new(SubmissionFileErrors.FileMalformed(RowNumber, ja, en));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<char>.Shared.Return(_buffer);
        if (_field.Length > 0) ArrayPool<char>.Shared.Return(_field);
        _buffer = [];
        _field = [];
        _reader.Dispose();
    }
}
