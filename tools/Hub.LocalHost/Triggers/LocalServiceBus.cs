using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hub.Storage;
using Hub.Storage.Queues;

namespace Hub.LocalHost.Triggers;

/// <summary>
/// Service Bus queues served by Azurite storage queues of the same name (locally only). Each storage
/// message holds a <see cref="LocalServiceBusMessage"/> envelope with the broker-assigned properties the
/// trigger exposes (MessageId, SequenceNumber, EnqueuedTimeUtc, …). Peek-lock is emulated by the
/// visibility timeout, DeliveryCount by the dequeue count, and the dead-letter sub-queue by a queue
/// named <c>{queue}-deadletter</c>.
/// </summary>
public sealed class LocalServiceBus
{
    /// <summary>The suffix of dead-letter queues.</summary>
    public const string DeadLetterSuffix = "-deadletter";

    private static long _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private readonly QueueServiceClient _queues;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _created = new(StringComparer.Ordinal);

    /// <summary>Uses the queue service of <paramref name="connection"/>.</summary>
    public LocalServiceBus(StorageConnection connection) =>
        _queues = connection.CreateQueueServiceClient(new StorageClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>The storage queue serving a Service Bus queue.</summary>
    public async Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken)
    {
        // Created once per name, however many sends ask at the same time; a failed creation is tried again next time.
        var entry = _created.GetOrAdd(name, n => new Lazy<Task<QueueClient>>(async () =>
        {
            var queue = _queues.GetQueueClient(n);
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return queue;
        }));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(name, entry));
            throw;
        }
    }

    /// <summary>Raised with the queue name after a message was sent through this instance (listeners wake up at once).</summary>
    public event Action<string>? Sent;

    /// <summary>Sends a message as an output binding does: the broker assigns a new MessageId (an output binding cannot set one).</summary>
    public async Task<LocalServiceBusMessage> SendAsync(string queueName, byte[] body, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var message = new LocalServiceBusMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            SequenceNumber = Interlocked.Increment(ref _sequence),
            EnqueuedTimeUtc = now.UtcDateTime,
            ExpiresAtUtc = DateTime.MaxValue,
            Body = body,
        };
        var queue = await QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, Json)), timeToLive: Timeout.InfiniteTimeSpan,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        Sent?.Invoke(queueName);
        return message;
    }

    /// <summary>Moves a message to <c>{queue}-deadletter</c> with the reason, as the broker does.</summary>
    public async Task DeadLetterAsync(string queueName, LocalServiceBusMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        var dead = message with
        {
            DeadLetterReason = reason,
            DeadLetterErrorDescription = description,
            DeadLetterSource = queueName,
            DeadLetteredAtUtc = DateTime.UtcNow,
        };
        var dlq = await QueueAsync(queueName + DeadLetterSuffix, cancellationToken).ConfigureAwait(false);
        await dlq.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(dead, Json)), timeToLive: Timeout.InfiniteTimeSpan,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an envelope from a storage message.</summary>
    public static LocalServiceBusMessage Parse(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<LocalServiceBusMessage>(message.Body.ToMemory().Span, Json)
                   ?? throw new InvalidDataException("empty envelope");
        }
        catch (JsonException)
        {
            // A message put on the queue by something other than the local host: treat the text as the body.
            return new LocalServiceBusMessage
            {
                MessageId = message.MessageId,
                SequenceNumber = 0,
                EnqueuedTimeUtc = message.InsertedOn?.UtcDateTime ?? DateTime.UtcNow,
                ExpiresAtUtc = message.ExpiresOn?.UtcDateTime ?? DateTime.MaxValue,
                Body = message.Body.ToArray(),
            };
        }
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The envelope of an emulated Service Bus message in its storage queue.</summary>
public sealed record LocalServiceBusMessage
{
    /// <summary>Broker-assigned message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>Broker-assigned sequence number.</summary>
    public required long SequenceNumber { get; init; }

    /// <summary>When the broker accepted the message.</summary>
    public required DateTime EnqueuedTimeUtc { get; init; }

    /// <summary>When the message expires.</summary>
    public required DateTime ExpiresAtUtc { get; init; }

    /// <summary>The message body (base64 in the envelope).</summary>
    public required byte[] Body { get; init; }

    /// <summary>Content type, if set by the sender.</summary>
    public string? ContentType { get; init; }

    /// <summary>Correlation id, if set by the sender.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Subject (formerly Label), if set.</summary>
    public string? Subject { get; init; }

    /// <summary>Session id, if set.</summary>
    public string? SessionId { get; init; }

    /// <summary>Application properties.</summary>
    public JsonObject? ApplicationProperties { get; init; }

    /// <summary>Why the message was dead-lettered.</summary>
    public string? DeadLetterReason { get; init; }

    /// <summary>Details of the dead-lettering.</summary>
    public string? DeadLetterErrorDescription { get; init; }

    /// <summary>The queue the message was dead-lettered from.</summary>
    public string? DeadLetterSource { get; init; }

    /// <summary>When it was dead-lettered.</summary>
    public DateTime? DeadLetteredAtUtc { get; init; }
}
