using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Hub.Domain.Submissions;
using Hub.Domain.Text;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// Streams a JSON submission: one array whose elements are objects, each object one row (row numbers count
/// the objects from 1). Keys are header names (canonical, Japanese label or alias, as in CSV); values are
/// strings, numbers (kept as written, so <c>123456789018</c> works), booleans or null. Only one object is
/// buffered at a time, bounded by the row limit (ROW_TOO_LARGE).
/// </summary>
/// <remarks>
/// Every object is read against one fixed header holding every column, so a key an object leaves out is an
/// empty cell (REQUIRED where the row needs it) rather than a file-level MISSING_COLUMN. As in a CSV header, an
/// unknown key is fatal (UNKNOWN_COLUMN, with the same suggestion), two keys naming one column are fatal
/// (DUPLICATE_COLUMN), and keys starting with <c>#</c> and the note column are ignored.
/// </remarks>
public sealed class JsonRecordReader : IDisposable
{
    private const int IgnoredKey = -1;

    private static readonly SubmissionColumn[] Columns = Enum.GetValues<SubmissionColumn>().Where(c => c != SubmissionColumn.Note).ToArray();

    private readonly Stream _stream;
    private readonly int _maxRowBytes;
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _objectKeys = [];
    private readonly string?[] _cells = new string?[Columns.Length];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _begun;
    private bool _done;
    private bool _bomChecked;
    private JsonReaderState _state;

    /// <summary>Reads objects from <paramref name="stream"/> (UTF-8); an object over <paramref name="maxRowBytes"/> is ROW_TOO_LARGE.</summary>
    public JsonRecordReader(Stream stream, int maxRowBytes)
    {
        _stream = stream;
        _maxRowBytes = maxRowBytes;
    }

    /// <summary>The header every object is read against: every column except the note, in catalogue order.</summary>
    public static SubmissionHeader Header { get; } = SubmissionHeader.FromColumns(Columns);

    /// <summary>The 1-based position of the current object in the array.</summary>
    public int RowNumber { get; private set; }

    /// <summary>The current object's values in <see cref="Header"/> order (valid until the next read).</summary>
    public ReadOnlySpan<string?> Cells => _cells;

    /// <summary>Reads the next object; false after the closing bracket.</summary>
    /// <exception cref="SubmissionFileException">UNSUPPORTED_FORMAT, FILE_MALFORMED, ROW_TOO_LARGE, UNKNOWN_COLUMN, DUPLICATE_COLUMN.</exception>
    /// <exception cref="SubmissionEncodingException">The bytes are not UTF-8.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!_done)
        {
            switch (TryNext())
            {
                case Step.Row:
                    return true;
                case Step.End:
                    _done = true;
                    await EnsureOnlyWhitespaceFollowsAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                default:
                    if (_eof) throw SyntaxError();
                    if (_end - _start > _maxRowBytes) throw new SubmissionFileException(SubmissionFileErrors.RowTooLarge(RowNumber + 1, _maxRowBytes));
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        return false;
    }

    private enum Step
    {
        NeedMore,
        Row,
        End,
    }

    private Step TryNext()
    {
        try
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            if (!_begun)
            {
                if (!reader.Read()) return Step.NeedMore;
                if (reader.TokenType != JsonTokenType.StartArray) throw new SubmissionFileException(SubmissionFileErrors.UnsupportedFormat());
                _begun = true;
                Consume(ref reader);
                reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            }

            if (!reader.Read()) return Step.NeedMore;
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Consume(ref reader);
                return Step.End;
            }

            var objectStart = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // A primitive was read whole; a nested array may not be, but it is refused either way.
                throw Malformed("配列の要素がオブジェクト（{…}）ではありません", "an array element is not an object ({…})");
            }

            // TrySkip leaves the reader where it was when the object is not complete in the buffer yet.
            if (!reader.TrySkip()) return Step.NeedMore;
            var element = _buffer.AsSpan(_start + objectStart, (int)reader.BytesConsumed - objectStart);
            if (element.Length > _maxRowBytes) throw new SubmissionFileException(SubmissionFileErrors.RowTooLarge(RowNumber + 1, _maxRowBytes));
            if (!Utf8.IsValid(element)) throw new SubmissionEncodingException(RowNumber + 1, new DecoderFallbackException("Invalid UTF-8 in a JSON object."));
            ReadObject(element);
            Consume(ref reader);
            RowNumber++;
            return Step.Row;
        }
        catch (JsonException)
        {
            // The exception text quotes the offending character; the report says where, not what.
            throw SyntaxError();
        }
    }

    private void Consume(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void ReadObject(ReadOnlySpan<byte> json)
    {
        Array.Clear(_cells);
        _objectKeys.Clear();
        long seen = 0;
        var reader = new Utf8JsonReader(json, isFinalBlock: true, default);
        reader.Read(); // StartObject
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            _objectKeys.Add(key);
            reader.Read();
            var position = PositionOf(key);
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Null => null,
                _ => throw Malformed(
                    $"キー「{SubmissionErrorCatalog.Quote(key)}」の値にオブジェクトや配列は使用できません",
                    $"the value of key '{SubmissionErrorCatalog.Quote(key)}' is an object or array"),
            };
            if (position == IgnoredKey) continue;
            if ((seen & (1L << position)) != 0) throw new SubmissionFileException(DuplicateKeyErrors());
            seen |= 1L << position;
            _cells[position] = value;
        }
    }

    /// <summary>The cell position a key maps to, or <see cref="IgnoredKey"/>; an unknown key refuses the file.</summary>
    private int PositionOf(string key)
    {
        if (_keys.TryGetValue(key, out var position)) return position;
        var name = JapaneseTextNormalizer.Normalize(key);
        if (name.Length > 0 && name[0] == '#')
        {
            position = IgnoredKey;
        }
        else if (SubmissionColumnCatalog.TryMatchHeader(name, out var column))
        {
            position = column == SubmissionColumn.Note ? IgnoredKey : Header.PositionOf(column);
        }
        else
        {
            // The header resolver builds the same UNKNOWN_COLUMN (with its suggestion) a CSV header would get.
            var errors = SubmissionHeader.Resolve([key]).Errors.Where(e => e.Code == SubmissionErrorCodes.UnknownColumn).ToList();
            throw new SubmissionFileException(errors);
        }

        if (_keys.Count < 1024) _keys[key] = position;
        return position;
    }

    private List<SubmissionError> DuplicateKeyErrors() =>
        SubmissionHeader.Resolve(_objectKeys).Errors.Where(e => e.Code == SubmissionErrorCodes.DuplicateColumn).ToList();

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        if (!_bomChecked && _end >= 3)
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start = 3;
        }
    }

    private async ValueTask EnsureOnlyWhitespaceFollowsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var b in _buffer.AsSpan(_start, _end - _start))
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    throw Malformed("配列の後に余分な内容があります", "unexpected content after the array");
            _start = _end = 0;
            if (_eof) return;
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private SubmissionFileException SyntaxError() =>
        Malformed("JSON の構文が正しくありません。ファイルが途中で切れていないかも確認してください", "invalid JSON syntax; also check that the file is not cut off");

    private SubmissionFileException Malformed(string ja, string en) => new(SubmissionFileErrors.FileMalformed(RowNumber + 1, ja, en));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _stream.Dispose();
    }
}
