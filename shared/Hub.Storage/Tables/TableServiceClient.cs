using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Tables;

/// <summary>The Table service of one storage account. Mirrors <c>Azure.Data.Tables.TableServiceClient</c>.</summary>
public class TableServiceClient
{
    /// <summary>Creates a client for a connection string.</summary>
    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>Creates a client for a resolved connection.</summary>
    public TableServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Uri = connection.TableEndpoint ?? throw new ArgumentException("The connection has no table endpoint.", nameof(connection));
        Pipeline = StoragePipeline.Build(connection, options ?? new StorageClientOptions(), StorageServiceKind.Table);
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
        Uri = null!;
        Pipeline = null!;
    }

    /// <summary>The service endpoint.</summary>
    public virtual Uri Uri { get; }

    internal HttpPipeline Pipeline { get; }

    /// <summary>Gets a client for one table (no request is made).</summary>
    /// <exception cref="TableArgumentException">The name is not 3–63 letters and digits starting with a letter.</exception>
    public virtual TableClient GetTableClient(string tableName) => new(Uri, tableName, Pipeline);

    /// <summary>Creates a table; 409 (TableAlreadyExists) if it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateAsync(cancellationToken);

    /// <summary>Creates a table unless it exists. The raw response is 204 when created, 409 when it already existed.</summary>
    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes a table and its entities; a table that does not exist is not an error (the raw response is 404).</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>Lists tables, optionally filtered (e.g. <c>TableName ge 'audit' and TableName lt 'audiu'</c>), paged by continuation.</summary>
    /// <param name="filter">An OData filter on <c>TableName</c>; build it with <see cref="TableClient.CreateQueryFilter"/>.</param>
    /// <param name="maxPerPage">Tables per page (1–1000); null lets the service choose (up to 1000).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        TableClient.CheckPageSize(maxPerPage);
        var tablesUri = StorageHttp.AppendPath(Uri, "Tables");
        return new ContinuationPageable<TableItem>(async (continuation, pageSizeHint, ct) =>
        {
            var query = new List<string>();
            if (!string.IsNullOrEmpty(filter)) query.Add("$filter=" + Uri.EscapeDataString(filter));
            if ((maxPerPage ?? pageSizeHint) is int top && top > 0) query.Add("$top=" + Math.Min(top, TableLimits.MaxPageSize));
            if (!string.IsNullOrEmpty(continuation)) query.Add("NextTableName=" + Uri.EscapeDataString(continuation));
            using var message = Pipeline.CreateMessage(RequestMethod.Get, query.Count == 0 ? tablesUri : StorageHttp.WithQuery(tablesUri, string.Join('&', query)));
            TableClient.SetODataHeaders(message.Request);
            var response = await Pipeline.SendCheckedAsync(message, ct).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(response.ContentStream!, default, ct).ConfigureAwait(false);
            var items = document.RootElement.GetProperty("value").EnumerateArray()
                .Select(t => new TableItem(t.GetProperty("TableName").GetString()!)).ToList();
            response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next);
            return Page<TableItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
        }, cancellationToken);
    }
}
