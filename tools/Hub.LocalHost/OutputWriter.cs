using System.Text.Json;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;
using Hub.LocalHost.Triggers;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Queues;

namespace Hub.LocalHost;

/// <summary>
/// Writes a successful invocation's outputs to their bindings: serviceBus, queue and blob. Like the host, all output
/// bindings are written at once (WorkerFunctionInvoker.BindOutputsAsync: Task.WhenAll) and the invocation only
/// succeeds once every message and blob is written; any failure fails it, so the trigger retries.
/// </summary>
/// <remarks>
/// The one difference is speed: the host sends an array's messages one after another (FunctionBinding.
/// BindAsyncCollectorAsync awaits AddAsync per element; the Service Bus collector sends each at once, "Batching not
/// supported"), while this writer keeps up to <see cref="HostConfig.MaxConcurrentOutputSends"/> sends of an
/// invocation in flight — against Azurite, 1,000 sequential sends took ~10 s per fan-out chunk. The order in which
/// the messages of one array reach the queue is therefore not guaranteed locally; with concurrent receivers it is
/// not observable in Azure either. <c>localHost.outputs.maxConcurrentSends: 1</c> in host.json restores the host's
/// one-at-a-time order.
/// </remarks>
internal sealed class OutputWriter(FunctionsHostContext context)
{
    public async Task WriteAsync(FunctionDescriptor function, InvocationOutcome outcome, IReadOnlyDictionary<string, string> bindingData, CancellationToken ct)
    {
        var sends = new List<Func<CancellationToken, Task>>();
        foreach (var binding in function.Outputs)
        {
            if (!outcome.Outputs.TryGetValue(binding.Name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            var payloads = OutputValue.ToPayloads(binding, value);
            switch (binding.Type)
            {
                case "serviceBus":
                    var bus = context.ServiceBus(binding["connection"]);
                    var queueName = context.Settings.Expand(binding["queueName"] ?? binding["topicName"]
                        ?? throw new InvalidOperationException($"{function.Name}/{binding.Name}: serviceBus output needs queueName."), function.Name);
                    foreach (var payload in payloads) sends.Add(token => bus.SendAsync(queueName, payload, token));
                    break;
                case "queue":
                    var queue = await context.OutputQueueAsync(binding["connection"], context.Settings.Expand(binding["queueName"]!, function.Name), ct).ConfigureAwait(false);
                    foreach (var payload in payloads) sends.Add(token => queue.SendMessageAsync(BinaryData.FromBytes(payload), cancellationToken: token));
                    break;
                case "blob":
                    var path = BindingPath.Resolve(context.Settings.Expand(binding["path"]!, function.Name), bindingData);
                    var slash = path.IndexOf('/');
                    var container = await context.OutputContainerAsync(binding["connection"], path[..slash], ct).ConfigureAwait(false);
                    var content = payloads[0];
                    sends.Add(token => container.GetBlobClient(path[(slash + 1)..]).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken: token));
                    break;
                default:
                    throw new NotSupportedException($"{function.Name}/{binding.Name}: the local host does not support '{binding.Type}' outputs.");
            }
        }

        await SendAllAsync(sends, context.Config.MaxConcurrentOutputSends, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the sends with at most <paramref name="limit"/> in flight. After a failure no further send starts, those in
    /// flight finish (the host does not cancel a send either), and the first failure is thrown.
    /// </summary>
    internal static async Task SendAllAsync(IReadOnlyList<Func<CancellationToken, Task>> sends, int limit, CancellationToken ct)
    {
        if (sends.Count == 1)
        {
            await sends[0](ct).ConfigureAwait(false);
            return;
        }
        using var slots = new SemaphoreSlim(Math.Max(1, limit));
        var running = new List<Task>(sends.Count);
        var failed = 0;
        try
        {
            foreach (var send in sends)
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
                if (Volatile.Read(ref failed) != 0)
                {
                    slots.Release();
                    break;
                }
                running.Add(RunAsync(send));
            }
        }
        finally
        {
            // Never leave a send running past this method (it releases the semaphore when done).
            await Task.WhenAll(running).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
        await Task.WhenAll(running).ConfigureAwait(false);

        async Task RunAsync(Func<CancellationToken, Task> send)
        {
            try
            {
                await send(ct).ConfigureAwait(false);
            }
            catch
            {
                Interlocked.Exchange(ref failed, 1);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
