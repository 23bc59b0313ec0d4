using System.Globalization;
using Hub.Core.Configuration;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;

namespace Hub.Core.Reminders;

/// <summary>
/// The reminder windows from app settings (days before the date a reminder is about), validated:
/// <list type="bullet">
/// <item><c>Hub__Reminders__ExpiryWindowDays</c>: before a card or e-certificate expiry, comma-separated (default <c>90,30</c>).</item>
/// <item><c>Hub__Reminders__GraceWindowDays</c>: before the grace end, besides the first grace day (default <c>30</c>).</item>
/// <item><c>Hub__Reminders__OverseasWindowDays</c>: before a departure abroad (default <c>30</c>).</item>
/// <item><c>Hub__Reminders__CertificateRenewalWindowDays</c>: before a 資格確認書's 有効期限 (default <c>60</c>).</item>
/// </list>
/// The member pipeline must index members with the same windows (it computes their first action date).
/// </summary>
public static class ReminderConfiguration
{
    /// <summary>Setting names.</summary>
    public const string ExpiryWindowDays = "Hub__Reminders__ExpiryWindowDays";

    /// <inheritdoc cref="ExpiryWindowDays"/>
    public const string GraceWindowDays = "Hub__Reminders__GraceWindowDays";

    /// <inheritdoc cref="ExpiryWindowDays"/>
    public const string OverseasWindowDays = "Hub__Reminders__OverseasWindowDays";

    /// <inheritdoc cref="ExpiryWindowDays"/>
    public const string CertificateRenewalWindowDays = "Hub__Reminders__CertificateRenewalWindowDays";

    /// <summary>Reads and validates the windows; absent settings keep the defaults of <see cref="ReminderSettings"/>.</summary>
    /// <exception cref="HubConfigurationException">A value is not a whole number, out of range or duplicated (the message names the setting).</exception>
    public static ReminderSettings FromSettings(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = ReminderSettings.Default;
        var result = new ReminderSettings
        {
            ExpiryWindowDays = List(settings, ExpiryWindowDays) ?? defaults.ExpiryWindowDays,
            GraceWindowDays = List(settings, GraceWindowDays) ?? defaults.GraceWindowDays,
            OverseasWindowDays = Single(settings, OverseasWindowDays) ?? defaults.OverseasWindowDays,
            CertificateRenewalWindowDays = Single(settings, CertificateRenewalWindowDays) ?? defaults.CertificateRenewalWindowDays,
        };
        try
        {
            return result.Validate();
        }
        catch (RuleException e)
        {
            throw new HubConfigurationException($"{e.Error.MessageEn} / {e.Error.MessageJa} (Hub__Reminders__*)", e);
        }
    }

    private static int? Single(Settings settings, string name) => settings.Get(name) is { } text ? Parse(name, text.Trim()) : null;

    private static IReadOnlyList<int>? List(Settings settings, string name) =>
        settings.Get(name) is { } text ? text.Split(',', StringSplitOptions.TrimEntries).Select(t => Parse(name, t)).ToList() : null;

    private static int Parse(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? days
            : throw new HubConfigurationException(
                $"{name}: '{text}' is not a whole number of days / {name}：「{text}」は日数（整数）ではありません。");
}
