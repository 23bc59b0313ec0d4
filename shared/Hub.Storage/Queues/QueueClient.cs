using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Queues;

/// <summary>One storage queue. Mirrors <c>Azure.Storage.Queues.QueueClient</c>.</summary>
/// <remarks>Locally the hub also serves Service Bus queues from storage queues (see the local host).</remarks>
public class QueueClient
{
    /// <summary>The largest message the service accepts after encoding (64 KiB).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly HttpPipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;
    private readonly Uri _messagesUri;

    /// <summary>Creates a client for one queue from a connection string.</summary>
    public QueueClient(string connectionString, string queueName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), queueName, options)
    {
    }

    /// <summary>Creates a client for one queue of a resolved connection.</summary>
    public QueueClient(StorageConnection connection, string queueName, StorageClientOptions? options = null)
    {
        var service = new QueueServiceClient(connection, options);
        Name = queueName;
        Uri = StorageHttp.AppendPath(service.Uri, queueName);
        _pipeline = service.Pipeline;
        _encoding = service.Options.MessageEncoding;
        _messagesUri = StorageHttp.AppendPath(Uri, "messages");
    }

    internal QueueClient(Uri uri, string name, HttpPipeline pipeline, StorageClientOptions options)
    {
        Uri = uri;
        Name = name;
        _pipeline = pipeline;
        _encoding = options.MessageEncoding;
        _messagesUri = StorageHttp.AppendPath(Uri, "messages");
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        Uri = null!;
        Name = null!;
        _pipeline = null!;
        _messagesUri = null!;
    }

    /// <summary>The queue name.</summary>
    public virtual string Name { get; }

    /// <summary>The queue URL.</summary>
    public virtual Uri Uri { get; }

    /// <summary>Creates the queue; 409 if it exists with different metadata.</summary>
    public virtual async Task<Response> CreateAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        if (metadata is not null)
            foreach (var (key, value) in metadata) message.Request.Headers.SetValue("x-ms-meta-" + key, value);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the queue unless it exists. Returns the response, or null when it already existed.</summary>
    public virtual async Task<Response?> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await CreateAsync(null, cancellationToken).ConfigureAwait(false);
            return response.Status == 201 ? response : null;
        }
        catch (StorageRequestFailedException e) when (e.IsConflict)
        {
            return null;
        }
    }

    /// <summary>Deletes the queue and its messages.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue if it exists; true when it was deleted.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await DeleteAsync(cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, response);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>Whether the queue exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, properties.GetRawResponse());
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return Response.FromValue(false, e.GetRawResponse()!);
        }
    }

    /// <summary>Reads the approximate message count and the metadata.</summary>
    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, StorageHttp.WithQuery(Uri, "comp=metadata"));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 0;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
        return Response.FromValue(new QueueProperties(count, metadata), response);
    }

    /// <summary>Sends a text message (UTF-8).</summary>
    /// <param name="messageText">The body.</param>
    /// <param name="visibilityTimeout">Delay before the message becomes visible (0 to 7 days).</param>
    /// <param name="timeToLive">How long the message lives; <see cref="Timeout.InfiniteTimeSpan"/> for never. Default 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);

    /// <summary>Sends a binary message.</summary>
    public virtual async Task<Response<SendReceipt>> SendMessageAsync(BinaryData body, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (visibilityTimeout is { } v) query.Add("visibilitytimeout=" + Seconds(v));
        if (timeToLive is { } ttl) query.Add("messagettl=" + (ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl)));
        var uri = query.Count == 0 ? _messagesUri : StorageHttp.WithQuery(_messagesUri, string.Join('&', query));
        using var message = _pipeline.CreateMessage(RequestMethod.Post, uri);
        var xml = new XElement("QueueMessage", new XElement("MessageText", Encode(body))).ToString(SaveOptions.DisableFormatting);
        var bytes = Encoding.UTF8.GetBytes(xml);
        if (bytes.Length > MaxMessageBytes + 100)
            throw new StorageRequestFailedException(413, $"The queue message is {bytes.Length} bytes after encoding; the limit is {MaxMessageBytes}.", "RequestBodyTooLarge");
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(bytes);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var item = XDocument.Load(response.ContentStream!).Root!.Element("QueueMessage")!;
        return Response.FromValue(new SendReceipt(item.Element("MessageId")!.Value, item.Element("PopReceipt")!.Value,
            Date(item, "InsertionTime")!.Value, Date(item, "ExpirationTime")!.Value, Date(item, "TimeNextVisible")!.Value), response);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1–32) messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (maxMessages is { } n) query.Add("numofmessages=" + n);
        if (visibilityTimeout is { } v) query.Add("visibilitytimeout=" + Seconds(v));
        var uri = query.Count == 0 ? _messagesUri : StorageHttp.WithQuery(_messagesUri, string.Join('&', query));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = ParseList(response).Select(m => new QueueMessage(m.Element("MessageId")!.Value, m.Element("PopReceipt")!.Value,
            Decode(m.Element("MessageText")?.Value ?? string.Empty), long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"), Date(m, "ExpirationTime"), Date(m, "TimeNextVisible"))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1–32) visible messages without receiving them.</summary>
    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        var query = "peekonly=true" + (maxMessages is { } n ? "&numofmessages=" + n : string.Empty);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, StorageHttp.WithQuery(_messagesUri, query));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = ParseList(response).Select(m => new PeekedMessage(m.Element("MessageId")!.Value,
            Decode(m.Element("MessageText")?.Value ?? string.Empty), long.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"), Date(m, "ExpirationTime"))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Changes a received message's visibility timeout and optionally its body; returns the new pop receipt.</summary>
    public virtual async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, BinaryData? body = null,
        TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var uri = StorageHttp.WithQuery(StorageHttp.AppendPath(_messagesUri, messageId),
            $"popreceipt={Uri.EscapeDataString(popReceipt)}&visibilitytimeout={Seconds(visibilityTimeout)}");
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
            message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(
                new XElement("QueueMessage", new XElement("MessageText", Encode(body))).ToString(SaveOptions.DisableFormatting)));
        }
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(new UpdateReceipt(newReceipt!, DateTimeOffset.Parse(nextVisible!, CultureInfo.InvariantCulture)), response);
    }

    /// <summary>Deletes a received message (it was processed).</summary>
    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var uri = StorageHttp.WithQuery(StorageHttp.AppendPath(_messagesUri, messageId), "popreceipt=" + Uri.EscapeDataString(popReceipt));
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, uri);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every message in the queue.</summary>
    public virtual async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, _messagesUri);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private string Encode(BinaryData body) =>
        _encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(body.ToMemory().Span) : body.ToString();

    private BinaryData Decode(string text)
    {
        if (_encoding == QueueMessageEncoding.None) return BinaryData.FromString(text);
        try
        {
            return BinaryData.FromBytes(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            // A message written by a client that did not base64-encode: hand it over as is.
            return BinaryData.FromString(text);
        }
    }

    private static IEnumerable<XElement> ParseList(Response response) =>
        XDocument.Load(response.ContentStream!).Root?.Elements("QueueMessage") ?? [];

    private static DateTimeOffset? Date(XElement element, string name) =>
        element.Element(name)?.Value is { Length: > 0 } v ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    private static string Seconds(TimeSpan value) => ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
