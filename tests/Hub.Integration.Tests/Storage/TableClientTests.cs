using System.Net;
using Azure;
using Hub.Storage;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>Table and entity operations against the shared Azurite.</summary>
public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = azurite.Connection.CreateTableServiceClient().GetTableClient(TestNames.Table("t"));
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task Crud_round_trips_a_typed_entity_and_a_missing_one_is_a_typed_404()
    {
        var table = await NewTableAsync();
        var note = new TestNoteEntity("p1", "r1", "first") { Version = 1 };
        var added = await table.AddEntityAsync(note);
        Assert.Equal(204, added.Status);
        Assert.NotNull(added.Headers.ETag);

        var read = (await table.GetEntityAsync<TestNoteEntity>("p1", "r1")).Value;
        Assert.Equal(("p1", "r1", "first", 1), (read.PartitionKey, read.RowKey, read.Text, read.Version));
        Assert.Equal(added.Headers.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);

        read.Text = "second";
        read.Version = 2;
        var updated = await table.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace);
        Assert.NotEqual(read.ETag, updated.Headers.ETag);
        var again = await table.GetEntityIfExistsAsync<TestNoteEntity>("p1", "r1");
        Assert.True(again.HasValue);
        Assert.Equal(("second", 2), (again.Value!.Text, again.Value.Version));

        await table.DeleteEntityAsync("p1", "r1", updated.Headers.ETag!.Value);
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityAsync<TestNoteEntity>("p1", "r1"));
        Assert.True(e.IsNotFound);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
        var missing = await table.GetEntityIfExistsAsync<TestNoteEntity>("p1", "r1");
        Assert.False(missing.HasValue);
        Assert.Equal(404, missing.GetRawResponse().Status);
        Assert.Throws<InvalidOperationException>(() => missing.Value);
        // Deleting what is already gone is not an error, as in Azure.Data.Tables.
        Assert.Equal(404, (await table.DeleteEntityAsync("p1", "r1")).Status);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_a_typed_412_and_etag_all_overrides()
    {
        var table = await NewTableAsync();
        var v1 = (await table.AddEntityAsync(new TestNoteEntity("p", "r", "v1"))).Headers.ETag!.Value;
        var v2 = (await table.UpdateEntityAsync(new TestNoteEntity("p", "r", "v2"), v1)).Headers.ETag!.Value;

        // Someone still holding v1 loses.
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            table.UpdateEntityAsync(new TestNoteEntity("p", "r", "stale write"), v1, TableUpdateMode.Replace));
        Assert.True(e.IsPreconditionFailed);
        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
        Assert.IsAssignableFrom<RequestFailedException>(e);
        Assert.Equal("v2", (await table.GetEntityAsync<TestNoteEntity>("p", "r")).Value.Text);

        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", "r", v1));
        Assert.True(stale.IsPreconditionFailed);

        await table.UpdateEntityAsync(new TestNoteEntity("p", "r", "forced"), ETag.All, TableUpdateMode.Replace);
        Assert.Equal("forced", (await table.GetEntityAsync<TestNoteEntity>("p", "r")).Value.Text);
        Assert.NotEqual(v2, (await table.GetEntityAsync<TestNoteEntity>("p", "r")).Value.ETag);

        // An update never creates: a missing entity is 404.
        var missing = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            table.UpdateEntityAsync(new TestNoteEntity("p", "nobody", "x"), ETag.All));
        Assert.True(missing.IsNotFound);

        // An empty ETag is a programming error, refused before sending.
        var noEtag = await Assert.ThrowsAsync<TableArgumentException>(() => table.UpdateEntityAsync(new TestNoteEntity("p", "r", "x"), default));
        Assert.Equal(TableErrorCodes.MissingETag, noEtag.Code);
    }

    [Fact]
    public async Task Adding_the_same_entity_twice_is_a_typed_409()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TestNoteEntity("p", "r", "original"));
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TestNoteEntity("p", "r", "duplicate")));
        Assert.True(e.IsConflict);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Equal("original", (await table.GetEntityAsync<TestNoteEntity>("p", "r")).Value.Text);
    }

    [Fact]
    public async Task Merge_keeps_properties_not_sent_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        var full = new TableEntity("p", "r") { ["A"] = "a", ["B"] = 2, ["C"] = true };
        await table.AddEntityAsync(full);

        var mergeEtag = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = 20, ["D"] = "new" }, ETag.All, TableUpdateMode.Merge)).Headers.ETag;
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(("a", 20, true, "new"), (merged.GetString("A"), merged.GetInt32("B"), merged.GetBoolean("C"), merged.GetString("D")));
        Assert.Equal(mergeEtag, merged.ETag);

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = 200 }, merged.ETag, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(200, replaced.GetInt32("B"));
        Assert.Null(replaced["A"]);
        Assert.Null(replaced["C"]);
        Assert.Null(replaced["D"]);

        // Upsert: inserts when missing, then merges or replaces.
        await table.UpsertEntityAsync(new TableEntity("p", "u") { ["X"] = "x", ["Y"] = "y" });
        await table.UpsertEntityAsync(new TableEntity("p", "u") { ["Y"] = "y2" }, TableUpdateMode.Merge);
        var upMerged = (await table.GetEntityAsync<TableEntity>("p", "u")).Value;
        Assert.Equal(("x", "y2"), (upMerged.GetString("X"), upMerged.GetString("Y")));
        await table.UpsertEntityAsync(new TableEntity("p", "u") { ["Z"] = "z" }, TableUpdateMode.Replace);
        var upReplaced = (await table.GetEntityAsync<TableEntity>("p", "u")).Value;
        Assert.Equal((null, null, "z"), (upReplaced.GetString("X"), upReplaced.GetString("Y"), upReplaced.GetString("Z")));
    }

    [Fact]
    public async Task Query_continues_across_more_than_1000_entities()
    {
        var table = await NewTableAsync();
        const int total = 1200;
        for (var batch = 0; batch < total / 100; batch++)
        {
            var actions = Enumerable.Range(batch * 100, 100)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TestNoteEntity("bulk", $"{i:D5}", $"note {i}") { Version = i }));
            await table.SubmitTransactionAsync(actions);
        }

        // The service caps a page at 1,000 and continues by NextPartitionKey/NextRowKey.
        var pages = new List<int>();
        var seen = new List<TestNoteEntity>();
        await foreach (var page in table.QueryAsync<TestNoteEntity>().AsPages())
        {
            pages.Add(page.Values.Count);
            seen.AddRange(page.Values);
        }
        Assert.Equal([1000, 200], pages);
        Assert.Equal(Enumerable.Range(0, total), seen.Select(n => n.Version));
        Assert.Equal(total, seen.Select(n => n.RowKey).Distinct().Count());

        // Smaller pages, and resuming from a saved continuation token.
        var smallPages = new List<Page<TestNoteEntity>>();
        await foreach (var page in table.QueryAsync<TestNoteEntity>(maxPerPage: 500).AsPages()) smallPages.Add(page);
        Assert.Equal([500, 500, 200], smallPages.Select(p => p.Values.Count));
        var resumed = new List<int>();
        await foreach (var page in table.QueryAsync<TestNoteEntity>(maxPerPage: 500).AsPages(smallPages[0].ContinuationToken))
            resumed.AddRange(page.Values.Select(v => v.Version));
        Assert.Equal(Enumerable.Range(500, 700), resumed);

        // A filter that skips most entities still pages through all of them.
        var filtered = 0;
        await foreach (var note in table.QueryAsync<TestNoteEntity>(TableClient.CreateQueryFilter($"Version ge {1150}"))) filtered++;
        Assert.Equal(50, filtered);
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties_and_the_keys()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Keep"] = "yes", ["Drop"] = "no", ["Number"] = 7 });

        var got = (await table.GetEntityAsync<TableEntity>("p", "r", select: ["Keep", "Number"])).Value;
        Assert.Equal("yes", got.GetString("Keep"));
        Assert.Equal(7, got.GetInt32("Number"));
        Assert.False(got.ContainsKey("Drop"));
        Assert.Equal(("p", "r"), (got.PartitionKey, got.RowKey));
        Assert.NotEqual(default, got.ETag);

        var queried = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["Keep"])) queried.Add(e);
        var only = Assert.Single(queried);
        Assert.Equal(("p", "r", "yes"), (only.PartitionKey, only.RowKey, only.GetString("Keep")));
        Assert.False(only.ContainsKey("Drop"));
        Assert.False(only.ContainsKey("Number"));

        var typed = (await table.GetEntityAsync<TestNoteEntity>("p", "r", select: ["Text"])).Value;
        Assert.Null(typed.Text);
        Assert.Equal(0, typed.Version);
    }

    [Fact]
    public async Task Filter_escapes_quotes_and_matches_japanese_text()
    {
        var table = await NewTableAsync();
        string[] names = ["O'Brien", "山田 '太郎'", "山田 太郎", "''", "a'b''c", "健保🏥", "x eq 'y' or true"];
        for (var i = 0; i < names.Length; i++)
            await table.AddEntityAsync(new TableEntity("p", $"r{i}") { ["Name"] = names[i] });

        foreach (var name in names)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and Name eq {name}");
            var found = new List<TableEntity>();
            await foreach (var e in table.QueryAsync<TableEntity>(filter)) found.Add(e);
            Assert.Equal(name, Assert.Single(found).GetString("Name"));
        }

        // A range over Japanese text compares by code point, like the service.
        var yamada = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Name ge {"山田"} and Name lt {"山田\uffff"}")))
            yamada.Add(e.GetString("Name")!);
        Assert.Equal(["山田 '太郎'", "山田 太郎"], yamada.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filter_literals_match_every_edm_type()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.FromHours(9)).AddTicks(1234567);
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        const long big = (1L << 53) + 1;
        var entity = new TableEntity("p", "match")
        {
            ["Big"] = big, ["When"] = when, ["Id"] = id, ["Bytes"] = new byte[] { 0, 1, 0xfe, 0xff },
            ["Flag"] = true, ["Ratio"] = 2.5, ["Whole"] = 3.0, ["Count"] = 42, ["Born"] = new DateOnly(1990, 4, 1),
            ["Status"] = TestMemberStatus.Active,
        };
        await table.AddEntityAsync(entity);
        await table.AddEntityAsync(new TableEntity("p", "other")
        {
            ["Big"] = big + 1, ["When"] = when.AddDays(1), ["Id"] = Guid.NewGuid(), ["Bytes"] = new byte[] { 9 },
            ["Flag"] = false, ["Ratio"] = 0.5, ["Whole"] = 4.0, ["Count"] = 41, ["Born"] = new DateOnly(1991, 4, 1),
            ["Status"] = TestMemberStatus.Lapsed,
        });

        FormattableString[] filters =
        [
            $"Big eq {big}", $"When eq {when}", $"When lt {when.AddSeconds(1)}", $"Id eq {id}", $"Bytes eq {new byte[] { 0, 1, 0xfe, 0xff }}",
            $"Flag eq {true}", $"Ratio eq {2.5}", $"Whole eq {3.0}", $"Count eq {42}", $"Born eq {new DateOnly(1990, 4, 1)}",
            $"Status eq {TestMemberStatus.Active}", $"Count gt {41} and Flag eq {true}",
        ];
        foreach (var f in filters)
        {
            var rows = new List<string>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(f))) rows.Add(e.RowKey);
            Assert.True(rows.SequenceEqual(["match"]), $"{TableClient.CreateQueryFilter(f)} matched [{string.Join(", ", rows)}]");
        }
    }

    [Fact]
    public async Task Tables_are_created_idempotently_listed_with_a_filter_and_deleted()
    {
        var service = azurite.Connection.CreateTableServiceClient();
        var prefix = TestNames.Table("list");
        for (var i = 0; i < 5; i++) await service.CreateTableAsync($"{prefix}x{i}");

        var again = await service.CreateTableIfNotExistsAsync($"{prefix}x0");
        Assert.Equal(409, again.GetRawResponse().Status);
        Assert.Equal($"{prefix}x0", again.Value.Name);
        var dup = await Assert.ThrowsAsync<StorageRequestFailedException>(() => service.CreateTableAsync($"{prefix}x0"));
        Assert.Equal("TableAlreadyExists", dup.ErrorCode);

        var filter = TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}");
        var pages = new List<int>();
        var names = new List<string>();
        await foreach (var page in service.QueryAsync(filter, maxPerPage: 2).AsPages())
        {
            pages.Add(page.Values.Count);
            names.AddRange(page.Values.Select(t => t.Name));
        }
        Assert.Equal([2, 2, 1], pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}x{i}"), names);

        Assert.Equal(204, (await service.DeleteTableAsync($"{prefix}x0")).Status);
        Assert.Equal(404, (await service.DeleteTableAsync($"{prefix}x0")).Status);
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(() =>
            service.GetTableClient($"{prefix}x0").AddEntityAsync(new TestNoteEntity("p", "r")));
        Assert.True(e.IsNotFound);
        Assert.Equal("TableNotFound", e.ErrorCode);

        var created = await service.CreateTableIfNotExistsAsync($"{prefix}x0");
        Assert.Equal(204, created.GetRawResponse().Status);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("tables")]
    public void Invalid_table_names_are_refused_before_any_request(string name)
    {
        var e = Assert.Throws<TableArgumentException>(() => azurite.Connection.CreateTableServiceClient().GetTableClient(name));
        Assert.Equal(TableErrorCodes.InvalidTableName, e.Code);
    }

    [Fact]
    public async Task Keys_with_quotes_spaces_and_japanese_work_in_urls()
    {
        var table = await NewTableAsync();
        string[] keys = ["O'Brien", "山田 太郎", "a b+c%d&e=f", "''", "健保🏥", "(x)", ""];
        foreach (var key in keys)
        {
            await table.AddEntityAsync(new TestNoteEntity(key, key, "k"));
            var read = (await table.GetEntityAsync<TestNoteEntity>(key, key)).Value;
            Assert.Equal((key, key), (read.PartitionKey, read.RowKey));
            await table.UpdateEntityAsync(new TestNoteEntity(key, key, "updated"), read.ETag);
            Assert.Equal("updated", (await table.GetEntityAsync<TestNoteEntity>(key, key)).Value.Text);
            await table.DeleteEntityAsync(key, key);
            Assert.False((await table.GetEntityIfExistsAsync<TestNoteEntity>(key, key)).HasValue);
        }
    }

    [Fact]
    public async Task Transient_503s_are_retried_by_the_pipeline()
    {
        await using var proxy = await FaultProxy.StartAsync(new Uri($"http://127.0.0.1:{azurite.Azurite.TablePort}"));
        var viaProxy = StorageConnection.Create(null, null, proxy.Rewrite(azurite.Connection.TableEndpoint!),
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey));
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var table = viaProxy.CreateTableServiceClient(options).GetTableClient(TestNames.Table("retry"));

        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await table.CreateAsync();
        Assert.Equal((2, 3), (proxy.Faulted, proxy.Requests));

        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await table.AddEntityAsync(new TestNoteEntity("p", "r", "after retries"));
        Assert.Equal((4, 6), (proxy.Faulted, proxy.Requests));

        proxy.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TestNoteEntity("p", "b", "batched"))]);
        Assert.Equal((6, 9), (proxy.Faulted, proxy.Requests));

        var direct = azurite.Connection.CreateTableServiceClient().GetTableClient(table.Name);
        Assert.Equal("after retries", (await direct.GetEntityAsync<TestNoteEntity>("p", "r")).Value.Text);
        Assert.Equal("batched", (await direct.GetEntityAsync<TestNoteEntity>("p", "b")).Value.Text);
    }

    [Fact]
    public async Task Client_from_a_connection_string_reaches_the_same_table()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TestNoteEntity("p", "r", "via connection"));
        var fromString = new TableClient(azurite.Azurite.ConnectionString, table.Name);
        Assert.Equal("via connection", (await fromString.GetEntityAsync<TestNoteEntity>("p", "r")).Value.Text);
        Assert.Equal(table.Uri, fromString.Uri);
    }
}
