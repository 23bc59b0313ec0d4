using System.Text.Json;
using Azure;
using Azure.Core;

namespace Hub.Storage.Tables;

public partial class TableClient
{
    /// <summary>
    /// Builds an OData filter, writing each interpolated value as an escaped literal: strings quoted with
    /// <c>'</c> doubled, <c>long</c> as <c>123L</c>, DateTimeOffset as <c>datetime'…'</c> (UTC, 7 digits), Guid as
    /// <c>guid'…'</c>, byte[]/BinaryData as <c>X'…'</c>, bool, int and double as numbers, DateOnly and enums as
    /// strings (as the entity mapping stores them), null as <c>null</c>.
    /// </summary>
    /// <example><c>TableClient.CreateQueryFilter($"PartitionKey eq {employer} and Updated ge {since}")</c></example>
    public static string CreateQueryFilter(FormattableString filter) => TableOdataFilter.Create(filter);

    /// <summary>
    /// Queries entities, lazily, page by page (the service returns at most 1,000 per page and continues with the
    /// <c>x-ms-continuation-NextPartitionKey</c>/<c>NextRowKey</c> headers, carried as the page's continuation token).
    /// </summary>
    /// <param name="filter">An OData filter; build it with <see cref="CreateQueryFilter"/>. Null returns every entity.</param>
    /// <param name="maxPerPage">Entities per page (1–1000); null lets the service choose (up to 1000).</param>
    /// <param name="select">Properties to read; the keys are always read. Null reads all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new()
    {
        CheckPageSize(maxPerPage);
        var selectQuery = select is null ? null : SelectQuery(select.Concat(["PartitionKey", "RowKey"]).Distinct(StringComparer.Ordinal));
        return new ContinuationPageable<T>(async (continuation, pageSizeHint, ct) =>
        {
            var query = new List<string>();
            if (!string.IsNullOrEmpty(filter)) query.Add("$filter=" + Uri.EscapeDataString(filter));
            if ((maxPerPage ?? pageSizeHint) is int top && top > 0) query.Add("$top=" + Math.Min(top, TableLimits.MaxPageSize));
            if (selectQuery is not null) query.Add(selectQuery);
            if (!string.IsNullOrEmpty(continuation))
            {
                var space = continuation.IndexOf(' ');
                var nextPartition = space < 0 ? continuation : continuation[..space];
                var nextRow = space < 0 ? string.Empty : continuation[(space + 1)..];
                query.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
                if (nextRow.Length > 0) query.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
            using var message = _pipeline.CreateMessage(RequestMethod.Get, query.Count == 0 ? Uri : StorageHttp.WithQuery(Uri, string.Join('&', query)));
            SetODataHeaders(message.Request);
            var response = await _pipeline.SendCheckedAsync(message, ct).ConfigureAwait(false);
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var items = new List<T>();
            foreach (var element in document.RootElement.GetProperty("value").EnumerateArray())
                items.Add(TableEntityMapper.Materialize<T>(TableEntityJson.Read(element)));
            response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition);
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row);
            // The service's continuation values are opaque base64-like strings without spaces.
            var next = string.IsNullOrEmpty(partition) ? null : string.IsNullOrEmpty(row) ? partition : partition + " " + row;
            return Page<T>.FromValues(items, next, response);
        }, cancellationToken);
    }
}
