using System.Buffers;
using Azure;

namespace Hub.Storage.Blobs;

/// <summary>
/// A write-only stream onto a block blob (from <see cref="BlobClient.OpenWriteAsync"/>): every full block is staged
/// as it fills, and the blob is committed — atomically, with the MD5 of everything written — by
/// <see cref="CommitAsync"/> or on dispose. <see cref="Abort"/> discards instead. <see cref="Flush"/> does not commit
/// (writers flush often; committing each time would create a new blob version per flush).
/// </summary>
/// <remarks>Prefer the async methods and <c>await using</c>; the synchronous ones block on the network.</remarks>
public sealed class BlobWriteStream : Stream
{
    private readonly BlockStager _stager;
    private readonly int _blockSize;
    private readonly BlobHttpHeaders? _headers;
    private readonly IDictionary<string, string>? _metadata;
    private readonly RequestConditions? _conditions;
    private readonly CancellationToken _disposeToken;
    private byte[]? _buffer;
    private int _filled;
    private long _written;
    private bool _finished;
    private Response<BlobContentInfo>? _result;

    internal BlobWriteStream(BlockStager stager, int blockSize, BlobHttpHeaders? headers, IDictionary<string, string>? metadata,
        RequestConditions? conditions, CancellationToken disposeToken)
    {
        _stager = stager;
        _blockSize = blockSize;
        _headers = headers;
        _metadata = metadata;
        _conditions = conditions;
        _disposeToken = disposeToken;
    }

    /// <summary>The commit's result (ETag, last-modified, MD5), once committed.</summary>
    public Response<BlobContentInfo>? Result => _result;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_finished;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes written so far.</summary>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        while (!buffer.IsEmpty)
        {
            buffer = buffer[CopyIn(buffer.Span)..];
            if (_filled == _blockSize)
                await StageBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureWritable();
        while (!buffer.IsEmpty)
        {
            buffer = buffer[CopyIn(buffer)..];
            if (_filled == _blockSize)
                StageBufferAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Does nothing: data is committed by <see cref="CommitAsync"/> or on dispose.</summary>
    public override void Flush()
    {
    }

    /// <summary>Does nothing: data is committed by <see cref="CommitAsync"/> or on dispose.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stages the last partial block, waits for all blocks and commits them with the headers, metadata and conditions.
    /// After this the stream is closed; further writes throw.
    /// </summary>
    /// <exception cref="StorageRequestFailedException">A block or the commit failed (e.g. 409 when creating only and the blob exists).</exception>
    public async Task<Response<BlobContentInfo>> CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        _finished = true;
        try
        {
            if (_filled > 0) await StageBufferAsync(cancellationToken).ConfigureAwait(false);
            _result = await _stager.CommitAsync(_headers, _metadata, _conditions, cancellationToken).ConfigureAwait(false);
            return _result;
        }
        finally
        {
            ReturnBuffer();
            _stager.Dispose();
        }
    }

    /// <summary>Discards everything written: nothing is committed, the blob stays as it was (staged blocks expire on the service).</summary>
    public void Abort()
    {
        if (_finished) return;
        _finished = true;
        ReturnBuffer();
        // Blocks still in flight return their buffers when they finish; their outcome no longer matters.
        _ = _stager.WaitAllAsync().ContinueWith(t => { _ = t.Exception; _stager.Dispose(); }, TaskScheduler.Default);
    }

    /// <summary>Commits unless already committed or aborted.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (!_finished) await CommitAsync(_disposeToken).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished) CommitAsync(_disposeToken).GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Copies as much as fits into the current block buffer; returns the count copied.</summary>
    private int CopyIn(ReadOnlySpan<byte> source)
    {
        _buffer ??= ArrayPool<byte>.Shared.Rent(_blockSize);
        var count = Math.Min(source.Length, _blockSize - _filled);
        source[..count].CopyTo(_buffer.AsSpan(_filled));
        _filled += count;
        _written += count;
        return count;
    }

    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        var block = _buffer!;
        var length = _filled;
        _buffer = null;
        _filled = 0;
        await _stager.StageAsync(block.AsMemory(0, length), () => ArrayPool<byte>.Shared.Return(block), cancellationToken).ConfigureAwait(false);
    }

    private void ReturnBuffer()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _filled = 0;
    }

    private void EnsureWritable() => ObjectDisposedException.ThrowIf(_finished, this);
}
