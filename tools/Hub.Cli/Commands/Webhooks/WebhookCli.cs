using System.Globalization;
using Hub.Cli.Cli;
using Hub.Webhooks;

namespace Hub.Cli.Commands.Webhooks;

/// <summary>What the webhook verbs share: services, error reporting, time parsing.</summary>
internal static class WebhookCli
{
    /// <summary>Runs a verb with the webhook services; a <see cref="WebhookException"/> prints its code and both messages and returns 2.</summary>
    public static async Task<int> RunAsync(Func<WebhookServices, Task<int>> verb)
    {
        try
        {
            var hub = CliServices.Create();
            await hub.Storage.EnsureCreatedAsync();
            using var webhooks = WebhookServices.Create(hub);
            return await verb(webhooks);
        }
        catch (WebhookException e)
        {
            CliOutput.Error($"{e.Code}: {e.English}");
            CliOutput.Error($"{e.Code}: {e.Japanese}");
            return 2;
        }
    }

    /// <summary>
    /// A point in time: ISO 8601 with an offset (<c>2026-11-21T09:00+09:00</c>), a Japan-time date or date-time
    /// without one (<c>2026-11-21</c> = midnight JST), or a duration meaning that long ago (<c>2h</c>, <c>3d</c>).
    /// </summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(t)) return withOffset;
        if (DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Hub.Core.Time.HubClock.JapanOffset);
        try
        {
            return now - WebhookOptions.ParseDuration(t.TrimStart('-'));
        }
        catch (WebhookException)
        {
            throw new WebhookException(WebhookErrorCodes.TimeInvalid,
                $"'{text}' is not a time: use ISO 8601 (2026-11-21T09:00+09:00), a Japan date (2026-11-21) or a duration ago (2h, 3d).",
                $"'{text}' は日時として読めません。ISO 8601（2026-11-21T09:00+09:00）、日本時間の日付（2026-11-21）、または経過時間（2h, 3d）で指定してください。");
        }
    }

    /// <summary>A time for tables: Japan time, to the second.</summary>
    public static string Show(DateTimeOffset? time) =>
        time is { } t ? t.ToOffset(Hub.Core.Time.HubClock.JapanOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
