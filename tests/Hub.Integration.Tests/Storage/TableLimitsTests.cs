using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>The service's limits are enforced on the client so Azurite and Azure refuse the same things.</summary>
public sealed class TableLimitsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = azurite.Connection.CreateTableServiceClient().GetTableClient(TestNames.Table("limits"));
        await table.CreateAsync();
        return table;
    }

    private static TableEntity WithStrings(string rowKey, int count, int chars)
    {
        var entity = new TableEntity("p", rowKey);
        for (var i = 0; i < count; i++) entity[$"S{i:D2}"] = new string((char)('a' + i % 26), chars);
        return entity;
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused_with_its_keys_and_size()
    {
        var table = await NewTableAsync();
        // 17 strings of 32,000 chars: 17 * (8 + 6 + 4 + 64,000) + 4 + 2 * (1 + 5) ≈ 1.09 MB.
        var tooBig = WithStrings("huge1", 17, 32_000);
        Assert.True(TableLimits.EstimateEntitySize(tooBig) > TableLimits.MaxEntityBytes);

        var e = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(tooBig));
        Assert.Equal(TableErrorCodes.EntityTooLarge, e.Code);
        Assert.Contains("PartitionKey 'p', RowKey 'huge1'", e.Message);
        Assert.Contains(FormattableString.Invariant($"{TableLimits.EstimateEntitySize(tooBig):N0} bytes"), e.Message);
        Assert.Contains("1 MiB", e.Message);
        Assert.Contains("上限", e.Message);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "huge1")).HasValue);

        // The same through upsert, update and a transaction.
        await Assert.ThrowsAsync<TableArgumentException>(() => table.UpsertEntityAsync(tooBig));
        await Assert.ThrowsAsync<TableArgumentException>(() => table.UpdateEntityAsync(tooBig, Azure.ETag.All));
        var inBatch = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, tooBig)]));
        Assert.Equal(TableErrorCodes.EntityTooLarge, inBatch.Code);
    }

    [Fact]
    public async Task An_entity_just_under_1_MiB_is_stored()
    {
        var table = await NewTableAsync();
        // 15 strings of 32,000 chars plus one of 20,000 ≈ 1.00 MB by the service's estimate.
        var nearLimit = WithStrings("near", 16, 32_000);
        nearLimit.Remove("S15");
        nearLimit["Tail"] = new string('z', 20_000);
        var size = TableLimits.EstimateEntitySize(nearLimit);
        Assert.InRange(size, 1_000_000, TableLimits.MaxEntityBytes);

        await table.AddEntityAsync(nearLimit);
        var read = (await table.GetEntityAsync<TableEntity>("p", "near")).Value;
        Assert.Equal(32_000, read.GetString("S14")!.Length);
        Assert.Equal(20_000, read.GetString("Tail")!.Length);
    }

    [Fact]
    public async Task A_japanese_entity_within_the_estimate_but_over_1_MiB_of_json_is_refused_too()
    {
        var table = await NewTableAsync();
        // 10 strings of 20,000 kana: ~400 KB by the service's UTF-16 estimate, but ~1.2 MB as escaped JSON,
        // which Azurite refuses; the client refuses it for both.
        var entity = new TableEntity("p", "kana");
        for (var i = 0; i < 10; i++) entity[$"S{i}"] = new string('か', 20_000);
        Assert.True(TableLimits.EstimateEntitySize(entity) < TableLimits.MaxEntityBytes);

        var e = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(entity));
        Assert.Equal(TableErrorCodes.EntityTooLarge, e.Code);
        Assert.Contains("as JSON", e.Message);
        Assert.Contains("RowKey 'kana'", e.Message);

        entity.Remove("S9");
        entity.Remove("S8");
        await table.AddEntityAsync(entity);
        Assert.Equal(new string('か', 20_000), (await table.GetEntityAsync<TableEntity>("p", "kana")).Value.GetString("S7"));
    }

    [Fact]
    public async Task Strings_over_32K_characters_are_refused()
    {
        var table = await NewTableAsync();
        var longest = new string('あ', TableLimits.MaxStringChars);
        await table.AddEntityAsync(new TableEntity("p", "max") { ["S"] = longest });
        Assert.Equal(longest, (await table.GetEntityAsync<TableEntity>("p", "max")).Value.GetString("S"));

        var e = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.AddEntityAsync(new TableEntity("p", "over") { ["S"] = new string('あ', TableLimits.MaxStringChars + 1) }));
        Assert.Equal(TableErrorCodes.PropertyValueTooLarge, e.Code);
        Assert.Contains("32,769 characters", e.Message);
    }

    [Fact]
    public async Task At_most_252_user_properties()
    {
        var table = await NewTableAsync();
        var max = new TableEntity("p", "max");
        for (var i = 0; i < TableLimits.MaxUserProperties; i++) max[$"P{i}"] = i;
        await table.AddEntityAsync(max);
        var read = (await table.GetEntityAsync<TableEntity>("p", "max")).Value;
        Assert.Equal(251, read.GetInt32("P251"));

        max.RowKey = "over";
        max["P252"] = 252;
        var e = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(max));
        Assert.Equal(TableErrorCodes.TooManyProperties, e.Code);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public async Task Keys_with_forbidden_characters_are_refused(string key)
    {
        var table = await NewTableAsync();
        var asPartition = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        Assert.Equal(TableErrorCodes.InvalidKey, asPartition.Code);
        Assert.Contains("PartitionKey", asPartition.Message);
        var asRow = await Assert.ThrowsAsync<TableArgumentException>(() => table.GetEntityAsync<TableEntity>("p", key));
        Assert.Equal(TableErrorCodes.InvalidKey, asRow.Code);
        Assert.Contains("RowKey", asRow.Message);
    }

    [Fact]
    public async Task Keys_up_to_1_KiB_are_accepted_and_longer_ones_refused()
    {
        var table = await NewTableAsync();
        var longest = new string('k', TableLimits.MaxKeyBytes / 2);
        await table.AddEntityAsync(new TableEntity(longest, longest) { ["V"] = 1 });
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>(longest, longest)).Value.GetInt32("V"));

        var e = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new TableEntity("p", longest + "k")));
        Assert.Equal(TableErrorCodes.InvalidKey, e.Code);
        var missing = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new TableEntity { ["V"] = 1 }));
        Assert.Equal(TableErrorCodes.InvalidKey, missing.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1starts_with_digit")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("odata.type")]
    public async Task Invalid_property_names_are_refused(string name)
    {
        var table = await NewTableAsync();
        var e = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { [name] = "v" }));
        Assert.Equal(TableErrorCodes.InvalidPropertyName, e.Code);
    }

    [Fact]
    public void Size_estimate_follows_the_service_formula()
    {
        var entity = new TableEntity("pk", "rowkey")
        {
            ["S"] = "abc", ["I"] = 1, ["L"] = 1L, ["D"] = 1.0, ["B"] = true, ["G"] = Guid.Empty,
            ["T"] = DateTimeOffset.UnixEpoch, ["X"] = new byte[10],
        };
        // 4 + 2*(2+6) + per property 8 + 2*1 + value: S 4+6, I 4, L 8, D 8, B 1, G 16, T 8, X 4+10.
        var expected = 4 + 16 + 8 * 10 + (10 + 4 + 8 + 8 + 1 + 16 + 8 + 14);
        Assert.Equal(expected, TableLimits.EstimateEntitySize(entity));
    }
}
