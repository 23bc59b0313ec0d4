using System.Text.Json;

namespace Hub.Functions.Protocol;

/// <summary>
/// Reads the host's envelope from the request body as a stream. Inputs named in
/// <see cref="ReaderOptions.StreamedBindings"/> are scanned past without being kept, so a large blob
/// payload (a 100k-row submission arrives base64-encoded in <c>Data</c>) never sits in memory; the
/// handler reads such a source itself, as a stream. Every other value is captured and decoded on demand.
/// </summary>
public static class InvocationRequestReader
{
    /// <summary>How the body is read.</summary>
    public sealed record ReaderOptions
    {
        /// <summary>Inputs skipped unread.</summary>
        public IReadOnlySet<string> StreamedBindings { get; init; } = new HashSet<string>();

        /// <summary>The largest value kept in memory; a larger one fails the invocation clearly.</summary>
        public long MaxValueBytes { get; init; } = 64L * 1024 * 1024;
    }

    /// <summary>Reads an envelope.</summary>
    /// <exception cref="HostEncodingException">The body is not a valid envelope.</exception>
    public static async Task<InvocationRequest> ReadAsync(Stream body, string functionName, string invocationId, string? hostVersion,
        ReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReaderOptions();
        var scanner = new Scanner(body, cancellationToken);
        var data = new Dictionary<string, HostValue>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, HostValue>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);

        await scanner.ExpectAsync((byte)'{').ConfigureAwait(false);
        await foreach (var section in scanner.PropertiesAsync().ConfigureAwait(false))
        {
            var isData = section == "Data";
            if ((isData || section == "Metadata") && await scanner.PeekAsync().ConfigureAwait(false) == '{')
            {
                await scanner.ExpectAsync((byte)'{').ConfigureAwait(false);
                await foreach (var name in scanner.PropertiesAsync().ConfigureAwait(false))
                {
                    var skip = isData && options.StreamedBindings.Contains(name);
                    var raw = await scanner.ReadValueAsync(skip ? 0 : options.MaxValueBytes, name).ConfigureAwait(false);
                    if (raw is null)
                    {
                        skipped.Add(name);
                        continue;
                    }
                    (isData ? data : metadata)[name] = new HostValue(Parse(raw));
                }
            }
            else
            {
                await scanner.ReadValueAsync(0, section).ConfigureAwait(false);
            }
        }

        return new InvocationRequest(functionName, invocationId, hostVersion, data, metadata, skipped);
    }

    private static JsonElement Parse(byte[] raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new HostEncodingException("The envelope holds invalid JSON: " + e.Message, e);
        }
    }

    /// <summary>A forward-only byte scanner over the body with a fixed buffer.</summary>
    private sealed class Scanner(Stream stream, CancellationToken cancellationToken)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _pos;
        private int _len;

        public async ValueTask<int> PeekAsync()
        {
            await SkipWhitespaceAsync().ConfigureAwait(false);
            return _pos < _len || await FillAsync().ConfigureAwait(false) ? _buffer[_pos] : -1;
        }

        public async ValueTask ExpectAsync(byte expected)
        {
            var b = await PeekAsync().ConfigureAwait(false);
            if (b != expected) throw new HostEncodingException($"Invalid envelope: expected '{(char)expected}', found {(b < 0 ? "end of body" : $"'{(char)b}'")}.");
            _pos++;
        }

        /// <summary>Yields property names of the object just opened, leaving the scanner at each value; consumes the closing brace.</summary>
        public async IAsyncEnumerable<string> PropertiesAsync()
        {
            var first = true;
            while (true)
            {
                var b = await PeekAsync().ConfigureAwait(false);
                if (b == '}')
                {
                    _pos++;
                    yield break;
                }
                if (!first) await ExpectAsync((byte)',').ConfigureAwait(false);
                first = false;
                var nameRaw = await ReadValueAsync(64 * 1024, "property name").ConfigureAwait(false)
                    ?? throw new HostEncodingException("Invalid envelope: property name too long.");
                var name = JsonSerializer.Deserialize<string>(nameRaw)
                    ?? throw new HostEncodingException("Invalid envelope: null property name.");
                await ExpectAsync((byte)':').ConfigureAwait(false);
                yield return name;
            }
        }

        /// <summary>
        /// Reads one JSON value. Returns its bytes, or null when <paramref name="limit"/> is 0 (skip); a value
        /// longer than a non-zero limit is an error.
        /// </summary>
        public async ValueTask<byte[]?> ReadValueAsync(long limit, string what)
        {
            var first = await PeekAsync().ConfigureAwait(false);
            if (first < 0) throw new HostEncodingException("Invalid envelope: unexpected end of body.");
            var isString = first == '"';
            var isContainer = first is '{' or '[';
            var isLiteral = !isString && !isContainer;
            var capture = limit > 0 ? new MemoryStream() : null;
            bool inString = false, escape = false;
            var depth = 0;
            long total = 0;
            while (true)
            {
                if (_pos == _len && !await FillAsync().ConfigureAwait(false))
                {
                    if (isLiteral) break;
                    throw new HostEncodingException("Invalid envelope: unexpected end of body.");
                }
                var start = _pos;
                var done = false;
                for (; _pos < _len; _pos++)
                {
                    var b = _buffer[_pos];
                    if (isLiteral)
                    {
                        if (b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
                        {
                            done = true;
                            break;
                        }
                        continue;
                    }
                    if (inString)
                    {
                        if (escape) escape = false;
                        else if (b == '\\') escape = true;
                        else if (b == '"')
                        {
                            inString = false;
                            if (isString)
                            {
                                _pos++;
                                done = true;
                                break;
                            }
                        }
                        continue;
                    }
                    if (b == '"') inString = true;
                    else if (b is (byte)'{' or (byte)'[') depth++;
                    else if (b is (byte)'}' or (byte)']')
                    {
                        if (--depth == 0)
                        {
                            _pos++;
                            done = true;
                            break;
                        }
                    }
                }
                var count = _pos - start;
                total += count;
                if (capture is not null)
                {
                    if (total > limit) throw new HostEncodingException($"Input '{what}' is larger than {limit} bytes.");
                    capture.Write(_buffer, start, count);
                }
                if (done) break;
            }
            return capture?.ToArray();
        }

        private async ValueTask SkipWhitespaceAsync()
        {
            while (true)
            {
                while (_pos < _len)
                {
                    var b = _buffer[_pos];
                    if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')) return;
                    _pos++;
                }
                if (!await FillAsync().ConfigureAwait(false)) return;
            }
        }

        private async ValueTask<bool> FillAsync()
        {
            _pos = 0;
            _len = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            return _len > 0;
        }
    }
}
