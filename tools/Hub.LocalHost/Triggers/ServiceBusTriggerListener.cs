using System.Text;
using System.Text.Json.Nodes;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;
using Hub.Storage;
using Hub.Storage.Queues;

namespace Hub.LocalHost.Triggers;

/// <summary>
/// serviceBusTrigger over an Azurite queue: peek-lock by visibility timeout (renewed while the
/// invocation runs, up to maxAutoLockRenewalDuration), complete = delete, failure = abandon (visible
/// again at once), DeliveryCount = dequeue count, dead-letter to <c>{queue}-deadletter</c> once a
/// message has failed MaxDeliveryCount deliveries. Up to maxConcurrentCalls invocations in flight.
/// </summary>
/// <remarks>
/// Messages are received in batches of up to maxConcurrentCalls and handed to invocations as slots free up (a
/// prefetch bounded by the concurrency, so a message waits at most about one invocation for its turn; its lock
/// runs from the receive, and renewal is scheduled from then). Receiving one message per free slot cost Azurite a
/// scan of every queued message per message. When this host sends to the queue (an output binding), the idle
/// listener wakes at once instead of waiting for its next poll, as a waiting Service Bus receive would.
/// </remarks>
internal sealed class ServiceBusTriggerListener : ITriggerListener
{
    private readonly FunctionsHostContext _context;
    private readonly FunctionDescriptor _function;
    private readonly Binding _trigger;
    private readonly string _queueName;
    private readonly LocalServiceBus _bus;
    private readonly int _maxCalls;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Queue<Received> _prefetched = new();
    private readonly CancellationTokenSource _stop = new();
    private QueueClient _queue = null!;
    private Task? _loop;
    private int _active;
    private int _buffered;

    public ServiceBusTriggerListener(FunctionsHostContext context, FunctionDescriptor function)
    {
        _context = context;
        _function = function;
        _trigger = function.Trigger;
        _queueName = context.Settings.Expand(_trigger["queueName"]
            ?? throw new InvalidDataException($"{function.Name}: serviceBusTrigger needs queueName (topics are not emulated locally)."), function.Name);
        _bus = context.ServiceBus(_trigger["connection"]);
        _maxCalls = Math.Max(1, context.Config.ServiceBusMaxConcurrentCalls);
        _slots = new SemaphoreSlim(_maxCalls);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await _bus.QueueAsync(_queueName, cancellationToken).ConfigureAwait(false);
        await _bus.QueueAsync(_queueName + LocalServiceBus.DeadLetterSuffix, cancellationToken).ConfigureAwait(false);
        _bus.Sent += OnSent;
        _loop = Task.Run(() => ReceiveLoopAsync(_stop.Token), CancellationToken.None);
    }

    public async Task<bool> IsIdleAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _active) == 0 && Volatile.Read(ref _buffered) == 0
        && (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount == 0;

    private void OnSent(string queueName)
    {
        if (!string.Equals(queueName, _queueName, StringComparison.Ordinal) || _wake.CurrentCount > 0) return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var idleDelay = TimeSpan.FromMilliseconds(20);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(ct).ConfigureAwait(false);
                if (_prefetched.Count == 0)
                {
                    QueueMessage[] messages;
                    try
                    {
                        messages = (await _queue.ReceiveMessagesAsync(Math.Min(32, _maxCalls), _context.Config.LockDuration, ct).ConfigureAwait(false)).Value;
                    }
                    catch
                    {
                        _slots.Release();
                        throw;
                    }
                    if (messages.Length == 0)
                    {
                        _slots.Release();
                        await WaitForMessagesAsync(idleDelay, ct).ConfigureAwait(false);
                        idleDelay = TimeSpan.FromMilliseconds(Math.Min(500, idleDelay.TotalMilliseconds * 2));
                        continue;
                    }
                    idleDelay = TimeSpan.FromMilliseconds(20);
                    var receivedAt = DateTimeOffset.UtcNow;
                    foreach (var m in messages) _prefetched.Enqueue(new Received(m, receivedAt));
                    Volatile.Write(ref _buffered, _prefetched.Count);
                }

                // The slot taken above goes to the oldest received message.
                var next = _prefetched.Dequeue();
                Interlocked.Increment(ref _active);
                Volatile.Write(ref _buffered, _prefetched.Count);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ProcessAsync(next, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        _context.Log.Host($"Functions.{_function.Name}: message {next.Message.MessageId} handling error: {e.Message}");
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
                _context.Log.Host($"Functions.{_function.Name}: receive from '{_queueName}' failed: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for the next poll, or less when this host sends to the queue meanwhile.</summary>
    private Task WaitForMessagesAsync(TimeSpan delay, CancellationToken ct) => _wake.WaitAsync(delay, ct);

    private async Task ProcessAsync(Received received, CancellationToken ct)
    {
        var stored = received.Message;
        if (DateTimeOffset.UtcNow - received.At > _context.Config.LockDuration * 0.8)
        {
            // Waited so long for a free slot that its lock is (nearly) gone: leave it to be delivered again, as a
            // prefetched Service Bus message whose lock expired is.
            _context.Log.Host($"Functions.{_function.Name}: message {stored.MessageId} lost its lock while waiting for a free slot; it will be delivered again.");
            return;
        }
        var message = LocalServiceBus.Parse(stored);
        var deliveryCount = (int)stored.DequeueCount;
        var max = _context.Config.MaxDeliveryCount;
        if (deliveryCount > max)
        {
            // The lock expired (e.g. the host died mid-invocation) more often than allowed: the broker dead-letters it.
            await DeadLetterAsync(stored, message, $"Message could not be consumed after {max} delivery attempts.", ct).ConfigureAwait(false);
            return;
        }

        var popReceipt = stored.PopReceipt;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewTask = RenewLockAsync(stored.MessageId, received.At, () => popReceipt, r => popReceipt = r, renewal.Token);

        var metadata = BrokerMetadata(message, deliveryCount);
        var bodyText = Encoding.UTF8.GetString(message.Body);
        if (!_trigger.IsBinary) PromoteBodyFields(bodyText, metadata);
        metadata.Add(new("sys", FunctionsHostContext.Sys(_function.Name)));
        var envelope = new InvocationEnvelope
        {
            TriggerName = _trigger.Name,
            TriggerValue = _trigger.IsBinary ? new HostInput.Bytes(message.Body) : new HostInput.Text(bodyText),
            Metadata = metadata,
        };
        var bindingData = new Dictionary<string, string> { ["MessageId"] = message.MessageId };
        var outcome = await _context.InvokeAsync(_function, envelope, $"New ServiceBus message detected on '{_queueName}'.", bindingData, ct).ConfigureAwait(false);
        await renewal.CancelAsync().ConfigureAwait(false);
        await renewTask.ConfigureAwait(false);

        if (outcome.Succeeded)
        {
            await _queue.DeleteMessageAsync(stored.MessageId, popReceipt, ct).ConfigureAwait(false);
        }
        else if (deliveryCount >= max)
        {
            await DeadLetterAsync(stored with { PopReceipt = popReceipt }, message,
                $"Message could not be consumed after {max} delivery attempts. Last error: {outcome.Error}", ct).ConfigureAwait(false);
        }
        else
        {
            // Abandon: the message is visible again at once and its delivery count grows.
            await _queue.UpdateMessageAsync(stored.MessageId, popReceipt, null, TimeSpan.Zero, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A received message and when it was received (its lock runs from then).</summary>
    private sealed record Received(QueueMessage Message, DateTimeOffset At);

    /// <summary>The binding data the Service Bus v5 extension adds (ServiceBusTriggerBindingStrategy.AddBindingData).</summary>
    private static List<KeyValuePair<string, HostInput?>> BrokerMetadata(LocalServiceBusMessage m, int deliveryCount)
    {
        HostInput? Text(string? value) => value is null ? null : new HostInput.Text(value);
        var properties = m.ApplicationProperties ?? new JsonObject();
        var enqueued = DateTime.SpecifyKind(m.EnqueuedTimeUtc, DateTimeKind.Utc);
        var expires = DateTime.SpecifyKind(m.ExpiresAtUtc, DateTimeKind.Utc);
        return
        [
            new("DeliveryCount", new HostInput.Integer(deliveryCount)),
            new("DeadLetterSource", Text(m.DeadLetterSource)),
            new("LockToken", new HostInput.Text(Guid.NewGuid().ToString())),
            new("ExpiresAtUtc", new HostInput.Timestamp(expires)),
            new("ExpiresAt", new HostInput.TimestampOffset(new DateTimeOffset(expires))),
            new("EnqueuedTimeUtc", new HostInput.Timestamp(enqueued)),
            new("EnqueuedTime", new HostInput.TimestampOffset(new DateTimeOffset(enqueued))),
            new("MessageId", Text(m.MessageId)),
            new("ContentType", Text(m.ContentType)),
            new("Subject", Text(m.Subject)),
            new("Label", Text(m.Subject)),
            new("CorrelationId", Text(m.CorrelationId)),
            new("SessionId", Text(m.SessionId)),
            new("SequenceNumber", new HostInput.Integer(m.SequenceNumber)),
            new("ApplicationProperties", new HostInput.Object(properties.DeepClone().AsObject())),
            new("UserProperties", new HostInput.Object(properties.DeepClone().AsObject())),
            // Message-action handles serialise to empty objects out of process.
            new("MessageReceiver", new HostInput.Object(new JsonObject())),
            new("MessageSession", new HostInput.Object(new JsonObject())),
            new("MessageActions", new HostInput.Object(new JsonObject())),
            new("SessionActions", new HostInput.Object(new JsonObject())),
            new("ReceiveActions", new HostInput.Object(new JsonObject())),
            new("Client", new HostInput.Object(new JsonObject { ["FullyQualifiedNamespace"] = "local", ["IsClosed"] = false, ["TransportType"] = 0, ["Identifier"] = "local-host" })),
        ];
    }

    /// <summary>
    /// The host copies the top-level non-array fields of a JSON-object string body into binding data,
    /// overwriting same-named keys case-insensitively (Utility.ApplyBindingData): objects stay objects,
    /// everything else becomes its string form (so true → "True").
    /// </summary>
    private static void PromoteBodyFields(string body, List<KeyValuePair<string, HostInput?>> metadata)
    {
        var trimmed = body.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}')) return;
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(trimmed) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }
        if (json is null) return;
        foreach (var (name, value) in json)
        {
            if (value is JsonArray) continue;
            HostInput? input = value switch
            {
                null => null,
                JsonObject o => new HostInput.Object(o.DeepClone().AsObject()),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new HostInput.Text(v.GetValue<string>()),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.True => new HostInput.Text("True"),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => new HostInput.Text("False"),
                _ => new HostInput.Text(value.ToJsonString()),
            };
            metadata.RemoveAll(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase));
            metadata.Add(new(name, input));
        }
    }

    private async Task DeadLetterAsync(QueueMessage stored, LocalServiceBusMessage message, string description, CancellationToken ct)
    {
        await _bus.DeadLetterAsync(_queueName, message, "MaxDeliveryCountExceeded", description, ct).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
        _context.Log.Host($"Functions.{_function.Name}: message {message.MessageId} moved to '{_queueName}{LocalServiceBus.DeadLetterSuffix}' (MaxDeliveryCountExceeded).");
    }

    /// <summary>Renews the lock every half lock duration counted from the receive, up to maxAutoLockRenewalDuration.</summary>
    private async Task RenewLockAsync(string messageId, DateTimeOffset receivedAt, Func<string> receipt, Action<string> setReceipt, CancellationToken ct)
    {
        var lockDuration = _context.Config.LockDuration;
        var until = receivedAt + _context.Config.ServiceBusMaxAutoLockRenewal;
        var next = receivedAt + lockDuration / 2;
        try
        {
            while (next < until)
            {
                var wait = next - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
                var update = await _queue.UpdateMessageAsync(messageId, receipt(), null, lockDuration, ct).ConfigureAwait(false);
                setReceipt(update.Value.PopReceipt);
                next = DateTimeOffset.UtcNow + lockDuration / 2;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (StorageRequestFailedException e)
        {
            _context.Log.Host($"Functions.{_function.Name}: lock renewal for {messageId} failed: {e.Status} {e.ErrorCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bus.Sent -= OnSent;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        // Messages received but not started: give them back now rather than when their lock runs out.
        while (_prefetched.TryDequeue(out var left))
        {
            try
            {
                await _queue.UpdateMessageAsync(left.Message.MessageId, left.Message.PopReceipt, null, TimeSpan.Zero, CancellationToken.None)
                    .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StorageRequestFailedException or TimeoutException or HttpRequestException)
            {
                // Best effort: otherwise it is delivered again once its lock expires.
            }
        }
        _stop.Dispose();
    }
}
