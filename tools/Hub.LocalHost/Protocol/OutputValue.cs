using System.Text;
using System.Text.Json;
using Hub.LocalHost.Config;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// Converts an output value as the host does before handing it to the binding
/// (<c>HttpScriptInvocationResultExtensions.GetBindingValue</c>): unless the binding declares
/// <c>"dataType":"binary"</c>, a string output is tried as base64 and, if it decodes, the bytes are
/// written instead of the text. Then a queue or Service Bus binding turns an array into one message per
/// element.
/// </summary>
public static class OutputValue
{
    /// <summary>The message bodies (or the single blob content) for an output value.</summary>
    public static IReadOnlyList<byte[]> ToPayloads(Binding binding, JsonElement value)
    {
        var isMessaging = binding.Type is "serviceBus" or "queue";
        if (isMessaging && value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Select(e => Single(binding, e)).ToList();
        return [Single(binding, value)];
    }

    private static byte[] Single(Binding binding, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (!binding.IsBinary && TryBase64(text, out var bytes)) return bytes;
                return binding.IsBinary && TryBase64(text, out var binary) ? binary : Encoding.UTF8.GetBytes(text);
            case JsonValueKind.Object or JsonValueKind.Array:
                return Encoding.UTF8.GetBytes(value.GetRawText());
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
