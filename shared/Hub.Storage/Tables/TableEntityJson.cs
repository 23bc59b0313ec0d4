using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;

namespace Hub.Storage.Tables;

/// <summary>
/// The JSON wire format of entities (OData v3 "minimal metadata"): values whose type JSON cannot carry get a
/// <c>Name@odata.type</c> annotation (Edm.Int64 as a string so values above 2^53 survive, Edm.DateTime with 7
/// fractional digits, Edm.Guid, Edm.Binary as base64, Edm.Double always, so 1.0 stays a double and NaN and
/// infinities can be sent as strings).
/// </summary>
internal static class TableEntityJson
{
    /// <summary>Responses carry type annotations for every value JSON cannot type by itself.</summary>
    public const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";

    /// <summary>Request bodies carry their own annotations.</summary>
    public const string ContentTypeNoMetadata = "application/json;odata=nometadata";

    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Non-ASCII text goes out as \uXXXX escapes, so bodies are pure ASCII. Azurite (3.35) decodes each network
    // chunk of a single-entity request separately and turns a UTF-8 character split across chunks into U+FFFD,
    // corrupting large Japanese text; escaped JSON means the same to Azure and cannot be split that way.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>Serialises an entity (keys and properties).</summary>
    public static byte[] Write(PreparedEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var p in entity.Properties) WriteProperty(writer, p);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter writer, EdmProperty p)
    {
        switch (p.Type)
        {
            case EdmType.String:
                writer.WriteString(p.Name, (string)p.Value);
                break;
            case EdmType.Int32:
                writer.WriteNumber(p.Name, (int)p.Value);
                break;
            case EdmType.Boolean:
                writer.WriteBoolean(p.Name, (bool)p.Value);
                break;
            case EdmType.Int64:
                Annotate(writer, p.Name, "Edm.Int64");
                writer.WriteString(p.Name, ((long)p.Value).ToString(CultureInfo.InvariantCulture));
                break;
            case EdmType.Double:
                Annotate(writer, p.Name, "Edm.Double");
                var d = (double)p.Value;
                if (double.IsFinite(d)) writer.WriteNumber(p.Name, d);
                else writer.WriteString(p.Name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                break;
            case EdmType.DateTime:
                Annotate(writer, p.Name, "Edm.DateTime");
                writer.WriteString(p.Name, FormatDateTime((DateTimeOffset)p.Value));
                break;
            case EdmType.Guid:
                Annotate(writer, p.Name, "Edm.Guid");
                writer.WriteString(p.Name, ((Guid)p.Value).ToString("D"));
                break;
            case EdmType.Binary:
                Annotate(writer, p.Name, "Edm.Binary");
                writer.WriteBase64String(p.Name, ((ReadOnlyMemory<byte>)p.Value).Span);
                break;
            default:
                throw new InvalidOperationException($"Unknown EDM type {p.Type}.");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) => writer.WriteString(name + "@odata.type", edmType);

    /// <summary>Formats a DateTime value the way the service stores it: UTC, 7 fractional digits.</summary>
    public static string FormatDateTime(DateTimeOffset value) => value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads one entity object of a response.</summary>
    public static ReadEntity Read(JsonElement element)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        Dictionary<string, string>? types = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var at = name.IndexOf("@odata.type", StringComparison.Ordinal);
            if (at > 0 && at + "@odata.type".Length == name.Length)
                (types ??= new Dictionary<string, string>(StringComparer.Ordinal))[name[..at]] = property.Value.GetString() ?? string.Empty;
        }

        string? partitionKey = null, rowKey = null;
        DateTimeOffset? timestamp = null;
        var etag = default(ETag);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "odata.etag":
                    etag = new ETag(value.GetString()!);
                    continue;
                case "PartitionKey":
                    partitionKey = value.GetString();
                    continue;
                case "RowKey":
                    rowKey = value.GetString();
                    continue;
                case "Timestamp":
                    timestamp = ParseDateTime(value.GetString()!);
                    continue;
            }
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal)) continue;
            if (value.ValueKind == JsonValueKind.Null) continue;
            values[name] = types is not null && types.TryGetValue(name, out var edm) ? ReadTyped(name, value, edm) : ReadUntyped(value);
        }
        return new ReadEntity(values, partitionKey, rowKey, timestamp, etag);
    }

    private static object ReadTyped(string name, JsonElement value, string edmType) => edmType switch
    {
        "Edm.String" => value.GetString()!,
        "Edm.Int32" => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
        "Edm.Int64" => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
        "Edm.Boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        _ => throw new InvalidOperationException($"Property '{name}' has an unknown type annotation '{edmType}'."),
    };

    private static object ReadUntyped(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // OData: a number without a fraction or exponent is an Edm.Int32, anything else an Edm.Double.
                var raw = value.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0 && value.TryGetInt32(out var i)) return i;
                return value.GetDouble();
            default:
                return value.GetRawText();
        }
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
