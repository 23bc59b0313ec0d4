using Hub.Core.Events;

namespace Hub.Webhooks.Endpoints;

/// <summary>
/// Which event types an endpoint receives: <c>*</c> (all), exact types (<c>notice.issued</c>) and prefix
/// wildcards (<c>member.*</c>), comma-separated. Every entry must match at least one type of the catalog.
/// </summary>
public sealed class EventTypeFilter
{
    private readonly string[] _entries;

    private EventTypeFilter(string[] entries) => _entries = entries;

    /// <summary>Every event type.</summary>
    public static readonly EventTypeFilter All = new(["*"]);

    /// <summary>The filter's entries, as stored.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Parses a comma-separated filter; empty means all.</summary>
    /// <exception cref="WebhookException">An entry matches no known event type.</exception>
    public static EventTypeFilter Parse(string? text)
    {
        var entries = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        if (entries.Length == 0 || entries.Contains("*")) return All;
        foreach (var entry in entries)
        {
            if (!EventTypes.All.Any(t => Matches(entry, t)))
                throw new WebhookException(WebhookErrorCodes.EventTypeUnknown,
                    $"'{entry}' matches no event type. Known types: {string.Join(", ", EventTypes.All)}.",
                    $"'{entry}' に該当するイベント種別がありません。種別: {string.Join(", ", EventTypes.All)}。");
        }
        return new EventTypeFilter(entries);
    }

    /// <summary>Whether the endpoint wants <paramref name="eventType"/>.</summary>
    public bool Matches(string eventType) => _entries.Any(e => Matches(e, eventType));

    /// <summary>The stored form, e.g. <c>member.*,notice.issued</c>.</summary>
    public override string ToString() => string.Join(',', _entries);

    private static bool Matches(string entry, string eventType) =>
        entry == "*" || entry == eventType
        || (entry.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(entry[..^1], StringComparison.Ordinal));
}
