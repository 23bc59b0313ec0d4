using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;

namespace Hub.Storage.Tables;

/// <summary>
/// A dictionary entity: any properties, read with typed getters. Values are stored as their EDM types:
/// string, int (Edm.Int32), long (Edm.Int64), bool, double, <see cref="DateTimeOffset"/> (Edm.DateTime),
/// Guid, byte[] (Edm.Binary); on write also <see cref="DateTime"/>, <see cref="BinaryData"/>,
/// <see cref="DateOnly"/> (as "yyyy-MM-dd") and enums (as their name). Null values are not stored.
/// Mirrors <c>Azure.Data.Tables.TableEntity</c>; <c>PartitionKey</c>, <c>RowKey</c> and <c>Timestamp</c> are
/// also dictionary entries.
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    private const string PartitionKeyName = "PartitionKey";
    private const string RowKeyName = "RowKey";
    private const string TimestampName = "Timestamp";
    private readonly Dictionary<string, object?> _properties;

    /// <summary>Creates an empty entity (set the keys before writing it).</summary>
    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity from properties (which may include PartitionKey and RowKey).</summary>
    public TableEntity(IDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = new Dictionary<string, object?>(properties, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string PartitionKey
    {
        get => GetString(PartitionKeyName)!;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc />
    public string RowKey
    {
        get => GetString(RowKeyName)!;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>Gets or sets a property; getting a missing one returns null.</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set => _properties[key] = value;
    }

    /// <summary>A string property, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>An Int32 property, or null if absent.</summary>
    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>An Int64 property (Int32 values widen), or null if absent.</summary>
    public long? GetInt64(string key) => this[key] is int i ? i : GetStruct<long>(key);

    /// <summary>A Boolean property, or null if absent.</summary>
    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    /// <summary>A Double property (Int32 values widen), or null if absent.</summary>
    public double? GetDouble(string key) => this[key] is int i ? i : GetStruct<double>(key);

    /// <summary>A DateTime property as a UTC <see cref="DateTimeOffset"/>, or null if absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => this[key] switch
    {
        DateTime { Kind: DateTimeKind.Unspecified } => throw new InvalidOperationException(
            $"Property '{key}' holds a DateTime of unspecified kind, which is ambiguous. / プロパティ '{key}' の DateTime は Kind が未指定で、時刻が特定できません。"),
        DateTime dt => new DateTimeOffset(dt.ToUniversalTime(), TimeSpan.Zero),
        _ => GetStruct<DateTimeOffset>(key),
    };

    /// <summary>A DateTime property as a UTC <see cref="DateTime"/>, or null if absent.</summary>
    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    /// <summary>A Guid property, or null if absent.</summary>
    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    /// <summary>A binary property, or null if absent.</summary>
    public byte[]? GetBinary(string key) => this[key] switch
    {
        BinaryData data => data.ToArray(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        _ => Get<byte[]>(key),
    };

    /// <summary>A binary property as <see cref="BinaryData"/>, or null if absent.</summary>
    public BinaryData? GetBinaryData(string key) => this[key] switch
    {
        BinaryData data => data,
        _ => GetBinary(key) is { } bytes ? new BinaryData(bytes) : null,
    };

    /// <summary>A calendar date stored as the string "yyyy-MM-dd" (how <see cref="DateOnly"/> values are written), or null if absent.</summary>
    public DateOnly? GetDateOnly(string key) => this[key] switch
    {
        DateOnly d => d,
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        null => null,
        var other => throw WrongType(key, typeof(DateOnly), other),
    };

    private T? Get<T>(string key) where T : class => this[key] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(key, typeof(T), other),
    };

    private T? GetStruct<T>(string key) where T : struct => this[key] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(key, typeof(T), other),
    };

    private static InvalidOperationException WrongType(string key, Type wanted, object actual) =>
        new($"Property '{key}' holds a {actual.GetType().Name}, not a {wanted.Name}. / プロパティ '{key}' の値は {actual.GetType().Name} 型で、{wanted.Name} 型として読めません。");

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
