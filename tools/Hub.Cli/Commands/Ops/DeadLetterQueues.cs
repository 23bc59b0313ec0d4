using System.Text.Json;
using Hub.LocalHost.Triggers;
using Hub.Storage;
using Hub.Storage.Queues;

namespace Hub.Cli.Commands.Ops;

/// <summary>A dead-lettered message as ops see it: broker facts, never the body (it may carry personal data).</summary>
/// <param name="MessageId">The broker-assigned id.</param>
/// <param name="EnqueuedTimeUtc">When it was first sent.</param>
/// <param name="DeadLetteredAtUtc">When the broker gave up on it.</param>
/// <param name="Reason">DeadLetterReason (e.g. MaxDeliveryCountExceeded).</param>
/// <param name="Description">DeadLetterErrorDescription.</param>
/// <param name="BodyBytes">Body size.</param>
public sealed record DeadLetter(string MessageId, DateTime EnqueuedTimeUtc, DateTime? DeadLetteredAtUtc, string? Reason, string? Description, int BodyBytes);

/// <summary>What a replay did.</summary>
/// <param name="Replayed">Each replayed message: its dead-letter id and the id of the new message on the queue.</param>
/// <param name="Left">Messages still in the dead-letter queue (not selected).</param>
public sealed record DeadLetterReplay(IReadOnlyList<(string DeadLetterId, string NewMessageId)> Replayed, int Left);

/// <summary>
/// The dead-letter queues of the emulated Service Bus (local runs: Azurite queue <c>{queue}-deadletter</c>, see
/// <see cref="LocalServiceBus"/>). Replay sends the body back to the queue as a new message - as Service Bus
/// Explorer's "resend" does - then deletes the dead letter, so a crash in between duplicates rather than loses
/// it (the functions are idempotent by ids in the body).
/// </summary>
public sealed class DeadLetterQueues
{
    private const int Batch = 32; // the most a storage queue returns per call
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);
    private readonly LocalServiceBus _bus;
    private readonly QueueServiceClient _queues;

    /// <summary>Over the storage account that serves the emulated Service Bus.</summary>
    public DeadLetterQueues(StorageConnection connection)
    {
        _bus = new LocalServiceBus(connection);
        // Same encoding as the local host's queues; used to read without creating anything.
        _queues = connection.CreateQueueServiceClient(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    /// <summary>The dead-letter queue's name for <paramref name="queue"/>.</summary>
    public static string DeadLetterQueueName(string queue) => queue + LocalServiceBus.DeadLetterSuffix;

    /// <summary>Up to 32 dead letters (oldest first) and the approximate total.</summary>
    public async Task<(IReadOnlyList<DeadLetter> Messages, int ApproximateCount)> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var dlq = _queues.GetQueueClient(DeadLetterQueueName(queue));
        if (!(await dlq.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value) return ([], 0);
        var properties = await dlq.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var peeked = await dlq.PeekMessagesAsync(Batch, cancellationToken).ConfigureAwait(false);
        var list = peeked.Value.Select(p => Describe(Parse(p.Body))).ToList();
        return (list, Math.Max(properties.Value.ApproximateMessagesCount, list.Count));
    }

    /// <summary>
    /// Sends dead letters back to <paramref name="queue"/>: those whose MessageId is in <paramref name="ids"/>, or all
    /// (up to <paramref name="max"/>) when no ids are given. Messages not selected are left as they were.
    /// </summary>
    public async Task<DeadLetterReplay> ReplayAsync(string queue, IReadOnlySet<string>? ids = null, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var dlq = _queues.GetQueueClient(DeadLetterQueueName(queue));
        if (!(await dlq.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value) return new DeadLetterReplay([], 0);
        var replayed = new List<(string, string)>();
        // Messages not selected stay invisible until the end, so the loop sees each message once; then they are released.
        var held = new List<QueueMessage>();
        try
        {
            while (replayed.Count < max)
            {
                var batch = (await dlq.ReceiveMessagesAsync(Batch, Hold, cancellationToken).ConfigureAwait(false)).Value;
                if (batch.Length == 0) break;
                foreach (var message in batch)
                {
                    var dead = Parse(message.Body);
                    if (replayed.Count >= max || (ids is not null && !ids.Contains(dead.MessageId)))
                    {
                        held.Add(message);
                        continue;
                    }
                    var sent = await _bus.SendAsync(queue, dead.Body, cancellationToken).ConfigureAwait(false);
                    await dlq.DeleteMessageAsync(message.MessageId, message.PopReceipt!, cancellationToken).ConfigureAwait(false);
                    replayed.Add((dead.MessageId, sent.MessageId));
                }
            }
        }
        finally
        {
            foreach (var message in held)
                await dlq.UpdateMessageAsync(message.MessageId, message.PopReceipt!, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        var left = (await dlq.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        return new DeadLetterReplay(replayed, left);
    }

    private static LocalServiceBusMessage Parse(BinaryData body)
    {
        try
        {
            return JsonSerializer.Deserialize<LocalServiceBusMessage>(body.ToMemory().Span, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                   ?? throw new InvalidDataException("empty dead letter");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("A message in the dead-letter queue is not a local Service Bus envelope.", e);
        }
    }

    private static DeadLetter Describe(LocalServiceBusMessage m) =>
        new(m.MessageId, m.EnqueuedTimeUtc, m.DeadLetteredAtUtc, m.DeadLetterReason, m.DeadLetterErrorDescription, m.Body.Length);
}
