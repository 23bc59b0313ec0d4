using System.Text;
using Azure;
using Hub.Storage.Tables;
using Hub.Testing;

namespace Hub.Integration.Tests.Storage;

/// <summary>EDM type mapping, typed (POCO) and dictionary entities, against the shared Azurite.</summary>
public sealed class TableEntityTypeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset SevenDigits = new DateTimeOffset(2026, 11, 21, 23, 59, 58, TimeSpan.FromHours(9)).AddTicks(1234567);

    private async Task<TableClient> NewTableAsync()
    {
        var table = azurite.Connection.CreateTableServiceClient().GetTableClient(TestNames.Table("types"));
        await table.CreateAsync();
        return table;
    }

    private async Task<TableEntity> RoundTripAsync(TableClient table, TableEntity entity)
    {
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
        var read = (await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey)).Value;
        // Queries parse the same way as point reads.
        await foreach (var queried in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {entity.PartitionKey} and RowKey eq {entity.RowKey}")))
            Assert.Equal(read.Keys.Order(), queried.Keys.Order());
        return read;
    }

    [Fact]
    public async Task Every_edm_type_round_trips_exactly_in_a_dictionary_entity()
    {
        var table = await NewTableAsync();
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var id = Guid.NewGuid();
        var original = new TableEntity("p", "all")
        {
            ["Text"] = "健康保険組合 マイナ保険証 🏥👍 \"quoted\" \\ \n newline \t tab",
            ["Int32"] = int.MinValue,
            ["Int32Max"] = int.MaxValue,
            ["Int64"] = (1L << 53) + 1, // not representable as a double
            ["Int64Max"] = long.MaxValue,
            ["Int64Min"] = long.MinValue,
            ["Int64Small"] = 5L, // stays Int64 although it fits in Int32
            ["True"] = true,
            ["False"] = false,
            ["When"] = SevenDigits,
            ["WhenMin"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["Id"] = id,
            ["Bytes"] = allBytes,
            ["Empty"] = Array.Empty<byte>(),
            ["One"] = 1.0, // integral double stays a double
            ["Tenth"] = 0.1,
            ["Negative"] = -1234.5678e-10,
            ["Max"] = double.MaxValue,
            ["Epsilon"] = double.Epsilon,
            ["NaN"] = double.NaN,
            ["PlusInfinity"] = double.PositiveInfinity,
            ["MinusInfinity"] = double.NegativeInfinity,
            ["EmptyText"] = string.Empty,
        };

        var read = await RoundTripAsync(table, original);
        Assert.Equal(original.GetString("Text"), read["Text"]);
        Assert.Equal(int.MinValue, Assert.IsType<int>(read["Int32"]));
        Assert.Equal(int.MaxValue, Assert.IsType<int>(read["Int32Max"]));
        Assert.Equal((1L << 53) + 1, Assert.IsType<long>(read["Int64"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read["Int64Max"]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(read["Int64Min"]));
        Assert.Equal(5L, Assert.IsType<long>(read["Int64Small"]));
        Assert.True(Assert.IsType<bool>(read["True"]));
        Assert.False(Assert.IsType<bool>(read["False"]));
        var when = Assert.IsType<DateTimeOffset>(read["When"]);
        Assert.Equal(SevenDigits.UtcTicks, when.UtcTicks); // 100 ns precision kept
        Assert.Equal(TimeSpan.Zero, when.Offset);
        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("WhenMin"));
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(allBytes, Assert.IsType<byte[]>(read["Bytes"]));
        Assert.Empty(Assert.IsType<byte[]>(read["Empty"]));
        Assert.Equal(1.0, Assert.IsType<double>(read["One"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["Tenth"]));
        Assert.Equal(-1234.5678e-10, Assert.IsType<double>(read["Negative"]));
        Assert.Equal(double.MaxValue, Assert.IsType<double>(read["Max"]));
        Assert.Equal(double.Epsilon, Assert.IsType<double>(read["Epsilon"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(read["NaN"])));
        Assert.Equal(double.PositiveInfinity, read.GetDouble("PlusInfinity"));
        Assert.Equal(double.NegativeInfinity, read.GetDouble("MinusInfinity"));
        Assert.Equal(string.Empty, read.GetString("EmptyText"));
        Assert.Equal(original.Keys.Order(), read.Keys.Where(k => k != "Timestamp").Order());
    }

    [Fact]
    public async Task Typed_getters_convert_where_lossless_and_refuse_the_wrong_type()
    {
        var table = await NewTableAsync();
        var read = await RoundTripAsync(table, new TableEntity("p", "getters")
        {
            ["I"] = 7, ["L"] = 8L, ["D"] = 2.5, ["T"] = SevenDigits, ["S"] = "s", ["B"] = new byte[] { 1, 2 }, ["Date"] = new DateOnly(2026, 12, 2),
        });
        Assert.Equal(7L, read.GetInt64("I"));
        Assert.Equal(7.0, read.GetDouble("I"));
        Assert.Equal(8L, read.GetInt64("L"));
        Assert.Equal(SevenDigits.UtcDateTime, read.GetDateTime("T"));
        Assert.Equal(DateTimeKind.Utc, read.GetDateTime("T")!.Value.Kind);
        Assert.Equal(new byte[] { 1, 2 }, read.GetBinaryData("B")!.ToArray());
        Assert.Equal(new DateOnly(2026, 12, 2), read.GetDateOnly("Date"));
        Assert.Equal("2026-12-02", read.GetString("Date"));
        Assert.Null(read.GetInt32("Missing"));
        var e = Assert.Throws<InvalidOperationException>(() => read.GetInt32("L"));
        Assert.Contains("'L' holds a Int64", e.Message);
        Assert.Throws<InvalidOperationException>(() => read.GetString("I"));
    }

    [Fact]
    public async Task A_typed_poco_round_trips_every_supported_property_type()
    {
        var table = await NewTableAsync();
        var member = new TestMemberEntity
        {
            PartitionKey = "事業所A", RowKey = "加入者0001",
            Name = "協会 花子 🌸", Age = 41, Counter = long.MaxValue - 1, Active = true,
            EnrolledOn = SevenDigits, UpdatedUtc = new DateTime(2026, 11, 21, 1, 2, 3, DateTimeKind.Utc).AddTicks(4567),
            Id = Guid.NewGuid(), Photo = Encoding.UTF8.GetBytes("写真"), Attachment = BinaryData.FromString("添付"),
            Score = 100.0, Status = TestMemberStatus.Lapsed, BirthDate = new DateOnly(1985, 2, 28),
            OptionalInt = null, OptionalLong = -42, OptionalGuid = Guid.Empty, NameKana = "キョウカイ ハナコ", NotStored = new object(),
        };
        var etag = (await table.AddEntityAsync(member)).Headers.ETag;

        var read = (await table.GetEntityAsync<TestMemberEntity>(member.PartitionKey, member.RowKey)).Value;
        Assert.Equal(etag, read.ETag);
        Assert.Equal((member.PartitionKey, member.RowKey, member.Name, member.Age, member.Counter, member.Active),
            (read.PartitionKey, read.RowKey, read.Name, read.Age, read.Counter, read.Active));
        Assert.Equal(member.EnrolledOn.UtcTicks, read.EnrolledOn.UtcTicks);
        Assert.Equal(member.UpdatedUtc, read.UpdatedUtc);
        Assert.Equal(DateTimeKind.Utc, read.UpdatedUtc.Kind);
        Assert.Equal((member.Id, member.Score, member.Status, member.BirthDate), (read.Id, read.Score, read.Status, read.BirthDate));
        Assert.Equal(member.Photo, read.Photo);
        Assert.Equal(member.Attachment.ToArray(), read.Attachment!.ToArray());
        Assert.Equal((null, -42L, Guid.Empty, "キョウカイ ハナコ"), (read.OptionalInt, read.OptionalLong, read.OptionalGuid, read.NameKana));
        Assert.Null(read.NotStored);

        // Stored shape, seen through a dictionary entity: enum by name, DateOnly as ISO text, DataMember name, no nulls.
        var raw = (await table.GetEntityAsync<TableEntity>(member.PartitionKey, member.RowKey)).Value;
        Assert.Equal("Lapsed", raw["Status"]);
        Assert.Equal("1985-02-28", raw["BirthDate"]);
        Assert.Equal("キョウカイ ハナコ", raw["Kana"]);
        Assert.False(raw.ContainsKey("NameKana"));
        Assert.False(raw.ContainsKey("OptionalInt"));
        Assert.False(raw.ContainsKey("NotStored"));
        Assert.False(raw.ContainsKey("Display"));
        Assert.IsType<double>(raw["Score"]);
        Assert.IsType<long>(raw["Counter"]);
    }

    [Fact]
    public async Task Dictionary_entities_and_typed_entities_read_each_other()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "from-dictionary")
        {
            ["Name"] = "辞書", ["Age"] = 30, ["Counter"] = 3L, ["Status"] = "Active", ["BirthDate"] = "2000-01-31",
            ["Score"] = 1.5, ["Active"] = true, ["Id"] = Guid.Empty, ["EnrolledOn"] = SevenDigits,
            ["UpdatedUtc"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["Unmapped"] = "ignored by the POCO",
        });
        var typed = (await table.GetEntityAsync<TestMemberEntity>("p", "from-dictionary")).Value;
        Assert.Equal(("辞書", 30, 3L, TestMemberStatus.Active, new DateOnly(2000, 1, 31), 1.5, true),
            (typed.Name, typed.Age, typed.Counter, typed.Status, typed.BirthDate, typed.Score, typed.Active));

        // An Int32 written by another client widens into a long property; an enum stored as a number still reads.
        await table.AddEntityAsync(new TableEntity("p", "numbers")
        {
            ["Counter"] = 12, ["Status"] = 2, ["Score"] = 4, ["EnrolledOn"] = SevenDigits, ["UpdatedUtc"] = SevenDigits,
        });
        var widened = (await table.GetEntityAsync<TestMemberEntity>("p", "numbers")).Value;
        Assert.Equal((12L, TestMemberStatus.Lapsed, 4.0), (widened.Counter, widened.Status, widened.Score));

        // A type that cannot be read is a clear error, not a silent default.
        await table.AddEntityAsync(new TableEntity("p", "mismatch") { ["Age"] = "forty" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => table.GetEntityAsync<TestMemberEntity>("p", "mismatch"));
        Assert.Contains("TestMemberEntity.Age", e.Message);
    }

    [Fact]
    public async Task Japanese_text_and_emoji_round_trip_in_keys_and_properties()
    {
        var table = await NewTableAsync();
        const string text = "資格確認書の交付 🪪 — 令和8年12月2日以降は𠮷野家の「吉」も 😀👨‍👩‍👧 ｶﾀｶﾅ 〜";
        var entity = new TableEntity("健康保険組合", "加入者🏥") { ["Note"] = text, ["短い名前"] = "日本語のプロパティ名" };
        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<TableEntity>("健康保険組合", "加入者🏥")).Value;
        Assert.Equal(text, read.GetString("Note"));
        Assert.Equal("日本語のプロパティ名", read.GetString("短い名前"));
        Assert.Equal(("健康保険組合", "加入者🏥"), (read.PartitionKey, read.RowKey));
    }

    [Fact]
    public async Task Long_japanese_text_survives_every_single_entity_write_without_corruption()
    {
        // Large non-ASCII bodies arrive at the service in several network chunks; a character split between
        // chunks must not be damaged (Azurite decodes chunks separately; the client sends escaped JSON).
        var table = await NewTableAsync();
        static string Cut(string s, int length) => char.IsHighSurrogate(s[length - 1]) ? s[..(length - 1)] : s[..length];
        var repeated = string.Concat(Enumerable.Repeat("健康保険組合🏥マイナ保険証😀資格確認書", 1_600)); // 21 UTF-16 units each
        var text = Cut(repeated, TableLimits.MaxStringChars);
        var shifted = Cut("x" + repeated, TableLimits.MaxStringChars); // moves every character's byte offset
        Assert.InRange(text.Length, TableLimits.MaxStringChars - 1, TableLimits.MaxStringChars);
        for (var i = 0; i < 4; i++)
        {
            var key = $"r{i}";
            await table.AddEntityAsync(new TableEntity("p", key) { ["A"] = text, ["B"] = shifted });
            await table.UpsertEntityAsync(new TableEntity("p", key) { ["C"] = shifted }, TableUpdateMode.Merge);
            await table.UpdateEntityAsync(new TableEntity("p", key) { ["D"] = text }, ETag.All, TableUpdateMode.Merge);
        }
        await foreach (var read in table.QueryAsync<TableEntity>())
        {
            Assert.Equal(text, read.GetString("A"));
            Assert.Equal(shifted, read.GetString("B"));
            Assert.Equal(shifted, read.GetString("C"));
            Assert.Equal(text, read.GetString("D"));
        }
    }

    [Fact]
    public async Task Binary_properties_round_trip_up_to_64_KiB()
    {
        var table = await NewTableAsync();
        var max = new byte[TableLimits.MaxBinaryBytes];
        new Random(42).NextBytes(max);
        await table.AddEntityAsync(new TableEntity("p", "bin") { ["Data"] = max, ["Small"] = new BinaryData(new byte[] { 0xde, 0xad }) });
        var read = (await table.GetEntityAsync<TableEntity>("p", "bin")).Value;
        Assert.Equal(max, read.GetBinary("Data"));
        Assert.Equal(new byte[] { 0xde, 0xad }, read.GetBinary("Small"));

        var e = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.AddEntityAsync(new TableEntity("p", "bin2") { ["Data"] = new byte[TableLimits.MaxBinaryBytes + 1] }));
        Assert.Equal(TableErrorCodes.PropertyValueTooLarge, e.Code);
        Assert.Contains("'Data'", e.Message);
    }

    [Fact]
    public async Task Unsupported_values_and_ambiguous_dates_are_refused_clearly()
    {
        var table = await NewTableAsync();
        var decimalValue = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["Money"] = 1.5m }));
        Assert.Equal(TableErrorCodes.UnsupportedPropertyType, decimalValue.Code);
        Assert.Contains("'Money'", decimalValue.Message);

        var unspecified = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["When"] = new DateTime(2026, 1, 1) }));
        Assert.Equal(TableErrorCodes.InvalidDateTime, unspecified.Code);

        var tooEarly = await Assert.ThrowsAsync<TableArgumentException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["When"] = DateTimeOffset.MinValue }));
        Assert.Equal(TableErrorCodes.InvalidDateTime, tooEarly.Code);

        var poco = await Assert.ThrowsAsync<TableArgumentException>(() => table.AddEntityAsync(new UnsupportedEntity()));
        Assert.Equal(TableErrorCodes.UnsupportedPropertyType, poco.Code);
        Assert.Contains("UnsupportedEntity.Amount", poco.Message);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    private sealed class UnsupportedEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "p";
        public string RowKey { get; set; } = "r";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public decimal Amount { get; set; }
    }
}
