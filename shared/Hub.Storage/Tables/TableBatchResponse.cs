using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace Hub.Storage.Tables;

/// <summary>Reads the multipart/mixed response of an entity-group transaction into one response per operation.</summary>
internal static partial class TableBatchResponse
{
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<TablePartResponse> Parse(Response response)
    {
        if (!response.Headers.ContentType?.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) ?? true)
            throw new InvalidOperationException($"The transaction response is '{response.Headers.ContentType}', not multipart/mixed.");
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var parts = new List<TablePartResponse>();
        ParseMultipart(response.Content.ToString(), Boundary(response.Headers.ContentType!), requestId, parts);
        return parts;
    }

    /// <summary>
    /// The exception for a failed operation: its own status, error code and body, the batch's request id, and a
    /// message that names the action (the service prefixes its message with the action's index, e.g. "57:").
    /// </summary>
    public static StorageRequestFailedException CreateFailure(TablePartResponse failed, IReadOnlyList<TableTransactionAction> actions)
    {
        string? code = null, serviceMessage = null;
        try
        {
            using var document = JsonDocument.Parse(failed.Content.ToMemory());
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                serviceMessage = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v)
                    ? v.GetString()
                    : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the status only.
        }

        int? index = null;
        var text = serviceMessage ?? failed.ReasonPhrase;
        var match = IndexPrefix().Match(text);
        if (match.Success)
        {
            index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            text = match.Groups[2].Value;
        }

        string what;
        if (index is { } i && i >= 0 && i < actions.Count)
        {
            var action = actions[i];
            what = $"Transaction action {i} of {actions.Count} ({action.ActionType} PartitionKey '{action.Entity.PartitionKey}', RowKey '{action.Entity.RowKey}') failed; nothing was applied: ";
        }
        else
        {
            index = null;
            what = $"The transaction of {actions.Count} actions failed; nothing was applied: ";
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["odata.error"] = new Dictionary<string, object?>
            {
                ["code"] = code,
                ["message"] = new Dictionary<string, string> { ["lang"] = "en-US", ["value"] = what + text },
            },
        }, ReadableJson);
        var annotated = new TablePartResponse(failed.Status, failed.ReasonPhrase, failed.Headers.ToList(), body);
        var exception = new StorageRequestFailedException(annotated);
        if (index is not null) exception.Data[TableTransactionFailure.FailedActionIndexKey] = index.Value;
        return exception;
    }

    [GeneratedRegex(@"^(\d+):(.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex IndexPrefix();

    private static void ParseMultipart(string body, string boundary, string? requestId, List<TablePartResponse> parts)
    {
        foreach (var part in SplitParts(body, boundary))
        {
            var (headers, content) = SplitHeaders(part);
            var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
            if (contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                ParseMultipart(content, Boundary(contentType), requestId, parts);
            else if (contentType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
                parts.Add(ParseHttp(content, requestId));
        }
    }

    private static TablePartResponse ParseHttp(string text, string? requestId)
    {
        var (statusLine, rest) = SplitLine(text);
        var pieces = statusLine.Split(' ', 3);
        var status = int.Parse(pieces[1], CultureInfo.InvariantCulture);
        var reason = pieces.Length > 2 ? pieces[2] : string.Empty;
        var (headers, body) = SplitHeaders(rest);
        if (requestId is not null && !headers.Any(h => h.Name.Equals("x-ms-request-id", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new HttpHeader("x-ms-request-id", requestId));
        return new TablePartResponse(status, reason, headers, Encoding.UTF8.GetBytes(body.TrimEnd('\r', '\n')));
    }

    /// <summary>The parts between <c>--boundary</c> lines, up to <c>--boundary--</c>.</summary>
    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var at = FindDelimiter(body, delimiter, 0);
        while (at >= 0)
        {
            var afterDelimiter = at + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0) yield break;
            var lineEnd = body.IndexOf('\n', afterDelimiter);
            if (lineEnd < 0) yield break;
            var next = FindDelimiter(body, delimiter, lineEnd + 1);
            var end = next < 0 ? body.Length : next;
            yield return body[(lineEnd + 1)..end];
            at = next;
        }
    }

    /// <summary>A delimiter counts only at the start of a line.</summary>
    private static int FindDelimiter(string body, string delimiter, int from)
    {
        for (var i = body.IndexOf(delimiter, from, StringComparison.Ordinal); i >= 0; i = body.IndexOf(delimiter, i + 1, StringComparison.Ordinal))
            if (i == 0 || body[i - 1] == '\n') return i;
        return -1;
    }

    private static (List<HttpHeader> Headers, string Remainder) SplitHeaders(string text)
    {
        var headers = new List<HttpHeader>();
        var rest = text;
        while (rest.Length > 0)
        {
            var (line, after) = SplitLine(rest);
            rest = after;
            if (line.Length == 0) break;
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return (headers, rest);
    }

    private static (string Line, string Remainder) SplitLine(string text)
    {
        var newline = text.IndexOf('\n');
        if (newline < 0) return (text.TrimEnd('\r'), string.Empty);
        return (text[..newline].TrimEnd('\r'), text[(newline + 1)..]);
    }

    private static string Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var eq = parameter.IndexOf('=');
            if (eq > 0 && parameter[..eq].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
                return parameter[(eq + 1)..].Trim().Trim('"');
        }
        throw new InvalidOperationException($"The transaction response content type '{contentType}' has no boundary.");
    }
}
