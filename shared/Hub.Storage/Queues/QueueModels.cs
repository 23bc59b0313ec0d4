namespace Hub.Storage.Queues;

/// <summary>A message received with a pop receipt (it is invisible to others until the visibility timeout ends).</summary>
/// <param name="MessageId">The service-assigned id.</param>
/// <param name="PopReceipt">Needed to delete or update the message; changes on every receive/update.</param>
/// <param name="Body">The decoded message body.</param>
/// <param name="DequeueCount">How many times the message has been received (1 on the first receive).</param>
/// <param name="InsertedOn">When the message was enqueued.</param>
/// <param name="ExpiresOn">When the message expires.</param>
/// <param name="NextVisibleOn">When the message becomes visible again unless deleted or updated.</param>
public sealed record QueueMessage(string MessageId, string PopReceipt, BinaryData Body, long DequeueCount,
    DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn, DateTimeOffset? NextVisibleOn)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();
}

/// <summary>A message seen without receiving it (no pop receipt; visibility unchanged).</summary>
public sealed record PeekedMessage(string MessageId, BinaryData Body, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();
}

/// <summary>The result of sending a message.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertionTime, DateTimeOffset ExpirationTime, DateTimeOffset TimeNextVisible);

/// <summary>The result of updating a message: its new pop receipt and visibility.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

/// <summary>Queue properties.</summary>
/// <param name="ApproximateMessagesCount">Approximate number of messages (visible and invisible).</param>
/// <param name="Metadata">User metadata.</param>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A queue in a listing.</summary>
public sealed record QueueItem(string Name);
