using System.Text;
using Azure;
using Azure.Core;

namespace Hub.Storage.Tables;

public partial class TableClient
{
    /// <summary>
    /// Runs up to 100 actions on entities of one partition as one atomic entity-group transaction: all of
    /// them are applied, or none. If an action fails, a <see cref="StorageRequestFailedException"/> carries that
    /// action's status and error code (e.g. 409 EntityAlreadyExists, 412, 404), its message names the action, and
    /// <see cref="TableTransactionFailure.GetFailedTransactionActionIndex"/> returns its index.
    /// </summary>
    /// <returns>One response per action, in order (status and ETag header of each).</returns>
    /// <exception cref="TableArgumentException">No actions, more than 100, more than one partition, the same entity
    /// twice, an invalid entity, or a request body over 4 MiB.</exception>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        ValidateTransaction(actions);

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var body = BuildBatchBody(actions, batchBoundary);
        if (body.Length > TableLimits.MaxTransactionBytes)
            throw new TableArgumentException(TableErrorCodes.TransactionTooLarge,
                $"The transaction of {actions.Count} actions is {body.Length:N0} bytes; the limit is {TableLimits.MaxTransactionBytes:N0} bytes (4 MiB). Split it into smaller transactions.",
                $"{actions.Count} 件のトランザクションは {body.Length:N0} バイトで、上限 {TableLimits.MaxTransactionBytes:N0} バイト (4 MiB) を超えています。分割してください。",
                nameof(transactionActions));

        using var message = _pipeline.CreateMessage(RequestMethod.Post, new Uri(_serviceUri.AbsoluteUri.TrimEnd('/') + "/$batch"));
        SetODataHeaders(message.Request);
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);

        var parts = TableBatchResponse.Parse(response);
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null) throw TableBatchResponse.CreateFailure(failed, actions);
        if (parts.Count != actions.Count)
            throw new InvalidOperationException($"The transaction response has {parts.Count} parts for {actions.Count} actions (request id {response.ClientRequestId}).");
        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
            throw new TableArgumentException(TableErrorCodes.TransactionEmpty,
                $"The transaction has no actions.", $"トランザクションに操作がありません。", "transactionActions");
        if (actions.Count > TableLimits.MaxTransactionActions)
            throw new TableArgumentException(TableErrorCodes.TransactionTooManyActions,
                $"The transaction has {actions.Count} actions; the limit is {TableLimits.MaxTransactionActions}. Split it into transactions of at most {TableLimits.MaxTransactionActions}.",
                $"トランザクションの操作数 {actions.Count} が上限 {TableLimits.MaxTransactionActions} を超えています。{TableLimits.MaxTransactionActions} 件以下に分割してください。",
                "transactionActions");

        var seen = new HashSet<(string, string)>();
        string? partition = null;
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i]?.Entity ?? throw new ArgumentNullException("transactionActions", $"Transaction action {i} or its entity is null.");
            TableLimits.ValidateKey(entity.PartitionKey, "PartitionKey");
            TableLimits.ValidateKey(entity.RowKey, "RowKey");
            partition ??= entity.PartitionKey;
            if (!string.Equals(partition, entity.PartitionKey, StringComparison.Ordinal))
                throw new TableArgumentException(TableErrorCodes.TransactionCrossPartition,
                    $"Transaction action {i} is in partition '{entity.PartitionKey}' but action 0 is in '{partition}'; a transaction can change only one partition.",
                    $"トランザクションの操作 {i} のパーティション '{entity.PartitionKey}' が操作 0 の '{partition}' と異なります。1 つのトランザクションで変更できるのは 1 パーティションだけです。",
                    "transactionActions");
            if (!seen.Add((entity.PartitionKey, entity.RowKey)))
                throw new TableArgumentException(TableErrorCodes.TransactionDuplicateEntity,
                    $"Transaction action {i} names RowKey '{entity.RowKey}' again; a transaction can act on an entity only once.",
                    $"トランザクションの操作 {i} が RowKey '{entity.RowKey}' を重複して指定しています。1 つのエンティティに対する操作は 1 回だけです。",
                    "transactionActions");
        }
    }

    /// <summary>The multipart/mixed body: one changeset holding one HTTP request per action.</summary>
    private byte[] BuildBatchBody(List<TableTransactionAction> actions, string batchBoundary)
    {
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        using var stream = new MemoryStream();
        void Text(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            stream.Write(bytes, 0, bytes.Length);
        }

        Text($"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var (method, uri, ifMatch, body) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", Uri, (ETag?)null, Serialize(entity)),
                TableTransactionActionType.UpsertMerge => ("PATCH", EntityUri(entity.PartitionKey, entity.RowKey), null, Serialize(entity)),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityUri(entity.PartitionKey, entity.RowKey), null, Serialize(entity)),
                TableTransactionActionType.UpdateMerge => ("PATCH", EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), Serialize(entity)),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), Serialize(entity)),
                TableTransactionActionType.Delete => ("DELETE", EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), null),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action type."),
            };

            var part = new StringBuilder()
                .Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableEntityJson.AcceptMinimalMetadata).Append("\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is { } etag) part.Append("If-Match: ").Append(etag.ToString("H")).Append("\r\n");
            if (body is not null)
                part.Append("Content-Type: ").Append(TableEntityJson.ContentTypeNoMetadata).Append("\r\n")
                    .Append("Prefer: return-no-content\r\n");
            part.Append("\r\n");
            Text(part.ToString());
            if (body is not null) stream.Write(body, 0, body.Length);
            Text("\r\n");
        }
        Text($"--{changeset}--\r\n\r\n--{batchBoundary}--\r\n");
        return stream.ToArray();
    }

    private static ETag OrAll(ETag etag) => etag == default ? ETag.All : etag;
}
