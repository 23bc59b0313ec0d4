using System.Text;
using System.Text.Json;
using Hub.LocalHost.Config;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// Converts an output value as the host does (docs/architecture/custom-handler-protocol.md §3):
/// <c>GetBindingValue</c> tries <c>Convert.FromBase64String</c> on every string output of a binding
/// without <c>"dataType":"binary"</c> and passes the bytes on if it decodes; then the binding writes:
/// <list type="bullet">
/// <item>Service Bus / queue: an array (or a string holding a JSON array) is one message per element; a
/// JSON object is sent as indented JSON text; bytes from a decoded string become the literal text
/// <c>System.Byte[]</c> (a known host behaviour, reproduced so the bug shows locally).</item>
/// <item>Blob: bytes as is; text as UTF-8 (with <c>"dataType":"binary"</c> the base64 text itself is written).</item>
/// </list>
/// </summary>
public static class OutputValue
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The message bodies (or the single blob content) for an output value.</summary>
    public static IReadOnlyList<byte[]> ToPayloads(Binding binding, JsonElement value)
    {
        var isMessaging = binding.Type is "serviceBus" or "queue";
        if (isMessaging && value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Select(e => Single(binding, e, isMessaging)).ToList();
        return [Single(binding, value, isMessaging)];
    }

    private static byte[] Single(Binding binding, JsonElement value, bool isMessaging)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (!binding.IsBinary && TryBase64(text, out var bytes))
                    return isMessaging ? Encoding.UTF8.GetBytes("System.Byte[]") : bytes;
                return Encoding.UTF8.GetBytes(text);
            case JsonValueKind.Object or JsonValueKind.Array:
                return isMessaging ? JsonSerializer.SerializeToUtf8Bytes(value, Indented) : Encoding.UTF8.GetBytes(value.GetRawText());
            default:
                return Encoding.UTF8.GetBytes(value.GetRawText());
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        bytes = buffer[..written];
        return true;
    }
}
