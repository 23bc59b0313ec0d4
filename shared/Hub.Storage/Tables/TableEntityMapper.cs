using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Serialization;
using Azure;

namespace Hub.Storage.Tables;

/// <summary>An entity as read from the service: typed values by property name, plus the system properties.</summary>
internal sealed record ReadEntity(Dictionary<string, object?> Values, string? PartitionKey, string? RowKey, DateTimeOffset? Timestamp, ETag ETag);

/// <summary>
/// Maps entities to and from their stored properties. <see cref="TableEntity"/> maps as a dictionary; any
/// other <see cref="ITableEntity"/> maps its public instance properties that have a public getter and setter
/// (except the four <see cref="ITableEntity"/> ones), honouring <see cref="IgnoreDataMemberAttribute"/> and
/// <see cref="DataMemberAttribute.Name"/>. Supported property types, and nullable variants: string, int, long,
/// bool, double, DateTimeOffset, DateTime (stored as UTC, read back with Kind Utc), Guid, byte[],
/// BinaryData, DateOnly (stored as the string "yyyy-MM-dd") and enums (stored as their name so the data
/// reads the same after members are reordered; numbers written by other clients are read too).
/// The reflection is done once per type and compiled to delegates.
/// </summary>
internal static class TableEntityMapper
{
    private static readonly ConcurrentDictionary<Type, EntityShape> Shapes = new();

    /// <summary>Collects the properties of an entity to write.</summary>
    public static PreparedEntity Prepare(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var partitionKey = entity.PartitionKey;
        var rowKey = entity.RowKey;
        string Describe() => $"PartitionKey '{partitionKey}', RowKey '{rowKey}'";
        var properties = new List<EdmProperty>();
        if (entity is TableEntity dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
                if (EdmValue.Normalize(name, value, Describe) is { } p) properties.Add(p);
            }
        }
        else
        {
            foreach (var property in ShapeOf(entity.GetType()).Properties)
                if (EdmValue.Normalize(property.StorageName, property.Get(entity), Describe) is { } p) properties.Add(p);
        }
        return new PreparedEntity(partitionKey, rowKey, properties);
    }

    /// <summary>Builds a <typeparamref name="T"/> from what the service returned.</summary>
    public static T Materialize<T>(ReadEntity read) where T : class, ITableEntity, new()
    {
        var entity = new T();
        if (entity is TableEntity dictionary)
        {
            if (read.PartitionKey is not null) dictionary.PartitionKey = read.PartitionKey;
            if (read.RowKey is not null) dictionary.RowKey = read.RowKey;
            if (read.Timestamp is not null) dictionary.Timestamp = read.Timestamp;
            foreach (var (name, value) in read.Values) dictionary[name] = value;
        }
        else
        {
            if (read.PartitionKey is not null) entity.PartitionKey = read.PartitionKey;
            if (read.RowKey is not null) entity.RowKey = read.RowKey;
            entity.Timestamp = read.Timestamp;
            foreach (var property in ShapeOf(typeof(T)).Properties)
                if (read.Values.TryGetValue(property.StorageName, out var value) && value is not null)
                    property.Set(entity, property.Convert(value));
        }
        entity.ETag = read.ETag;
        return entity;
    }

    private static EntityShape ShapeOf(Type type) => Shapes.GetOrAdd(type, static t => new EntityShape(t));

    private sealed class EntityShape
    {
        private static readonly HashSet<string> InterfaceProperties = ["PartitionKey", "RowKey", "Timestamp", "ETag"];

        public EntityShape(Type type)
        {
            Properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod?.IsPublic == true && p.SetMethod?.IsPublic == true)
                .Where(p => !InterfaceProperties.Contains(p.Name) && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
                .Select(p => new PropertyMap(type, p))
                .ToArray();
        }

        public PropertyMap[] Properties { get; }
    }

    private sealed class PropertyMap
    {
        private readonly Func<object, object?> _get;
        private readonly Action<object, object?> _set;
        private readonly Type _type;
        private readonly string _owner;

        public PropertyMap(Type owner, PropertyInfo property)
        {
            _owner = owner.Name;
            StorageName = property.GetCustomAttribute<DataMemberAttribute>()?.Name is { Length: > 0 } name ? name : property.Name;
            _type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!IsSupported(_type))
                throw new TableArgumentException(TableErrorCodes.UnsupportedPropertyType,
                    $"Property '{owner.Name}.{property.Name}' is a {property.PropertyType.Name}; table entities can have {EdmValue.SupportedTypes} (mark others [IgnoreDataMember]).",
                    $"プロパティ '{owner.Name}.{property.Name}' の型 {property.PropertyType.Name} はテーブルに保存できません ({EdmValue.SupportedTypes} のみ。ほかは [IgnoreDataMember] を付けてください)。");

            var target = Expression.Parameter(typeof(object), "entity");
            var value = Expression.Parameter(typeof(object), "value");
            var typed = Expression.Convert(target, owner);
            _get = Expression.Lambda<Func<object, object?>>(
                Expression.Convert(Expression.Property(typed, property), typeof(object)), target).Compile();
            _set = Expression.Lambda<Action<object, object?>>(
                Expression.Assign(Expression.Property(typed, property), Expression.Convert(value, property.PropertyType)), target, value).Compile();
        }

        /// <summary>The property's name in the table.</summary>
        public string StorageName { get; }

        public object? Get(object entity) => _get(entity);

        public void Set(object entity, object? value) => _set(entity, value);

        /// <summary>Converts a stored value (as <see cref="TableEntityJson"/> reads it) to the property's type.</summary>
        public object Convert(object stored)
        {
            var type = _type;
            object? result = stored switch
            {
                _ when type.IsInstanceOfType(stored) => stored,
                int i when type == typeof(long) => (long)i,
                int i when type == typeof(double) => (double)i,
                DateTimeOffset dto when type == typeof(DateTime) => dto.UtcDateTime,
                byte[] bytes when type == typeof(BinaryData) => new BinaryData(bytes),
                string s when type == typeof(Guid) && Guid.TryParse(s, out var g) => g,
                string s when type == typeof(DateOnly) && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
                string s when type.IsEnum && Enum.TryParse(type, s, ignoreCase: false, out var e) => e,
                int i when type.IsEnum => Enum.ToObject(type, i),
                long l when type.IsEnum => Enum.ToObject(type, l),
                _ => null,
            };
            return result ?? throw new InvalidOperationException(
                $"The stored value of '{StorageName}' is a {stored.GetType().Name} that cannot be read into {_owner}.{StorageName} ({type.Name}). / " +
                $"保存されている '{StorageName}' の値 ({stored.GetType().Name} 型) は {_owner}.{StorageName} ({type.Name} 型) に読み込めません。");
        }

        private static bool IsSupported(Type t) =>
            t == typeof(string) || t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(double) ||
            t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Guid) || t == typeof(byte[]) ||
            t == typeof(BinaryData) || t == typeof(DateOnly) || t.IsEnum;
    }
}
