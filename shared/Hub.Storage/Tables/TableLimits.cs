namespace Hub.Storage.Tables;

/// <summary>
/// The Table service's limits, checked on the client before a request is sent (Azurite does not enforce
/// all of them; Azure does). Sizes follow the service's published estimate: 4 bytes + 2 bytes per key
/// character, and per property 8 bytes + 2 bytes per name character + the value (string: 4 + 2 per char;
/// binary: 4 + length; DateTime, Int64, Double: 8; Guid: 16; Int32: 4; Boolean: 1). The entity's JSON body must
/// also fit in 1 MiB (Azurite's rule; non-ASCII characters are sent as 6-byte escapes), so an entity is either
/// accepted by both Azurite and Azure or refused before sending.
/// </summary>
public static class TableLimits
{
    /// <summary>Largest entity (1 MiB).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>User properties per entity (255 minus PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxUserProperties = 252;

    /// <summary>Longest string value in characters (64 KiB of UTF-16).</summary>
    public const int MaxStringChars = 32 * 1024;

    /// <summary>Longest binary value in bytes (64 KiB).</summary>
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>Longest partition or row key in bytes of UTF-16 (1 KiB, i.e. 512 characters).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Longest property name in characters.</summary>
    public const int MaxPropertyNameChars = 255;

    /// <summary>Most actions in one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Largest entity-group transaction request body (4 MiB).</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>Most entities the service returns in one query page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Estimates the stored size of <paramref name="entity"/> by the service's rules (see the class summary).</summary>
    public static long EstimateEntitySize(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return EstimateSize(TableEntityMapper.Prepare(entity));
    }

    internal static long EstimateSize(PreparedEntity entity)
    {
        long size = 4 + 2L * ((entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0));
        foreach (var p in entity.Properties)
            size += 8 + 2L * p.Name.Length + ValueSize(p);
        return size;
    }

    private static long ValueSize(EdmProperty p) => p.Type switch
    {
        EdmType.String => 4 + 2L * ((string)p.Value).Length,
        EdmType.Binary => 4 + (long)((ReadOnlyMemory<byte>)p.Value).Length,
        EdmType.Int32 => 4,
        EdmType.Boolean => 1,
        EdmType.Guid => 16,
        _ => 8, // Int64, Double, DateTime
    };

    /// <summary>Throws <see cref="TableArgumentException"/> for anything the service would refuse.</summary>
    internal static void Validate(PreparedEntity entity)
    {
        ValidateKey(entity.PartitionKey, "PartitionKey");
        ValidateKey(entity.RowKey, "RowKey");
        if (entity.Properties.Count > MaxUserProperties)
            throw new TableArgumentException(TableErrorCodes.TooManyProperties,
                $"The entity ({entity.Describe()}) has {entity.Properties.Count} properties; the limit is {MaxUserProperties} besides PartitionKey, RowKey and Timestamp.",
                $"エンティティ ({entity.Describe()}) のプロパティ数 {entity.Properties.Count} が上限 {MaxUserProperties} (PartitionKey, RowKey, Timestamp を除く) を超えています。");

        foreach (var p in entity.Properties)
        {
            ValidatePropertyName(p.Name, entity);
            if (p.Type == EdmType.String && ((string)p.Value).Length > MaxStringChars)
                throw new TableArgumentException(TableErrorCodes.PropertyValueTooLarge,
                    $"Property '{p.Name}' of the entity ({entity.Describe()}) is {((string)p.Value).Length:N0} characters; the limit is {MaxStringChars:N0} (64 KiB).",
                    $"エンティティ ({entity.Describe()}) のプロパティ '{p.Name}' は {((string)p.Value).Length:N0} 文字で、上限 {MaxStringChars:N0} 文字 (64 KiB) を超えています。");
            if (p.Type == EdmType.Binary && ((ReadOnlyMemory<byte>)p.Value).Length > MaxBinaryBytes)
                throw new TableArgumentException(TableErrorCodes.PropertyValueTooLarge,
                    $"Property '{p.Name}' of the entity ({entity.Describe()}) is {((ReadOnlyMemory<byte>)p.Value).Length:N0} bytes; the limit is {MaxBinaryBytes:N0} (64 KiB).",
                    $"エンティティ ({entity.Describe()}) のプロパティ '{p.Name}' は {((ReadOnlyMemory<byte>)p.Value).Length:N0} バイトで、上限 {MaxBinaryBytes:N0} バイト (64 KiB) を超えています。");
        }

        var size = EstimateSize(entity);
        if (size > MaxEntityBytes)
            throw new TableArgumentException(TableErrorCodes.EntityTooLarge,
                $"The entity ({entity.Describe()}) is about {size:N0} bytes; the Table service limit is {MaxEntityBytes:N0} bytes (1 MiB). Store large data in a blob and keep its name in the entity.",
                $"エンティティ ({entity.Describe()}) は約 {size:N0} バイトで、上限 {MaxEntityBytes:N0} バイト (1 MiB) を超えています。大きなデータは Blob に置き、エンティティには名前だけを保存してください。");
    }

    /// <summary>
    /// The serialised JSON must not exceed 1 MiB either: Azurite refuses larger entity bodies, so an entity with
    /// much non-ASCII text (6 bytes per character as a JSON escape) that Azure would take is refused in both places.
    /// </summary>
    internal static void ValidateSerializedSize(PreparedEntity entity, int jsonBytes)
    {
        if (jsonBytes > MaxEntityBytes)
            throw new TableArgumentException(TableErrorCodes.EntityTooLarge,
                $"The entity ({entity.Describe()}) is {jsonBytes:N0} bytes as JSON; the limit is {MaxEntityBytes:N0} bytes (1 MiB), and non-ASCII text counts 6 bytes per character. Store large data in a blob and keep its name in the entity.",
                $"エンティティ ({entity.Describe()}) は JSON で {jsonBytes:N0} バイトあり、上限 {MaxEntityBytes:N0} バイト (1 MiB) を超えています (ASCII 以外の文字は 1 文字 6 バイトで数えます)。大きなデータは Blob に置き、エンティティには名前だけを保存してください。");
    }

    /// <summary>Keys: present, at most 1 KiB of UTF-16, without / \ # ? or control characters.</summary>
    internal static void ValidateKey(string? key, string which)
    {
        if (key is null)
            throw new TableArgumentException(TableErrorCodes.InvalidKey,
                $"The entity has no {which}.", $"エンティティに {which} がありません。", which);
        if (key.Length * 2 > MaxKeyBytes)
            throw new TableArgumentException(TableErrorCodes.InvalidKey,
                $"The {which} is {key.Length} characters ({key.Length * 2} bytes); the limit is {MaxKeyBytes / 2} characters (1 KiB).",
                $"{which} は {key.Length} 文字 ({key.Length * 2} バイト) で、上限 {MaxKeyBytes / 2} 文字 (1 KiB) を超えています。", which);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                throw new TableArgumentException(TableErrorCodes.InvalidKey,
                    $"The {which} '{Printable(key)}' contains '{shown}'; keys cannot contain / \\ # ? or control characters.",
                    $"{which} '{Printable(key)}' に使えない文字 '{shown}' があります (/ \\ # ? と制御文字は使えません)。", which);
            }
        }
    }

    private static void ValidatePropertyName(string name, PreparedEntity entity)
    {
        string? problem = null;
        if (name.Length == 0) problem = "is empty";
        else if (name.Length > MaxPropertyNameChars) problem = $"is longer than {MaxPropertyNameChars} characters";
        else if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal)) problem = "is reserved";
        else if (!(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            problem = "is not an identifier (letters, digits and '_', not starting with a digit)";
        if (problem is not null)
            throw new TableArgumentException(TableErrorCodes.InvalidPropertyName,
                $"Property name '{Printable(name)}' of the entity ({entity.Describe()}) {problem}.",
                $"エンティティ ({entity.Describe()}) のプロパティ名 '{Printable(name)}' は使えません (英数字と '_' のみ、数字で始めない、255 文字以内、予約名以外)。");
    }

    private static string Printable(string value)
    {
        var shown = new string(value.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return shown.Length > 80 ? shown[..80] + "…" : shown;
    }
}
