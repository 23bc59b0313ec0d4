using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Hub.Storage.Blobs;

/// <summary>
/// Stages blocks of one upload (Put Block, a bounded number in flight) and commits them in order (Put Block List),
/// computing the MD5 of the whole content on the way so the committed blob carries it.
/// </summary>
internal sealed class BlockStager(BlobClient blob, int maxConcurrency) : IDisposable
{
    /// <summary>The service's limit of committed blocks per blob.</summary>
    public const int MaxBlocks = 50_000;

    // Same-length ids, unique per upload, so concurrent uploads of one blob never pick each other's blocks.
    private readonly string _idPrefix = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _inFlight = [];
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private ExceptionDispatchInfo? _failure;

    public int BlockCount => _blockIds.Count;

    /// <summary>
    /// Starts uploading <paramref name="block"/>, first waiting while <c>maxConcurrency</c> blocks are in flight.
    /// <paramref name="release"/> runs when this block's upload has finished (successfully or not), e.g. to return its buffer.
    /// </summary>
    public async Task StageAsync(ReadOnlyMemory<byte> block, Action? release, CancellationToken cancellationToken)
    {
        try
        {
            _failure?.Throw();
            if (_blockIds.Count >= MaxBlocks)
                throw new InvalidOperationException(
                    $"The upload needs more than {MaxBlocks} blocks; raise BlobTransferOptions.MaximumTransferSize. / ブロック数が上限 {MaxBlocks} を超えます。ブロック サイズを大きくしてください。");
            while (_inFlight.Count >= maxConcurrency)
                await CompleteOneAsync().ConfigureAwait(false);
        }
        catch
        {
            release?.Invoke();
            throw;
        }

        _md5.AppendData(block.Span);
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(
            _idPrefix + "-" + _blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
        _blockIds.Add(id);
        _inFlight.Add(PutBlockAsync(id, block, release, cancellationToken));
    }

    /// <summary>Waits for every staged block, then commits them in order with the headers, metadata and conditions.</summary>
    public async Task<Response<BlobContentInfo>> CommitAsync(BlobHttpHeaders? headers, IDictionary<string, string>? metadata,
        RequestConditions? conditions, CancellationToken cancellationToken)
    {
        _failure?.Throw(); // a block already failed: committing the list would fail or lose data
        await WaitAllAsync().ConfigureAwait(false);
        var md5 = _md5.GetHashAndReset();
        var body = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("BlockList", _blockIds.Select(id => new XElement("Latest", id))));
        using var message = blob.Pipeline.CreateMessage(RequestMethod.Put, StorageHttp.WithQuery(blob.Uri, "comp=blocklist"));
        var request = message.Request;
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.ApplyHttpHeaders(headers, md5);
        request.ApplyMetadata(metadata);
        request.ApplyConditions(conditions);
        using (var buffer = new MemoryStream())
        {
            body.Save(buffer, SaveOptions.DisableFormatting);
            request.Content = RequestContent.Create(buffer.ToArray());
        }
        var response = await blob.Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        var info = BlobHeaders.ReadInfo(response);
        return Response.FromValue(new BlobContentInfo(info.ETag, info.LastModified, headers?.ContentHash ?? md5), response);
    }

    /// <summary>Waits for every block in flight; the first failure is rethrown after all have finished.</summary>
    public async Task WaitAllAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Clear();
        }
    }

    public void Dispose() => _md5.Dispose();

    private async Task CompleteOneAsync()
    {
        var done = await Task.WhenAny(_inFlight).ConfigureAwait(false);
        _inFlight.Remove(done);
        try
        {
            await done.ConfigureAwait(false); // surfaces a failed block now rather than at commit
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    private async Task PutBlockAsync(string blockId, ReadOnlyMemory<byte> block, Action? release, CancellationToken cancellationToken)
    {
        try
        {
            var uri = StorageHttp.WithQuery(blob.Uri, "comp=block&blockid=" + Uri.EscapeDataString(blockId));
            using var message = blob.Pipeline.CreateMessage(RequestMethod.Put, uri);
            message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(block.Span)));
            message.Request.Content = RequestContent.Create(block);
            await blob.Pipeline.SendBlobRequestAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            release?.Invoke();
        }
    }
}
