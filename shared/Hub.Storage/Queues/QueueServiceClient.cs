using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Queues;

/// <summary>The Queue service of one storage account. Mirrors <c>Azure.Storage.Queues.QueueServiceClient</c>.</summary>
public class QueueServiceClient
{
    private readonly StorageConnection _connection;

    /// <summary>Creates a client for a connection string.</summary>
    public QueueServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>Creates a client for a resolved connection.</summary>
    public QueueServiceClient(StorageConnection connection, StorageClientOptions? options = null)
        : this(connection.QueueEndpoint ?? throw new ArgumentException("The connection has no queue endpoint.", nameof(connection)), connection, options)
    {
    }

    internal QueueServiceClient(Uri serviceUri, StorageConnection connection, StorageClientOptions? options)
    {
        Uri = serviceUri;
        _connection = connection;
        Options = options ?? new StorageClientOptions();
        Pipeline = StoragePipeline.Build(connection, Options, StorageServiceKind.Queue);
    }

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
        Uri = null!;
        _connection = null!;
        Options = null!;
        Pipeline = null!;
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; }

    internal StorageClientOptions Options { get; }

    internal HttpPipeline Pipeline { get; }

    /// <summary>Gets a client for one queue (no request is made).</summary>
    public virtual QueueClient GetQueueClient(string queueName) => new(StorageHttp.AppendPath(Uri, queueName), queueName, Pipeline, Options);

    /// <summary>Lists queues whose names start with <paramref name="prefix"/>, paged by continuation marker.</summary>
    public virtual AsyncPageable<QueueItem> GetQueuesAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<QueueItem>(async (marker, pageSize, ct) =>
        {
            var query = "comp=list";
            if (!string.IsNullOrEmpty(prefix)) query += "&prefix=" + Uri.EscapeDataString(prefix);
            if (!string.IsNullOrEmpty(marker)) query += "&marker=" + Uri.EscapeDataString(marker);
            if (pageSize is > 0) query += "&maxresults=" + pageSize;
            using var message = Pipeline.CreateMessage(RequestMethod.Get, StorageHttp.WithQuery(Uri, query));
            var response = await Pipeline.SendCheckedAsync(message, ct).ConfigureAwait(false);
            var root = XDocument.Load(response.ContentStream!).Root!;
            var items = root.Element("Queues")?.Elements("Queue").Select(q => new QueueItem(q.Element("Name")!.Value)).ToList() ?? [];
            var next = root.Element("NextMarker")?.Value;
            return Page<QueueItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
        }, cancellationToken);
}
