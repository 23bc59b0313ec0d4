using System.Globalization;
using System.Text.Json;

namespace Hub.Functions.Protocol;

/// <summary>
/// One value of the host's invocation envelope (a <c>Data</c> input or a <c>Metadata</c> entry), decoded
/// exactly as the Functions host encodes it (WebJobs.Script <c>ScriptInvocationContextExtensions
/// .GetHttpScriptInvocationContextValue</c>, serialised with Newtonsoft):
/// <list type="bullet">
/// <item>byte[] → base64 string (with or without <c>"dataType":"binary"</c>);</item>
/// <item>DateTime/DateTimeOffset → ISO string, not double-encoded (and second precision: the host
/// round-trips them through <c>ToString()</c>);</item>
/// <item>objects → JSON objects;</item>
/// <item>everything else (strings, numbers, booleans, arrays) → <c>JsonConvert.SerializeObject(value)</c>,
/// i.e. a string holding JSON: <c>"\"abc\""</c>, <c>"3"</c>, <c>"true"</c>, <c>"[1,2]"</c>.</item>
/// </list>
/// The caller says which type it expects; the decoder applies the one matching rule and fails clearly
/// otherwise, so no handler ever parses raw envelope JSON.
/// </summary>
public readonly struct HostValue
{
    private readonly JsonElement _element;

    /// <summary>Wraps an envelope element.</summary>
    public HostValue(JsonElement element) => _element = element;

    /// <summary>The raw element as it arrived (for tests and diagnostics).</summary>
    public JsonElement Raw => _element;

    /// <summary>A string value (double-encoded by the host: one JSON decoding is undone).</summary>
    public string AsString()
    {
        var json = _element.ValueKind == JsonValueKind.String ? _element.GetString()! : throw Mismatch("a string");
        try
        {
            return JsonSerializer.Deserialize<string>(json) ?? throw Mismatch("a non-null string");
        }
        catch (JsonException e)
        {
            throw new HostEncodingException($"Expected a JSON-encoded string (the host serialises strings twice), got {Preview(json)}.", e);
        }
    }

    /// <summary>An Int64 value (the host sends numbers as strings of JSON: <c>"3"</c>).</summary>
    public long AsInt64()
    {
        var text = _element.ValueKind switch
        {
            JsonValueKind.String => _element.GetString()!,
            JsonValueKind.Number => _element.GetRawText(),
            _ => throw Mismatch("a number"),
        };
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new HostEncodingException($"Expected an integer, got {Preview(text)}.");
    }

    /// <summary>An Int32 value.</summary>
    public int AsInt32() => checked((int)AsInt64());

    /// <summary>A boolean (sent as <c>"true"</c>/<c>"false"</c>).</summary>
    public bool AsBoolean()
    {
        var text = _element.ValueKind switch
        {
            JsonValueKind.String => _element.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw Mismatch("a boolean"),
        };
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new HostEncodingException($"Expected true or false, got {Preview(text)}."),
        };
    }

    /// <summary>A timestamp (ISO 8601; a value without an offset is taken as UTC, as the host's UTC DateTimes are).</summary>
    public DateTimeOffset AsDateTimeOffset()
    {
        var text = _element.ValueKind == JsonValueKind.String ? _element.GetString()! : throw Mismatch("a date string");
        if (text.StartsWith('"')) text = JsonSerializer.Deserialize<string>(text)!;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new HostEncodingException($"Expected an ISO 8601 date, got {Preview(text)}.");
    }

    /// <summary>Bytes (byte[] inputs arrive base64-encoded).</summary>
    public byte[] AsBytes()
    {
        var text = _element.ValueKind == JsonValueKind.String ? _element.GetString()! : throw Mismatch("a base64 string");
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new HostEncodingException("Expected base64 (declare \"dataType\": \"binary\" on the trigger).", e);
        }
    }

    /// <summary>
    /// An object: a JSON object as the host sends POCOs and dictionaries, or a string of JSON text (a
    /// message body bound as string, double-encoded by the host).
    /// </summary>
    public T AsObject<T>(JsonSerializerOptions? options = null)
    {
        options ??= HostJson.Options;
        try
        {
            return _element.ValueKind switch
            {
                JsonValueKind.Object or JsonValueKind.Array => _element.Deserialize<T>(options)!,
                // The string holds JsonConvert.SerializeObject(value): a JSON string literal when the value was a
                // string (a message body: its content is the JSON), or JSON array text when it was a list.
                JsonValueKind.String => _element.GetString()!.TrimStart().StartsWith('"')
                    ? JsonSerializer.Deserialize<T>(AsString(), options)!
                    : JsonSerializer.Deserialize<T>(_element.GetString()!, options)!,
                _ => throw Mismatch("an object"),
            };
        }
        catch (JsonException e)
        {
            throw new HostEncodingException($"The value is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>A JSON object as it arrived (e.g. blob <c>Properties</c>, Service Bus <c>ApplicationProperties</c>).</summary>
    public JsonElement AsJsonObject() =>
        _element.ValueKind == JsonValueKind.Object ? _element : throw Mismatch("a JSON object");

    private HostEncodingException Mismatch(string expected) =>
        new($"Expected {expected}, got a JSON {_element.ValueKind}.");

    private static string Preview(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…' ({text.Length} chars)";
}

/// <summary>The envelope does not hold what the handler expected: a contract break between host and handler.</summary>
public sealed class HostEncodingException(string message, Exception? inner = null) : Exception(message, inner);
