namespace Hub.Storage.Blobs;

/// <summary>
/// Reads a download's network stream; when it fails or ends early, it asks for the rest (from the first byte
/// not yet read) and carries on, up to <c>maxResumes</c> times. The pipeline's retries cover the request;
/// this covers the body, which arrives after the pipeline has returned.
/// </summary>
internal sealed class ResumingDownloadStream(Stream initial, long length, int maxResumes,
    Func<long, CancellationToken, Task<Stream>> resumeFrom) : Stream
{
    private Stream _current = initial;
    private long _read;
    private int _resumes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _read >= length) return 0;
        while (true)
        {
            try
            {
                var n = await _current.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new IOException($"The download ended after {_read} of {length} bytes.");
                _read += n;
                return n;
            }
            catch (Exception e) when (IsResumable(e, cancellationToken) && _resumes < maxResumes)
            {
                _resumes++;
                await _current.DisposeAsync().ConfigureAwait(false);
                _current = await resumeFrom(_read, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _read >= length) return 0;
        while (true)
        {
            try
            {
                var n = _current.Read(buffer);
                if (n == 0) throw new IOException($"The download ended after {_read} of {length} bytes.");
                _read += n;
                return n;
            }
            catch (Exception e) when (IsResumable(e, CancellationToken.None) && _resumes < maxResumes)
            {
                _resumes++;
                _current.Dispose();
                _current = resumeFrom(_read, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _current.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _current.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Network failures and read timeouts; not the caller's own cancellation.</summary>
    private static bool IsResumable(Exception e, CancellationToken cancellationToken) =>
        e is IOException or System.Net.Http.HttpRequestException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
