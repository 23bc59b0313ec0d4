using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Storage;

/// <summary>OData literal formatting of <see cref="TableClient.CreateQueryFilter"/> (pure; the Azurite tests check the service agrees).</summary>
public sealed class TableQueryFilterTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>
        {
            { TableClient.CreateQueryFilter($"Name eq {"O'Brien"}"), "Name eq 'O''Brien'" },
            { TableClient.CreateQueryFilter($"Name eq {"''"}"), "Name eq ''''''" },
            { TableClient.CreateQueryFilter($"Name eq {"山田 '太郎'"}"), "Name eq '山田 ''太郎'''" },
            { TableClient.CreateQueryFilter($"N eq {42}"), "N eq 42" },
            { TableClient.CreateQueryFilter($"N eq {-7L}"), "N eq -7L" },
            { TableClient.CreateQueryFilter($"N eq {long.MaxValue}"), "N eq 9223372036854775807L" },
            { TableClient.CreateQueryFilter($"D eq {1.0}"), "D eq 1.0" },
            { TableClient.CreateQueryFilter($"D eq {0.1}"), "D eq 0.1" },
            { TableClient.CreateQueryFilter($"D eq {1e21}"), "D eq 1000000000000000000000.0" },
            { TableClient.CreateQueryFilter($"D eq {-1.5e-7}"), "D eq -0.00000015" },
            { TableClient.CreateQueryFilter($"B eq {true} and C eq {false}"), "B eq true and C eq false" },
            {
                TableClient.CreateQueryFilter($"T ge {new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(9)).AddTicks(1)}"),
                "T ge datetime'2026-12-02T00:00:00.0000001Z'"
            },
            { TableClient.CreateQueryFilter($"T ge {new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)}"), "T ge datetime'2026-01-02T03:04:05.0000000Z'" },
            { TableClient.CreateQueryFilter($"G eq {Guid.Parse("6F9619FF-8B86-D011-B42D-00CF4FC964FF")}"), "G eq guid'6f9619ff-8b86-d011-b42d-00cf4fc964ff'" },
            { TableClient.CreateQueryFilter($"X eq {new byte[] { 0, 0xab, 0xff }}"), "X eq X'00abff'" },
            { TableClient.CreateQueryFilter($"X eq {BinaryData.FromBytes(new byte[] { 1 })}"), "X eq X'01'" },
            { TableClient.CreateQueryFilter($"Born eq {new DateOnly(1990, 4, 1)}"), "Born eq '1990-04-01'" },
            { TableClient.CreateQueryFilter($"Status eq {DayOfWeek.Monday}"), "Status eq 'Monday'" },
            { TableClient.CreateQueryFilter($"Maybe eq {null}"), "Maybe eq null" },
            { TableClient.CreateQueryFilter($"PartitionKey eq 'literal' and RowKey gt {"a"}"), "PartitionKey eq 'literal' and RowKey gt 'a'" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_are_written_as_escaped_odata_literals(string actual, string expected) => Assert.Equal(expected, actual);

    [Fact]
    public void Values_without_an_odata_literal_are_refused()
    {
        Assert.Equal(TableErrorCodes.InvalidQuery, Assert.Throws<TableArgumentException>(() => TableClient.CreateQueryFilter($"D eq {double.NaN}")).Code);
        Assert.Equal(TableErrorCodes.InvalidQuery, Assert.Throws<TableArgumentException>(() => TableClient.CreateQueryFilter($"T eq {new DateTime(2026, 1, 1)}")).Code);
        Assert.Equal(TableErrorCodes.InvalidQuery, Assert.Throws<TableArgumentException>(() => TableClient.CreateQueryFilter($"M eq {1.5m}")).Code);
    }

    [Fact]
    public void Doubles_survive_the_literal_round_trip()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value)) continue;
            var literal = TableClient.CreateQueryFilter($"{value}");
            Assert.DoesNotContain("E", literal, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(value, double.Parse(literal, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
