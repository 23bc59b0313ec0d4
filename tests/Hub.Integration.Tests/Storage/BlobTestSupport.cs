using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>Shared helpers for the blob tests (real Azurite; these only observe or disturb the real traffic).</summary>
internal static class BlobTestSupport
{
    public static async Task<BlobContainerClient> NewContainerAsync(this AzuriteFixture azurite, StorageClientOptions? options = null)
    {
        var container = azurite.Connection.CreateBlobServiceClient(options).GetBlobContainerClient(TestNames.Unique("blob"));
        Assert.NotNull(await container.CreateIfNotExistsAsync());
        return container;
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    public static async Task<string> Sha256Async(Stream stream) => Convert.ToHexString(await SHA256.HashDataAsync(stream));

    public static StorageClientOptions FastRetries(HttpPipelinePolicy? policy = null)
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        if (policy is not null) options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }
}

/// <summary>A read-only stream that hides its length and cannot seek, like a network or pipe stream.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 64 * 1024));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Records every request attempt the pipeline sends (method, path and query, selected headers).</summary>
internal sealed class RecordingPolicy : HttpPipelineSynchronousPolicy
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-range", out var range);
        request.Headers.TryGetValue("If-Match", out var ifMatch);
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.Uri.ToUri().Query, range, ifMatch));
    }

    public int Count(string method, string queryContains) =>
        Requests.Count(r => r.Method == method && r.Query.Contains(queryContains, StringComparison.Ordinal));
}

internal sealed record RecordedRequest(string Method, string Query, string? Range, string? IfMatch);

/// <summary>
/// Cuts the body of the first GET response after <c>cutAfter</c> bytes with an <see cref="IOException"/>, as a
/// dropped connection would; later responses pass untouched.
/// </summary>
internal sealed class DropFirstDownloadPolicy(int cutAfter) : HttpPipelinePolicy
{
    private int _dropped;

    public int Dropped => _dropped;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The blob client is async.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method == RequestMethod.Get && !message.Response.IsError && message.Response.ContentStream is { } body
            && !message.Request.Uri.Query.Contains("comp=", StringComparison.Ordinal) && Interlocked.Exchange(ref _dropped, 1) == 0)
            message.Response.ContentStream = new CuttingStream(body, cutAfter);
    }

    private sealed class CuttingStream(Stream inner, long cutAfter) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= cutAfter) throw new IOException("Connection reset (injected by the test).");
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, cutAfter - _read)], cancellationToken);
            _read += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
