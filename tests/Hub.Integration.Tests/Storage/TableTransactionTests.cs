using Azure;
using Hub.Storage;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>Entity-group transactions ($batch) against the shared Azurite.</summary>
public sealed class TableTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = azurite.Connection.CreateTableServiceClient().GetTableClient(TestNames.Table("tx"));
        await table.CreateAsync();
        return table;
    }

    private static async Task<List<TableEntity>> AllAsync(TableClient table)
    {
        var all = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>()) all.Add(e);
        return all;
    }

    [Fact]
    public async Task A_batch_of_100_adds_succeeds_with_one_response_per_action()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity("事業所001", $"member{i:D3}") { ["Name"] = $"加入者 {i} 🏥", ["Index"] = i }))
            .ToList();

        var result = await table.SubmitTransactionAsync(actions);
        Assert.Equal(202, result.GetRawResponse().Status);
        Assert.Equal(100, result.Value.Count);
        Assert.All(result.Value, r => Assert.Equal(204, r.Status));
        Assert.All(result.Value, r => Assert.NotNull(r.Headers.ETag));

        var stored = await AllAsync(table);
        Assert.Equal(100, stored.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"加入者 {i} 🏥"), stored.OrderBy(e => e.GetInt32("Index")).Select(e => e.GetString("Name")));
        // Each response's ETag is the version of its entity.
        var etag42 = result.Value[42].Headers.ETag;
        Assert.Equal(etag42, stored.Single(e => e.RowKey == "member042").ETag);
    }

    [Fact]
    public async Task A_failing_action_in_the_middle_fails_the_whole_batch_and_says_which()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r050") { ["Value"] = "already here" });
        await table.AddEntityAsync(new TableEntity("p", "existing") { ["Value"] = "before" });
        var before = await AllAsync(table);

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "existing") { ["Value"] = "changed by the batch" }),
        };
        actions.AddRange(Enumerable.Range(1, 99).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["Value"] = "new" })));
        // actions[50] adds "r050", which exists.

        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.True(e.IsConflict);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Equal(50, e.GetFailedTransactionActionIndex());
        Assert.Contains("Transaction action 50 of 100", e.Message);
        Assert.Contains("RowKey 'r050'", e.Message);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
        Assert.IsAssignableFrom<RequestFailedException>(e);

        // Nothing was applied: not the upsert before the failure, not the adds after it.
        var after = await AllAsync(table);
        Assert.Equal(before.Select(x => (x.RowKey, x.GetString("Value"), x.ETag)), after.Select(x => (x.RowKey, x.GetString("Value"), x.ETag)));
    }

    [Fact]
    public async Task Mixed_actions_apply_together_and_a_stale_etag_rolls_back_all()
    {
        var table = await NewTableAsync();
        foreach (var key in new[] { "merge", "replace", "delete", "upsert" })
            await table.AddEntityAsync(new TableEntity("p", key) { ["A"] = "a", ["B"] = "b" });
        var etags = (await AllAsync(table)).ToDictionary(x => x.RowKey, x => x.ETag);

        var stale = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "added") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = "b2" }, etags["merge"]),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = "b2" }, new ETag("W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        };
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(stale));
        Assert.True(e.IsPreconditionFailed);
        Assert.Equal(2, e.GetFailedTransactionActionIndex());
        Assert.Equal(4, (await AllAsync(table)).Count);
        Assert.Equal("b", (await table.GetEntityAsync<TableEntity>("p", "merge")).Value.GetString("B"));

        var good = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "added") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = "b2" }, etags["merge"]),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = "b2" }, etags["replace"]),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete"), etags["delete"]),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["C"] = "c" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "fresh") { ["C"] = "c" }),
        };
        var result = await table.SubmitTransactionAsync(good);
        Assert.Equal(6, result.Value.Count);

        var rows = (await AllAsync(table)).ToDictionary(x => x.RowKey);
        Assert.Equal(["added", "fresh", "merge", "replace", "upsert"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("a", "b2"), (rows["merge"].GetString("A"), rows["merge"].GetString("B")));
        Assert.Equal((null, "b2"), (rows["replace"].GetString("A"), rows["replace"].GetString("B")));
        Assert.Equal(("a", "b", "c"), (rows["upsert"].GetString("A"), rows["upsert"].GetString("B"), rows["upsert"].GetString("C")));
        Assert.Equal(result.Value[1].Headers.ETag, rows["merge"].ETag);

        // Deleting an entity that no longer exists fails the transaction with 404 at that action.
        var gone = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["D"] = "d" }),
             new(TableTransactionActionType.Delete, new TableEntity("p", "delete"))]));
        Assert.True(gone.IsNotFound);
        Assert.Equal(1, gone.GetFailedTransactionActionIndex());
        Assert.Null((await table.GetEntityAsync<TableEntity>("p", "upsert")).Value.GetString("D"));
    }

    [Fact]
    public async Task Typed_entities_can_be_batched()
    {
        var table = await NewTableAsync();
        var notes = Enumerable.Range(0, 10).Select(i => new TestNoteEntity("notes", $"n{i}", $"note {i}") { Version = i }).ToList();
        await table.SubmitTransactionAsync(notes.Select(n => new TableTransactionAction(TableTransactionActionType.Add, n)));
        var read = new List<TestNoteEntity>();
        await foreach (var n in table.QueryAsync<TestNoteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"notes"}"))) read.Add(n);
        Assert.Equal(notes.Select(n => (n.RowKey, n.Text, n.Version)), read.Select(n => (n.RowKey, n.Text, n.Version)));
    }

    [Fact]
    public async Task Invalid_transactions_are_refused_clearly_before_any_request()
    {
        await using var proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{azurite.Azurite.TablePort}"));
        var viaProxy = StorageConnection.Create(null, null, proxy.Rewrite(azurite.Connection.TableEndpoint!),
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));
        var table = viaProxy.CreateTableServiceClient().GetTableClient(TestNames.Table("never"));

        TableTransactionAction Add(string pk, string rk) => new(TableTransactionActionType.Add, new TableEntity(pk, rk) { ["V"] = 1 });

        var tooMany = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))));
        Assert.Equal(TableErrorCodes.TransactionTooManyActions, tooMany.Code);
        Assert.Contains("101 actions", tooMany.Message);
        Assert.Contains("上限 100", tooMany.Message);

        var crossPartition = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.SubmitTransactionAsync([Add("p1", "a"), Add("p1", "b"), Add("p2", "c")]));
        Assert.Equal(TableErrorCodes.TransactionCrossPartition, crossPartition.Code);
        Assert.Contains("action 2 is in partition 'p2'", crossPartition.Message);

        var duplicate = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.SubmitTransactionAsync([Add("p", "a"), new(TableTransactionActionType.Delete, new TableEntity("p", "a"))]));
        Assert.Equal(TableErrorCodes.TransactionDuplicateEntity, duplicate.Code);

        var empty = await Assert.ThrowsAsync<TableArgumentException>(() => table.SubmitTransactionAsync([]));
        Assert.Equal(TableErrorCodes.TransactionEmpty, empty.Code);

        // 100 entities of ~60 KB each are each fine but together exceed the 4 MiB request limit.
        var big = new string('x', 30_000);
        var tooLarge = await Assert.ThrowsAsync<TableArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity("p", $"r{i}") { ["A"] = big, ["B"] = big }))));
        Assert.Equal(TableErrorCodes.TransactionTooLarge, tooLarge.Code);

        var badEntity = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.SubmitTransactionAsync([Add("p", "ok"), Add("p", "bad/key")]));
        Assert.Equal(TableErrorCodes.InvalidKey, badEntity.Code);

        Assert.Equal(0, proxy.Requests);
    }
}
