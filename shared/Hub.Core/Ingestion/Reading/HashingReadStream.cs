using System.Security.Cryptography;
using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// A read-only pass-through that hashes (SHA-256) and counts every byte read, and refuses to read past the size
/// limit (FILE_TOO_LARGE) whatever the blob's properties said.
/// </summary>
public sealed class HashingReadStream(Stream inner, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _digest;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>True once the inner stream has ended.</summary>
    public bool Completed { get; private set; }

    /// <summary>The SHA-256 of everything read, lower-case hex (call once <see cref="Completed"/>).</summary>
    public string Sha256Hex => Convert.ToHexStringLower(_digest ??= _hash.GetHashAndReset());

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..read]);
        return read;
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads to the end (hashing everything), e.g. after a refusal, so the report still has the file's hash.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    private void Account(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            Completed = true;
            return;
        }

        BytesRead += bytes.Length;
        if (BytesRead > maxBytes) throw new SubmissionFileException(SubmissionFileErrors.FileTooLarge(maxBytes));
        _hash.AppendData(bytes);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
