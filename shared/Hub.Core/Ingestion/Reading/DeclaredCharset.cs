namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// How an uploader declares a file's encoding, in order of precedence: the blob's Content-Type
/// <c>charset</c> parameter (<c>text/csv; charset=shift_jis</c>, set by <c>az storage blob upload
/// --content-type</c> or any SDK), else the blob metadata <c>charset</c> (<c>x-ms-meta-charset: shift_jis</c>).
/// A declaration wins over detection; an unsupported name refuses the file (ENCODING_INVALID).
/// </summary>
public static class DeclaredCharset
{
    /// <summary>The metadata key read when the Content-Type has no charset.</summary>
    public const string MetadataKey = "charset";

    /// <summary>The declared charset name, or null when there is none.</summary>
    public static string? From(string? contentType, IReadOnlyDictionary<string, string>? metadata)
    {
        if (FromContentType(contentType) is { } fromType) return fromType;
        if (metadata is null) return null;
        foreach (var (key, value) in metadata)
            if (string.Equals(key, MetadataKey, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
        return null;
    }

    /// <summary>The <c>charset</c> parameter of a media type, or null.</summary>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        foreach (var part in contentType.Split(';').Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            if (part[..eq].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var value = part[(eq + 1)..].Trim().Trim('"');
                return value.Length > 0 ? value : null;
            }
        }
        return null;
    }
}
