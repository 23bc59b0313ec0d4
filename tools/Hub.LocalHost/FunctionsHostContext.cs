using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.LocalHost.Config;
using Hub.LocalHost.Handler;
using Hub.LocalHost.Protocol;
using Hub.LocalHost.Triggers;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Queues;

namespace Hub.LocalHost;

/// <summary>Shared state of a running local host: settings, connections, the handler, the invocation log.</summary>
internal sealed class FunctionsHostContext(string appRoot, HostConfig config, AppSettings settings, HostLog log, string hostId)
{
    private readonly ConcurrentDictionary<string, StorageConnection> _storage = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, LocalServiceBus> _buses = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<InvocationRecord> _invocations = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _outputQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _outputContainers = new(StringComparer.Ordinal);
    private int _inFlight;

    public string AppRoot { get; } = appRoot;
    public HostConfig Config { get; } = config;
    public AppSettings Settings { get; } = settings;
    public HostLog Log { get; } = log;
    public string HostId { get; } = hostId;
    public HandlerProcess Handler { get; set; } = null!;
    public OutputWriter Outputs => new(this);
    public int InFlight => Volatile.Read(ref _inFlight);
    public IEnumerable<InvocationRecord> Invocations => _invocations;
    public Action<InvocationRecord>? OnInvoked { get; init; }

    /// <summary>The host's own storage (receipts, timer status, blob-trigger queues): AzureWebJobsStorage.</summary>
    public StorageConnection HostStorage => Storage("AzureWebJobsStorage");

    /// <summary>A storage connection resolved like the host resolves a binding's <c>connection</c>.</summary>
    public StorageConnection Storage(string? connectionName) =>
        _storage.GetOrAdd(string.IsNullOrEmpty(connectionName) ? "AzureWebJobsStorage" : connectionName,
            name => StorageConnection.FromSettings(name, s => Settings[s]));

    /// <summary>The emulated Service Bus for a binding's connection (default AzureWebJobsServiceBus).</summary>
    public LocalServiceBus ServiceBus(string? connectionName) =>
        _buses.GetOrAdd(string.IsNullOrEmpty(connectionName) ? "AzureWebJobsServiceBus" : connectionName, name =>
        {
            try
            {
                return new LocalServiceBus(StorageConnection.FromSettings(name, s => Settings[s]));
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException(
                    $"Service Bus connection '{name}': locally, Service Bus queues are served by Azurite storage queues, so '{name}' must be a storage connection string (e.g. UseDevelopmentStorage=true).", e);
            }
        });

    /// <summary>A queue output's queue, created on first use (as the queue binding does) and remembered.</summary>
    public Task<QueueClient> OutputQueueAsync(string? connectionName, string queueName, CancellationToken ct) =>
        Remembered(_outputQueues, $"{connectionName}|{queueName}", async () =>
        {
            var queue = Storage(connectionName).CreateQueueServiceClient().GetQueueClient(queueName);
            await queue.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            return queue;
        });

    /// <summary>A blob output's container, created on first use (as the blob binding does) and remembered.</summary>
    public Task<BlobContainerClient> OutputContainerAsync(string? connectionName, string containerName, CancellationToken ct) =>
        Remembered(_outputContainers, $"{connectionName}|{containerName}", async () =>
        {
            var container = Storage(connectionName).CreateBlobServiceClient().GetBlobContainerClient(containerName);
            await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            return container;
        });

    /// <summary>One creation per key; a failed one is forgotten so the next invocation tries again.</summary>
    private static async Task<T> Remembered<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> create)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(create));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, entry));
            throw;
        }
    }

    /// <summary>Runs one invocation: POST to the handler, then (on success) write the outputs. Never throws for a function failure.</summary>
    public async Task<InvocationOutcome> InvokeAsync(FunctionDescriptor function, InvocationEnvelope envelope, string reason,
        IReadOnlyDictionary<string, string> bindingData, CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        var id = Guid.NewGuid().ToString();
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        Log.Host($"Executing 'Functions.{function.Name}' (Reason='{reason}', Id={id})");
        InvocationOutcome outcome;
        try
        {
            outcome = await Handler.InvokeAsync(function.Name, id, envelope, ct).ConfigureAwait(false);
            foreach (var line in outcome.Logs) Log.Host($"Functions.{function.Name}[{id}]: {line}");
            if (outcome.Succeeded)
            {
                try
                {
                    await Outputs.WriteAsync(function, outcome, bindingData, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcome = InvocationOutcome.Failed($"Writing outputs failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = InvocationOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        var record = new InvocationRecord(function.Name, id, reason, outcome.Succeeded, outcome.Error, started, watch.Elapsed);
        _invocations.Enqueue(record);
        Log.Host(outcome.Succeeded
            ? $"Executed 'Functions.{function.Name}' (Succeeded, Id={id}, Duration={watch.ElapsedMilliseconds}ms)"
            : $"Executed 'Functions.{function.Name}' (Failed, Id={id}, Duration={watch.ElapsedMilliseconds}ms): {outcome.Error}");
        OnInvoked?.Invoke(record);
        return outcome;
    }

    /// <summary>The <c>sys</c> binding data the host adds to every invocation.</summary>
    public static HostInput Sys(string functionName) => new HostInput.Object(new System.Text.Json.Nodes.JsonObject
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = NewtonsoftJson.IsoUtc(DateTime.UtcNow),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    });
}
