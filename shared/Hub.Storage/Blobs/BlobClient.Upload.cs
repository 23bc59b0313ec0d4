using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Core;

namespace Hub.Storage.Blobs;

public partial class BlobClient
{
    /// <summary>The largest non-seekable prefix buffered to decide between a single put and staged blocks.</summary>
    private const int NonSeekableProbeLimit = 256 * 1024 * 1024;

    /// <summary>Uploads content; with <paramref name="overwrite"/> false (the default) it creates only (409 <c>BlobAlreadyExists</c> if it exists).</summary>
    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadAsync(content, OverwriteOptions(overwrite), cancellationToken);

    /// <summary>Uploads a stream; with <paramref name="overwrite"/> false (the default) it creates only (409 <c>BlobAlreadyExists</c> if it exists).</summary>
    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadAsync(content, OverwriteOptions(overwrite), cancellationToken);

    /// <summary>
    /// Uploads content: one Put Blob up to <see cref="BlobTransferOptions.InitialTransferSize"/>, otherwise staged
    /// blocks committed at the end (the blob changes atomically on commit). The MD5 of the content is stored.
    /// </summary>
    /// <param name="content">The bytes.</param>
    /// <param name="options">Headers, metadata, conditions (null conditions overwrite) and transfer sizes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ArgumentException">A metadata name is invalid.</exception>
    public virtual async Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, BlobUploadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var transfer = (options.TransferOptions ?? BlobTransferOptions.Default).Validated();
        BlobMetadataEncoding.ToHeaders(options.Metadata); // refuse bad metadata before sending anything
        var memory = content.ToMemory();
        if (memory.Length <= transfer.InitialTransferSize)
            return await PutBlobAsync(memory, options, cancellationToken).ConfigureAwait(false);

        using var stager = new BlockStager(this, transfer.MaximumConcurrency);
        for (var offset = 0; offset < memory.Length; offset += transfer.MaximumTransferSize)
        {
            var slice = memory.Slice(offset, Math.Min(transfer.MaximumTransferSize, memory.Length - offset));
            await stager.StageAsync(slice, null, cancellationToken).ConfigureAwait(false);
        }
        return await stager.CommitAsync(options.HttpHeaders, options.Metadata, options.Conditions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a stream from its current position to its end. A seekable stream up to
    /// <see cref="BlobTransferOptions.InitialTransferSize"/> goes as one Put Blob; a longer or non-seekable stream is
    /// read block by block and staged (memory stays bounded at about block size × concurrency), then committed.
    /// </summary>
    /// <param name="content">The stream; it is read to its end and not disposed.</param>
    /// <param name="options">Headers, metadata, conditions (null conditions overwrite) and transfer sizes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ArgumentException">A metadata name is invalid.</exception>
    public virtual async Task<Response<BlobContentInfo>> UploadAsync(Stream content, BlobUploadOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var transfer = (options.TransferOptions ?? BlobTransferOptions.Default).Validated();
        BlobMetadataEncoding.ToHeaders(options.Metadata);

        if (content.CanSeek && content.Length - content.Position <= Math.Min(transfer.InitialTransferSize, Array.MaxLength))
        {
            var bytes = new byte[content.Length - content.Position];
            await content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return await PutBlobAsync(bytes, options, cancellationToken).ConfigureAwait(false);
        }

        // Unknown length: buffer up to the single-put size; if the stream ends within it, one Put Blob is enough.
        var probeSize = content.CanSeek ? 0 : (int)Math.Min(transfer.InitialTransferSize, NonSeekableProbeLimit);
        var probe = probeSize > 0 ? ArrayPool<byte>.Shared.Rent(probeSize) : [];
        try
        {
            var filled = await ReadUpToAsync(content, probe.AsMemory(0, probeSize), cancellationToken).ConfigureAwait(false);
            var extra = new byte[1];
            var more = filled < probeSize ? 0 : await ReadUpToAsync(content, extra, cancellationToken).ConfigureAwait(false);
            if (probeSize > 0 && more == 0)
                return await PutBlobAsync(probe.AsMemory(0, filled), options, cancellationToken).ConfigureAwait(false);

            await using var writer = new BlobWriteStream(new BlockStager(this, transfer.MaximumConcurrency), transfer.MaximumTransferSize,
                options.HttpHeaders, options.Metadata, options.Conditions, cancellationToken);
            try
            {
                await writer.WriteAsync(probe.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(extra.AsMemory(0, more), cancellationToken).ConfigureAwait(false);
                await content.CopyToAsync(writer, transfer.MaximumTransferSize, cancellationToken).ConfigureAwait(false);
                return await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                writer.Abort();
                throw;
            }
        }
        finally
        {
            if (probe.Length > 0) ArrayPool<byte>.Shared.Return(probe);
        }
    }

    /// <summary>
    /// Opens a stream that uploads what is written to it as staged blocks (memory stays bounded at about block
    /// size × concurrency) and commits them when it is disposed or <see cref="BlobWriteStream.CommitAsync"/> is called —
    /// so a 100,000-row report can be written without holding it in memory. Until the commit, readers keep seeing the
    /// previous content (or no blob).
    /// </summary>
    /// <param name="overwrite">False creates only: the commit fails with 409 <c>BlobAlreadyExists</c> if the blob exists by then.</param>
    /// <param name="options">Headers, metadata and conditions applied on commit, and transfer sizes.</param>
    /// <param name="cancellationToken">Cancels staging and the commit made on dispose.</param>
    /// <exception cref="ArgumentException">A metadata name is invalid.</exception>
    /// <example><code>
    /// await using var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { HttpHeaders = new() { ContentType = "text/csv" } });
    /// try { await WriteReportAsync(stream); } catch { stream.Abort(); throw; } // without Abort, dispose commits what was written
    /// </code></example>
    public virtual Task<BlobWriteStream> OpenWriteAsync(bool overwrite, BlobOpenWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var transfer = (options?.TransferOptions ?? BlobTransferOptions.Default).Validated();
        BlobMetadataEncoding.ToHeaders(options?.Metadata);
        var conditions = overwrite ? options?.Conditions : new RequestConditions { IfNoneMatch = ETag.All };
        return Task.FromResult(new BlobWriteStream(new BlockStager(this, transfer.MaximumConcurrency), transfer.MaximumTransferSize,
            options?.HttpHeaders, options?.Metadata, conditions, cancellationToken));
    }

    private async Task<Response<BlobContentInfo>> PutBlobAsync(ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = Pipeline.CreateMessage(RequestMethod.Put, Uri);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        // Transactional MD5: the service verifies the bytes it received and stores this hash with the blob.
        var md5 = MD5.HashData(content.Span);
        request.Headers.SetValue("Content-MD5", Convert.ToBase64String(md5));
        request.ApplyHttpHeaders(options.HttpHeaders, null);
        request.ApplyMetadata(options.Metadata);
        request.ApplyConditions(options.Conditions);
        request.Content = RequestContent.Create(content);
        var response = await Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        return Response.FromValue(new BlobContentInfo(info.ETag, info.LastModified, options.HttpHeaders?.ContentHash ?? md5), response);
    }

    private static async Task<int> ReadUpToAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private static BlobUploadOptions OverwriteOptions(bool overwrite) =>
        new() { Conditions = overwrite ? null : new RequestConditions { IfNoneMatch = ETag.All } };
}
