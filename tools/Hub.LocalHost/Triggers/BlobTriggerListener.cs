using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Queues;

namespace Hub.LocalHost.Triggers;

/// <summary>
/// blobTrigger as the storage extension runs it: new or changed blobs matching the path are found (by a
/// scan here; by Event Grid events in Azure when <c>"source": "EventGrid"</c>), queued on the host's
/// internal queue <c>azure-webjobs-blobtrigger-{hostId}</c>, and executed from there. A blob receipt in
/// <c>azure-webjobs-hosts/blobreceipts/{hostId}/{function}/{etag}/{container}/{blob}</c> (data account),
/// completed when the work is queued, means the same ETag never fires twice and a new ETag fires again.
/// A failing blob is retried at once up to poisonBlobThreshold (5) times, then its message goes to
/// <c>webjobs-blobtrigger-poison</c>. With <c>"source":"EventGrid"</c> Azure has no scan or receipts (each
/// write raises one event); locally the receipt-backed scan stands in for those events, and the current
/// content is processed without the ETag check, as in EventGrid mode.
/// </summary>
internal sealed class BlobTriggerListener : ITriggerListener
{
    /// <summary>The poison queue shared by every blob trigger of the account.</summary>
    public const string PoisonQueueName = "webjobs-blobtrigger-poison";

    private readonly FunctionsHostContext _context;
    private readonly FunctionDescriptor _function;
    private readonly Binding _trigger;
    private readonly BindingPath _path;
    private readonly StorageConnection _connection;
    private readonly BlobContainerClient _container;
    private readonly BlobContainerClient _hosts;
    private readonly QueueClient _work;
    private readonly QueueClient _poison;
    private readonly ConcurrentDictionary<string, byte> _queued = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots;
    private readonly bool _eventGrid;
    private Task? _scanLoop;
    private Task? _workLoop;
    private int _active;
    private volatile bool _scanPending = true;

    public BlobTriggerListener(FunctionsHostContext context, FunctionDescriptor function)
    {
        _context = context;
        _function = function;
        _trigger = function.Trigger;
        _path = new BindingPath(context.Settings.Expand(_trigger["path"] ?? throw new InvalidDataException($"{function.Name}: blobTrigger needs a path."), function.Name));
        _connection = context.Storage(_trigger["connection"]);
        _container = _connection.CreateBlobServiceClient().GetBlobContainerClient(_path.Container);
        var hostStorage = context.HostStorage;
        // Receipts live in the trigger's (data) account, the work queue in the host account (BlobListenerFactory).
        _hosts = _connection.CreateBlobServiceClient().GetBlobContainerClient("azure-webjobs-hosts");
        _eventGrid = string.Equals(_trigger["source"], "EventGrid", StringComparison.OrdinalIgnoreCase);
        var queues = _connection.CreateQueueServiceClient();
        _work = hostStorage.CreateQueueServiceClient().GetQueueClient($"azure-webjobs-blobtrigger-{context.HostId}");
        _poison = queues.GetQueueClient(PoisonQueueName);
        _slots = new SemaphoreSlim(Math.Max(1, context.Config.BlobMaxDegreeOfParallelism));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _hosts.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _work.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _scanLoop = Task.Run(() => ScanLoopAsync(_stop.Token), CancellationToken.None);
        _workLoop = Task.Run(() => WorkLoopAsync(_stop.Token), CancellationToken.None);
    }

    public async Task<bool> IsIdleAsync(CancellationToken cancellationToken)
    {
        if (_scanPending || Volatile.Read(ref _active) > 0) return false;
        if ((await _work.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount > 0) return false;
        return await ScanAsync(enqueue: false, cancellationToken).ConfigureAwait(false) == 0;
    }

    private async Task ScanLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(enqueue: true, ct).ConfigureAwait(false);
                _scanPending = false;
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _context.Log.Host($"Functions.{_function.Name}: blob scan of '{_path.Container}' failed: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Finds matching blobs without a receipt; queues them (once per ETag). Returns how many need work.</summary>
    private async Task<int> ScanAsync(bool enqueue, CancellationToken ct)
    {
        var pending = 0;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _path.Prefix, ct).ConfigureAwait(false))
        {
            if (_path.Match(_path.Container + "/" + blob.Name) is null) continue;
            var etag = blob.Properties.ETag.ToString();
            var key = blob.Name + "\n" + etag;
            if (_queued.ContainsKey(key)) continue;
            if (await ReceiptExistsAsync(blob.Name, etag, ct).ConfigureAwait(false)) continue;
            pending++;
            if (!enqueue) continue;
            var message = new BlobTriggerMessage("BlobTrigger", _function.FullName, "BlockBlob", _path.Container, blob.Name, Quote(etag));
            await _work.SendMessageAsync(JsonSerializer.Serialize(message, PoisonJson), cancellationToken: ct).ConfigureAwait(false);
            // As BlobTriggerExecutor does: the receipt completes once the work is queued, before the function runs,
            // so a blob that ends in poison is not retried for the same ETag.
            await WriteReceiptAsync(blob.Name, etag, ct).ConfigureAwait(false);
            _queued[key] = 0;
            _context.Log.Host($"Functions.{_function.Name}: new blob detected: {_path.Container}/{blob.Name}");
        }
        return pending;
    }

    private async Task WorkLoopAsync(CancellationToken ct)
    {
        var idleDelay = TimeSpan.FromMilliseconds(20);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(ct).ConfigureAwait(false);
                var messages = (await _work.ReceiveMessagesAsync(1, _context.Config.FunctionTimeout + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false)).Value;
                if (messages.Length == 0)
                {
                    _slots.Release();
                    await Task.Delay(idleDelay, ct).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromMilliseconds(Math.Min(250, idleDelay.TotalMilliseconds * 2));
                    continue;
                }
                idleDelay = TimeSpan.FromMilliseconds(20);
                var stored = messages[0];
                Interlocked.Increment(ref _active);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ExecuteAsync(stored, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        _context.Log.Host($"Functions.{_function.Name}: blob trigger message error: {e.Message}");
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _active);
                        _slots.Release();
                    }
                }, CancellationToken.None);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _context.Log.Host($"Functions.{_function.Name}: blob trigger queue receive failed: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ExecuteAsync(QueueMessage stored, CancellationToken ct)
    {
        var message = JsonSerializer.Deserialize<BlobTriggerMessage>(stored.MessageText)!;
        if (message.FunctionId != _function.FullName)
        {
            // Another function's message on the shared queue: let it go back.
            await _work.UpdateMessageAsync(stored.MessageId, stored.PopReceipt, null, TimeSpan.Zero, ct).ConfigureAwait(false);
            return;
        }
        var blob = _container.GetBlobClient(message.BlobName);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            await _work.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
            return; // deleted before it ran
        }
        if (!_eventGrid && Quote(properties.ETag.ToString()) != message.ETag)
        {
            // Polling mode: changed since it was queued; the scan queues the new version.
            await _work.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
            return;
        }

        var parameters = _path.Match(_path.Container + "/" + message.BlobName)!;
        var metadata = new List<KeyValuePair<string, HostInput?>>
        {
            new("BlobTrigger", new HostInput.Text($"{_path.Container}/{message.BlobName}")),
            new("Uri", new HostInput.Text(blob.Uri.ToString())),
            new("Properties", new HostInput.Object(PropertiesObject(properties))),
            new("Metadata", new HostInput.Object(MetadataObject(properties.Metadata))),
        };
        metadata.AddRange(parameters.Select(p => new KeyValuePair<string, HostInput?>(p.Key, new HostInput.Text(p.Value))));
        metadata.Add(new("sys", FunctionsHostContext.Sys(_function.Name)));

        // The blob extension binds the trigger as byte[] whatever dataType says: the content always arrives base64.
        var envelope = new InvocationEnvelope
        {
            TriggerName = _trigger.Name,
            StreamedTrigger = async token => (await blob.DownloadStreamingAsync(cancellationToken: token).ConfigureAwait(false)).Value.Content,
            Metadata = metadata,
        };

        var bindingData = new Dictionary<string, string>(parameters) { ["BlobTrigger"] = $"{_path.Container}/{message.BlobName}" };
        var outcome = await _context.InvokeAsync(_function, envelope, $"New blob detected: {_path.Container}/{message.BlobName}", bindingData, ct).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            await _work.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
        }
        else if (stored.DequeueCount >= _context.Config.BlobMaxDequeueCount)
        {
            await _poison.SendMessageAsync(JsonSerializer.Serialize(message, PoisonJson), cancellationToken: ct).ConfigureAwait(false);
            await _work.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
            _context.Log.Host($"Functions.{_function.Name}: blob {_path.Container}/{message.BlobName} failed {stored.DequeueCount} times; moved to '{PoisonQueueName}'.");
        }
        else
        {
            await _work.UpdateMessageAsync(stored.MessageId, stored.PopReceipt, null, TimeSpan.Zero, ct).ConfigureAwait(false);
        }
    }

    private string ReceiptPath(string blobName, string etag) =>
        $"blobreceipts/{_context.HostId}/{_function.FullName}/{etag.Trim('"')}/{_path.Container}/{blobName}";

    private async Task<bool> ReceiptExistsAsync(string blobName, string etag, CancellationToken ct) =>
        (await _hosts.GetBlobClient(ReceiptPath(blobName, etag)).ExistsAsync(ct).ConfigureAwait(false)).Value;

    private async Task WriteReceiptAsync(string blobName, string etag, CancellationToken ct)
    {
        try
        {
            await _hosts.GetBlobClient(ReceiptPath(blobName, etag)).UploadAsync(BinaryData.FromString(""),
                new BlobUploadOptions { Conditions = new RequestConditions { IfNoneMatch = ETag.All } }, ct).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict)
        {
            // Another instance finished it first.
        }
    }

    /// <summary>Azure.Storage.Blobs BlobProperties as Newtonsoft serialises it: PascalCase, enums as numbers, nulls kept, ETag as {} (no public members).</summary>
    private static JsonObject PropertiesObject(BlobProperties p) => new()
    {
        ["LastModified"] = NewtonsoftJson.IsoOffset(p.LastModified),
        ["CreatedOn"] = p.CreatedOn is { } created ? NewtonsoftJson.IsoOffset(created) : null,
        ["Metadata"] = MetadataObject(p.Metadata),
        ["BlobType"] = 0,
        ["CopyStatus"] = 0,
        ["LeaseDuration"] = 0,
        ["LeaseState"] = 0,
        ["LeaseStatus"] = 1,
        ["ContentLength"] = p.ContentLength,
        ["ContentType"] = p.ContentType,
        ["ETag"] = new JsonObject(),
        ["ContentHash"] = p.ContentHash is { } hash ? Convert.ToBase64String(hash) : null,
        ["ContentEncoding"] = p.ContentEncoding,
        ["ContentDisposition"] = p.ContentDisposition,
        ["ContentLanguage"] = p.ContentLanguage,
        ["CacheControl"] = p.CacheControl,
        ["AccessTier"] = "Hot",
        ["AccessTierInferred"] = true,
        ["VersionId"] = null,
        ["IsLatestVersion"] = false,
    };

    private static JsonObject MetadataObject(IReadOnlyDictionary<string, string> metadata)
    {
        var o = new JsonObject();
        foreach (var (k, v) in metadata) o[k] = v;
        return o;
    }

    private static readonly JsonSerializerOptions PoisonJson = new() { WriteIndented = true };

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _scanLoop, _workLoop })
        {
            if (loop is null) continue;
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    /// <summary>The message on the host's blob-trigger queue and in the poison queue (the storage extension's shape).</summary>
    internal sealed record BlobTriggerMessage(string Type, string FunctionId, string BlobType, string ContainerName, string BlobName, string ETag);
}
