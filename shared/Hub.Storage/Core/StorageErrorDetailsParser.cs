using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Hub.Storage;

/// <summary>
/// Reads the error code and message from a storage error response: the <c>x-ms-error-code</c> header,
/// the XML body of Blob and Queue (<c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>) or the JSON body of Table
/// (<c>odata.error</c>).
/// </summary>
internal sealed class StorageErrorDetailsParser : RequestFailedDetailsParser
{
    public static readonly StorageErrorDetailsParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        try
        {
            var body = response.Content?.ToString();
            if (!string.IsNullOrWhiteSpace(body))
            {
                var trimmed = body.TrimStart();
                if (trimmed.StartsWith('<'))
                {
                    var root = XDocument.Parse(trimmed).Root;
                    code ??= root?.Element("Code")?.Value;
                    message = root?.Element("Message")?.Value;
                }
                else if (trimmed.StartsWith('{'))
                {
                    using var doc = JsonDocument.Parse(trimmed);
                    if (doc.RootElement.TryGetProperty("odata.error", out var odata))
                    {
                        if (odata.TryGetProperty("code", out var c)) code ??= c.GetString();
                        if (odata.TryGetProperty("message", out var m))
                            message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v)
                                ? v.GetString()
                                : m.ToString();
                    }
                }
            }
        }
        catch (Exception e) when (e is System.Xml.XmlException or JsonException)
        {
            // An unparsable body still yields the status and header code.
        }

        message = message?.Split('\n')[0].Trim();
        error = new ResponseError(code, string.IsNullOrEmpty(message) ? response.ReasonPhrase : message);
        return true;
    }
}
