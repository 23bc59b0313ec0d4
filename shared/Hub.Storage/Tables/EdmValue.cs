using System.Globalization;

namespace Hub.Storage.Tables;

/// <summary>The Entity Data Model types the Table service stores.</summary>
internal enum EdmType
{
    String,
    Int32,
    Int64,
    Boolean,
    Double,
    DateTime,
    Guid,
    Binary,
}

/// <summary>One property ready to send: its EDM type and its value in that type's canonical .NET form
/// (string, int, long, bool, double, UTC <see cref="DateTimeOffset"/>, Guid, <see cref="ReadOnlyMemory{T}"/> of byte).</summary>
internal readonly record struct EdmProperty(string Name, EdmType Type, object Value);

/// <summary>An entity ready to validate and serialise.</summary>
internal sealed record PreparedEntity(string PartitionKey, string RowKey, IReadOnlyList<EdmProperty> Properties)
{
    /// <summary>How the entity is named in error messages.</summary>
    public string Describe() => $"PartitionKey '{PartitionKey}', RowKey '{RowKey}'";
}

/// <summary>Maps .NET values to EDM values (the write side of the type mapping).</summary>
internal static class EdmValue
{
    /// <summary>The .NET types a property can have, for error messages.</summary>
    public const string SupportedTypes = "string, int, long, bool, double, DateTimeOffset, DateTime, Guid, byte[]/BinaryData, DateOnly, enums";

    /// <summary>The earliest date the service stores.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Converts a property value: string, int, long, bool, double, <see cref="DateTimeOffset"/>,
    /// <see cref="DateTime"/> (UTC or local, converted to UTC), Guid, byte[] / <see cref="BinaryData"/> /
    /// <see cref="ReadOnlyMemory{T}"/>, <see cref="DateOnly"/> (stored as the string yyyy-MM-dd) and enums
    /// (stored as their name). Null means "no property" and returns null.
    /// </summary>
    public static EdmProperty? Normalize(string name, object? value, Func<string> describeEntity)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return new EdmProperty(name, EdmType.String, s);
            case int i:
                return new EdmProperty(name, EdmType.Int32, i);
            case long l:
                return new EdmProperty(name, EdmType.Int64, l);
            case bool b:
                return new EdmProperty(name, EdmType.Boolean, b);
            case double d:
                return new EdmProperty(name, EdmType.Double, d);
            case DateTimeOffset dto:
                return new EdmProperty(name, EdmType.DateTime, CheckDate(name, dto.ToUniversalTime(), describeEntity));
            case DateTime dt:
                return new EdmProperty(name, EdmType.DateTime, CheckDate(name, ToUtc(name, dt, describeEntity), describeEntity));
            case Guid g:
                return new EdmProperty(name, EdmType.Guid, g);
            case byte[] bytes:
                return new EdmProperty(name, EdmType.Binary, new ReadOnlyMemory<byte>(bytes));
            case BinaryData data:
                return new EdmProperty(name, EdmType.Binary, data.ToMemory());
            case ReadOnlyMemory<byte> memory:
                return new EdmProperty(name, EdmType.Binary, memory);
            case DateOnly date:
                return new EdmProperty(name, EdmType.String, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case Enum e:
                return new EdmProperty(name, EdmType.String, e.ToString());
            default:
                throw new TableArgumentException(TableErrorCodes.UnsupportedPropertyType,
                    $"Property '{name}' of the entity ({describeEntity()}) is a {value.GetType().Name}; the Table service stores only {SupportedTypes}.",
                    $"エンティティ ({describeEntity()}) のプロパティ '{name}' の型 {value.GetType().Name} はテーブルに保存できません ({SupportedTypes} のみ)。");
        }
    }

    private static DateTimeOffset ToUtc(string name, DateTime value, Func<string> describeEntity) => value.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        // Unspecified could be UTC or Japan time; guessing would shift the stored instant by 9 hours.
        _ => throw new TableArgumentException(TableErrorCodes.InvalidDateTime,
            $"Property '{name}' of the entity ({describeEntity()}) is a DateTime of unspecified kind; use DateTimeOffset or a UTC DateTime.",
            $"エンティティ ({describeEntity()}) のプロパティ '{name}' の DateTime は Kind が未指定です。DateTimeOffset か UTC の DateTime を使ってください。"),
    };

    private static DateTimeOffset CheckDate(string name, DateTimeOffset utc, Func<string> describeEntity)
    {
        if (utc < MinDateTime)
            throw new TableArgumentException(TableErrorCodes.InvalidDateTime,
                $"Property '{name}' of the entity ({describeEntity()}) is {utc:O}; the Table service stores dates from 1601-01-01T00:00:00Z.",
                $"エンティティ ({describeEntity()}) のプロパティ '{name}' の日時 {utc:O} は範囲外です (1601-01-01T00:00:00Z 以降のみ)。");
        return utc;
    }
}
