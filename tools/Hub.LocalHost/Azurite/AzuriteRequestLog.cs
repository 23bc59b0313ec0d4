using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Hub.LocalHost.Azurite;

/// <summary>
/// Counts the requests Azurite served, by kind (method and resource shape: "GET queue member-registration/messages",
/// "GET table Members point read", "GET table Members $filter query", …), from its access log. For benchmarks: it
/// shows which calls dominate when Azurite is the bottleneck. Keys, message ids and blob names are not kept.
/// </summary>
public sealed partial class AzuriteRequestLog
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>Requests counted so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts by kind, most frequent first.</summary>
    public IReadOnlyList<(string Kind, long Count)> Counts() =>
        _counts.Select(c => (c.Key, c.Value)).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    /// <summary>Forgets everything counted so far (e.g. after a set-up phase).</summary>
    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>Counts one console line of Azurite if it is an access-log line (true); other lines are ignored (false).</summary>
    public bool Record(string line)
    {
        if (Kind(line) is not { } kind) return false;
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        return true;
    }

    /// <summary>The kind of an access-log line (morgan "common" format), or null when it is not one.</summary>
    public static string? Kind(string line)
    {
        var m = AccessLine().Match(line);
        if (!m.Success) return null;
        var method = m.Groups["method"].Value;
        var query = m.Groups["query"].Value;
        // Path-style URLs: /{account}/{resource}[/{rest}]
        var parts = m.Groups["path"].Value.TrimStart('/').Split('/', 3);
        var resource = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        var rest = parts.Length > 2 ? parts[2] : "";

        // Tables: /$batch, /Tables, /{table}(PartitionKey='…',RowKey='…'), /{table}?$filter=…, POST /{table} (insert).
        if (resource == "$batch") return $"{method} table $batch";
        if (resource.StartsWith("Tables", StringComparison.Ordinal)) return $"{method} table Tables";
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            var table = resource[..paren];
            return resource.Contains("PartitionKey=", StringComparison.Ordinal)
                ? $"{method} table {table} point"
                : $"{method} table {table} query: {FilterShape(query)}";
        }
        if (rest.Length == 0 && method == "GET" && (query.Length == 0 || query.Contains("$filter=", StringComparison.Ordinal)))
            return $"GET table {resource} query: {FilterShape(query)}";
        if (rest.Length == 0 && method == "POST" && query.Length == 0) return $"POST table {resource} insert";

        // Queues: /{queue}/messages[/{id}], /{queue}?comp=metadata, PUT|DELETE /{queue}.
        if (rest == "messages" || rest.StartsWith("messages/", StringComparison.Ordinal))
        {
            var op = (method, rest == "messages") switch
            {
                ("GET", true) => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive",
                ("POST", true) => "send",
                ("DELETE", true) => "clear",
                ("DELETE", false) => "delete",
                ("PUT", false) => "update (visibility)",
                _ => method,
            };
            return $"queue {op} {resource}";
        }
        if (rest.Length == 0 && query.Contains("comp=metadata", StringComparison.Ordinal)) return $"queue properties {resource}";

        // Blobs: /{container}?restype=container…, /{container}/{blob}[?comp=…].
        if (rest.Length == 0 && query.Contains("restype=container", StringComparison.Ordinal))
            return $"{method} blob container {resource}{(query.Contains("comp=list", StringComparison.Ordinal) ? " list" : "")}";
        if (rest.Length == 0) return $"{method} {(resource.Length == 0 ? "service" : "queue " + resource)}";
        var comp = CompParameter().Match(query).Groups[1].Value;
        return $"{method} blob {resource}{(comp.Length > 0 ? "?comp=" + comp : "")}";
    }

    /// <summary>The $filter of a query string with its literal values replaced, e.g. <c>PartitionKey eq '…' and RowKey ge '…'</c>.</summary>
    private static string FilterShape(string query)
    {
        var filter = Uri.UnescapeDataString(FilterParameter().Match(query).Groups[1].Value.Replace('+', ' '));
        return filter.Length == 0 ? "(all)" : Literal().Replace(filter, "'…'");
    }

    [GeneratedRegex(@"(?:^|&)\$filter=([^&]*)")]
    private static partial Regex FilterParameter();

    [GeneratedRegex("(?:^|&)comp=([a-z]+)")]
    private static partial Regex CompParameter();

    [GeneratedRegex("\"(?<method>[A-Z]+) (?<path>[^? ]+)(?:\\?(?<query>[^ ]*))? HTTP/[0-9.]+\"")]
    private static partial Regex AccessLine();

    [GeneratedRegex("'(?:[^']|'')*'|datetime'[^']*'|\\b[0-9]+L?\\b")]
    private static partial Regex Literal();
}
