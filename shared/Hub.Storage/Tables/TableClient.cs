using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage.Tables;

/// <summary>
/// One table: create/delete it and read, write, query and transact its entities. Mirrors
/// <c>Azure.Data.Tables.TableClient</c>. Entities are <see cref="TableEntity"/> (a dictionary) or any class
/// implementing <see cref="ITableEntity"/> with public get/set properties (see <see cref="TableEntity"/> for the types).
/// Service errors throw <see cref="StorageRequestFailedException"/>; inputs the service would refuse throw
/// <see cref="TableArgumentException"/> before anything is sent.
/// </summary>
/// <example><code>
/// var table = connection.CreateTableServiceClient().GetTableClient("members");
/// var member = (await table.GetEntityAsync&lt;MemberEntity&gt;("E001", "M042")).Value;
/// member.Status = "Active";
/// await table.UpdateEntityAsync(member, member.ETag, TableUpdateMode.Replace); // 412 if someone else changed it
/// </code></example>
public partial class TableClient
{
    private static readonly Regex TableNamePattern = new("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant);
    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceUri;

    /// <summary>Creates a client for one table from a connection string.</summary>
    public TableClient(string connectionString, string tableName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), tableName, options)
    {
    }

    /// <summary>Creates a client for one table of a resolved connection.</summary>
    public TableClient(StorageConnection connection, string tableName, StorageClientOptions? options = null)
    {
        var service = new TableServiceClient(connection, options);
        (_serviceUri, _pipeline, Name) = (service.Uri, service.Pipeline, CheckTableName(tableName));
        Uri = StorageHttp.AppendPath(_serviceUri, Name);
    }

    internal TableClient(Uri serviceUri, string tableName, HttpPipeline pipeline)
    {
        (_serviceUri, _pipeline, Name) = (serviceUri, pipeline, CheckTableName(tableName));
        Uri = StorageHttp.AppendPath(_serviceUri, Name);
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _serviceUri = null!;
        Name = null!;
        Uri = null!;
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>The table URL.</summary>
    public virtual Uri Uri { get; }

    /// <summary>Creates the table; 409 (TableAlreadyExists) if it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Post, StorageHttp.AppendPath(_serviceUri, "Tables"));
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", TableEntityJson.ContentTypeNoMetadata);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Creates the table unless it exists. The raw response is 204 when created, 409 when it already existed.</summary>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsConflict && e.ErrorCode == "TableAlreadyExists")
        {
            return Response.FromValue(new TableItem(Name), e.GetRawResponse()!);
        }
    }

    /// <summary>Deletes the table and its entities; a table that does not exist is not an error (the raw response is 404).</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, TableResourceUri(_serviceUri, Name));
        SetODataHeaders(message.Request);
        try
        {
            return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return e.GetRawResponse()!;
        }
    }

    /// <summary>Reads one entity; 404 (ResourceNotFound) throws <see cref="StorageRequestFailedException"/>.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">Properties to read (others are left unset); null reads all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new()
    {
        var response = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ReadSingle<T>(response, partitionKey, rowKey), response);
    }

    /// <summary>Reads one entity, or reports that it does not exist (<see cref="NullableResponse{T}.HasValue"/> false) without throwing.</summary>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new()
    {
        try
        {
            var response = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
            return new TableNullableResponse<T>(ReadSingle<T>(response, partitionKey, rowKey), response);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound && e.ErrorCode != "TableNotFound")
        {
            return new TableNullableResponse<T>(null, e.GetRawResponse()!);
        }
    }

    private async Task<Response> GetEntityCoreAsync(string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var uri = EntityUri(partitionKey, rowKey);
        if (SelectQuery(select) is { } selectQuery) uri = StorageHttp.WithQuery(uri, selectQuery);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        SetODataHeaders(message.Request);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static T ReadSingle<T>(Response response, string partitionKey, string rowKey) where T : class, ITableEntity, new()
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var read = TableEntityJson.Read(document.RootElement);
        // A $select without the keys still yields an entity that knows its keys.
        read = read with { PartitionKey = read.PartitionKey ?? partitionKey, RowKey = read.RowKey ?? rowKey };
        if (read.ETag == default && response.Headers.ETag is { } etag) read = read with { ETag = etag };
        return TableEntityMapper.Materialize<T>(read);
    }

    /// <summary>Inserts a new entity; 409 (EntityAlreadyExists) if one with the same keys exists. The response's ETag header is the new version.</summary>
    /// <exception cref="TableArgumentException">The entity breaks a service limit (size, keys, property names or types).</exception>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default) where T : class, ITableEntity
    {
        var body = Serialize(entity);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, Uri);
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetBody(message.Request, body);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity or, if it exists, merges into it or replaces it, unconditionally.</summary>
    public virtual async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) where T : class, ITableEntity
    {
        var body = Serialize(entity);
        using var message = _pipeline.CreateMessage(UpdateMethod(mode), EntityUri(entity.PartitionKey, entity.RowKey));
        SetODataHeaders(message.Request);
        SetBody(message.Request, body);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates an existing entity if its version is still <paramref name="ifMatch"/>: 412 (UpdateConditionNotSatisfied)
    /// if it changed since it was read, 404 if it does not exist. Pass <see cref="ETag.All"/> to update whatever the version.
    /// </summary>
    public virtual async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) where T : class, ITableEntity
    {
        RequireETag(ifMatch);
        var body = Serialize(entity);
        using var message = _pipeline.CreateMessage(UpdateMethod(mode), EntityUri(entity.PartitionKey, entity.RowKey));
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        SetBody(message.Request, body);
        return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an entity if its version is <paramref name="ifMatch"/> (412 if it changed); the default deletes
    /// whatever the version. An entity that does not exist is not an error (the raw response is 404).
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
        CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, EntityUri(partitionKey, rowKey));
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("If-Match", (ifMatch == default ? ETag.All : ifMatch).ToString("H"));
        try
        {
            return await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound && e.ErrorCode != "TableNotFound")
        {
            return e.GetRawResponse()!;
        }
    }

    internal static void SetODataHeaders(Request request)
    {
        request.Headers.SetValue("Accept", TableEntityJson.AcceptMinimalMetadata);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
    }

    internal static void CheckPageSize(int? maxPerPage)
    {
        if (maxPerPage is { } n && (n < 1 || n > TableLimits.MaxPageSize))
            throw new TableArgumentException(TableErrorCodes.InvalidQuery,
                $"maxPerPage is {n}; it must be 1 to {TableLimits.MaxPageSize}.",
                $"maxPerPage が {n} です。1 から {TableLimits.MaxPageSize} の範囲で指定してください。", nameof(maxPerPage));
    }

    /// <summary>Validates and serialises an entity.</summary>
    internal static byte[] Serialize(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var prepared = TableEntityMapper.Prepare(entity);
        TableLimits.Validate(prepared);
        var json = TableEntityJson.Write(prepared);
        TableLimits.ValidateSerializedSize(prepared, json.Length);
        return json;
    }

    private static void SetBody(Request request, byte[] body)
    {
        request.Headers.SetValue("Content-Type", TableEntityJson.ContentTypeNoMetadata);
        request.Content = RequestContent.Create(body);
    }

    internal static RequestMethod UpdateMethod(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => RequestMethod.Patch,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    internal static void RequireETag(ETag ifMatch)
    {
        if (ifMatch == default)
            throw new TableArgumentException(TableErrorCodes.MissingETag,
                $"ifMatch is empty: pass the entity's ETag for an optimistic update, or ETag.All to update unconditionally.",
                $"ifMatch が空です。楽観的更新には読み取ったエンティティの ETag を、無条件の更新には ETag.All を渡してください。", nameof(ifMatch));
    }

    /// <summary>The URL of one entity: <c>table(PartitionKey='…',RowKey='…')</c> with quotes doubled and the keys percent-encoded.</summary>
    internal Uri EntityUri(string partitionKey, string rowKey)
    {
        TableLimits.ValidateKey(partitionKey, "PartitionKey");
        TableLimits.ValidateKey(rowKey, "RowKey");
        return new Uri($"{Uri.AbsoluteUri.TrimEnd('/')}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')");
    }

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static Uri TableResourceUri(Uri serviceUri, string name) =>
        new($"{serviceUri.AbsoluteUri.TrimEnd('/')}/Tables('{name}')");

    private static string? SelectQuery(IEnumerable<string>? select)
    {
        if (select is null) return null;
        var names = select.ToList();
        return names.Count == 0 ? null : "$select=" + Uri.EscapeDataString(string.Join(',', names));
    }

    private static string CheckTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNamePattern.IsMatch(tableName) || string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
            throw new TableArgumentException(TableErrorCodes.InvalidTableName,
                $"Table name '{tableName}' is invalid: use 3 to 63 letters and digits, starting with a letter (not 'tables').",
                $"テーブル名 '{tableName}' は使えません。英字で始まる 3〜63 文字の英数字にしてください ('tables' は予約名)。", nameof(tableName));
        return tableName;
    }
}
