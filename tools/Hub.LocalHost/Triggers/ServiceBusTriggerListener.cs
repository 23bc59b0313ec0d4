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
internal sealed class ServiceBusTriggerListener : ITriggerListener
{
    private readonly FunctionsHostContext _context;
    private readonly FunctionDescriptor _function;
    private readonly Binding _trigger;
    private readonly string _queueName;
    private readonly LocalServiceBus _bus;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private QueueClient _queue = null!;
    private Task? _loop;
    private int _active;

    public ServiceBusTriggerListener(FunctionsHostContext context, FunctionDescriptor function)
    {
        _context = context;
        _function = function;
        _trigger = function.Trigger;
        _queueName = context.Settings.Expand(_trigger["queueName"]
            ?? throw new InvalidDataException($"{function.Name}: serviceBusTrigger needs queueName (topics are not emulated locally)."), function.Name);
        _bus = context.ServiceBus(_trigger["connection"]);
        _slots = new SemaphoreSlim(Math.Max(1, context.Config.ServiceBusMaxConcurrentCalls));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await _bus.QueueAsync(_queueName, cancellationToken).ConfigureAwait(false);
        await _bus.QueueAsync(_queueName + LocalServiceBus.DeadLetterSuffix, cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => ReceiveLoopAsync(_stop.Token), CancellationToken.None);
    }

    public async Task<bool> IsIdleAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _active) == 0 && (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount == 0;

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var idleDelay = TimeSpan.FromMilliseconds(20);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(ct).ConfigureAwait(false);
                var free = _slots.CurrentCount + 1;
                QueueMessage[] messages;
                try
                {
                    messages = (await _queue.ReceiveMessagesAsync(Math.Min(32, free), _context.Config.LockDuration, ct).ConfigureAwait(false)).Value;
                }
                catch
                {
                    _slots.Release();
                    throw;
                }
                if (messages.Length == 0)
                {
                    _slots.Release();
                    await Task.Delay(idleDelay, ct).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromMilliseconds(Math.Min(500, idleDelay.TotalMilliseconds * 2));
                    continue;
                }
                idleDelay = TimeSpan.FromMilliseconds(20);
                // One slot is held; take one more per extra message (we asked for at most `free`).
                for (var i = 1; i < messages.Length; i++) await _slots.WaitAsync(ct).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _active);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(message, ct).ConfigureAwait(false);
                        }
                        catch (Exception e) when (!ct.IsCancellationRequested)
                        {
                            _context.Log.Host($"Functions.{_function.Name}: message {message.MessageId} handling error: {e.Message}");
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _active);
                            _slots.Release();
                        }
                    }, CancellationToken.None);
                }
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

    private async Task ProcessAsync(QueueMessage stored, CancellationToken ct)
    {
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
        var renewTask = RenewLockAsync(stored.MessageId, () => popReceipt, r => popReceipt = r, renewal.Token);

        var metadata = new List<KeyValuePair<string, HostInput?>>
        {
            new("DeliveryCount", new HostInput.Integer(deliveryCount)),
            new("DeadLetterSource", message.DeadLetterSource is null ? null : new HostInput.Text(message.DeadLetterSource)),
            new("LockToken", new HostInput.Text(Guid.NewGuid().ToString())),
            new("ExpiresAtUtc", new HostInput.Timestamp(message.ExpiresAtUtc)),
            new("EnqueuedTimeUtc", new HostInput.Timestamp(message.EnqueuedTimeUtc)),
            new("MessageId", new HostInput.Text(message.MessageId)),
            new("ContentType", message.ContentType is null ? null : new HostInput.Text(message.ContentType)),
            new("SequenceNumber", new HostInput.Integer(message.SequenceNumber)),
            new("Subject", message.Subject is null ? null : new HostInput.Text(message.Subject)),
            new("CorrelationId", message.CorrelationId is null ? null : new HostInput.Text(message.CorrelationId)),
            new("SessionId", message.SessionId is null ? null : new HostInput.Text(message.SessionId)),
            new("ApplicationProperties", new HostInput.Object(message.ApplicationProperties?.DeepClone().AsObject() ?? new JsonObject())),
            new("UserProperties", new HostInput.Object(message.ApplicationProperties?.DeepClone().AsObject() ?? new JsonObject())),
            new("sys", FunctionsHostContext.Sys(_function.Name)),
        };
        var envelope = new InvocationEnvelope
        {
            TriggerName = _trigger.Name,
            TriggerValue = _trigger.IsBinary ? new HostInput.Bytes(message.Body) : new HostInput.Text(Encoding.UTF8.GetString(message.Body)),
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

    private async Task DeadLetterAsync(QueueMessage stored, LocalServiceBusMessage message, string description, CancellationToken ct)
    {
        await _bus.DeadLetterAsync(_queueName, message, "MaxDeliveryCountExceeded", description, ct).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(stored.MessageId, stored.PopReceipt, ct).ConfigureAwait(false);
        _context.Log.Host($"Functions.{_function.Name}: message {message.MessageId} moved to '{_queueName}{LocalServiceBus.DeadLetterSuffix}' (MaxDeliveryCountExceeded).");
    }

    private async Task RenewLockAsync(string messageId, Func<string> receipt, Action<string> setReceipt, CancellationToken ct)
    {
        var lockDuration = _context.Config.LockDuration;
        var until = DateTimeOffset.UtcNow + _context.Config.ServiceBusMaxAutoLockRenewal;
        try
        {
            while (DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(lockDuration / 2, ct).ConfigureAwait(false);
                var update = await _queue.UpdateMessageAsync(messageId, receipt(), null, lockDuration, ct).ConfigureAwait(false);
                setReceipt(update.Value.PopReceipt);
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
        _stop.Dispose();
    }
}
