using System.Globalization;
using System.Text.RegularExpressions;
using Hub.Core.Configuration;
using Hub.Documents;
using Hub.Documents.Models;
using Hub.Domain.Eligibility;
using Hub.Domain.Identifiers;
using Hub.Domain.Members;

namespace Hub.Core.Members;

/// <summary>
/// The member pipeline's settings, read once and validated (a bad value names its setting):
/// <list type="bullet">
/// <item><c>Hub__Members__BranchNumberRule</c>: <c>sequential</c> (default) or <c>by-relationship</c>.</item>
/// <item><c>Hub__Members__InsuredNumberWidth</c>: digits of an assigned 番号 (default 7).</item>
/// <item><c>Hub__Certificates__ValidityPolicy</c>: <c>years-to-month-end:N</c> (default 5) or <c>fixed:yyyy-MM-dd</c>.</item>
/// <item><c>Hub__Certificates__Layout</c>: <c>postcard</c> (default) or <c>a4</c>.</item>
/// <item><c>Hub__Reminders__*</c>: the reminder windows (see <see cref="Hub.Core.Reminders.ReminderConfiguration"/>).</item>
/// <item><c>Hub__MyNumber__RetentionDays</c>: days a withdrawn member's My Number is kept after the 資格喪失日 (default 730).</item>
/// <item><c>Hub__Insurer__Number|Name|PostalCode|Address|Phone|ContactName|ContactHours</c>: printed on every document.</item>
/// <item><c>Documents__FontsDirectory</c>, <c>PdfSharp__LicenseKey</c>: the renderers' options.</item>
/// </list>
/// </summary>
public sealed partial class MemberPipelineSettings
{
    /// <summary>The default retention of a withdrawn member's My Number, in days.</summary>
    public const int DefaultRetentionDays = 730;

    /// <summary>The 枝番 rule.</summary>
    public required BranchNumberRule BranchNumberRule { get; init; }

    /// <summary>Digits of an assigned 番号.</summary>
    public required int InsuredNumberWidth { get; init; }

    /// <summary>The 資格確認書 有効期限 policy.</summary>
    public required CertificateValidityPolicy ValidityPolicy { get; init; }

    /// <summary>The default certificate layout.</summary>
    public required CertificateLayout CertificateLayout { get; init; }

    /// <summary>Days the My Number of a withdrawn member is kept after the 資格喪失日.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>Reminder windows used to index members by their next action date (the same <c>Hub__Reminders__*</c> settings the reminder sweeps read).</summary>
    public ReminderSettings Reminders { get; init; } = ReminderSettings.Default;

    /// <summary>The insurer printed on documents (null when not configured: documents then fail with a clear error).</summary>
    public InsurerInfo? Insurer { get; init; }

    /// <summary>Why <see cref="Insurer"/> is null, if it is.</summary>
    public string? InsurerProblem { get; init; }

    /// <summary>Renderer options.</summary>
    public required DocumentOptions Documents { get; init; }

    /// <summary>The insurer, or a configuration error naming the settings.</summary>
    public InsurerInfo RequireInsurer() => Insurer ?? throw new HubConfigurationException(InsurerProblem ?? "The insurer (Hub__Insurer__*) is not configured.");

    /// <summary>Reads and validates the settings.</summary>
    /// <exception cref="HubConfigurationException">A setting is invalid.</exception>
    public static MemberPipelineSettings FromSettings(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rule = BranchNumberRule.TryParse(settings.Get("Hub__Members__BranchNumberRule") ?? SequentialBranchNumberRule.ConfigName, out var r, out var ruleError)
            ? r : throw new HubConfigurationException($"Hub__Members__BranchNumberRule: {ruleError.MessageEn} / {ruleError.MessageJa}");
        var policy = CertificateValidityPolicy.TryParse(settings.Get("Hub__Certificates__ValidityPolicy") ?? "years-to-month-end:5", out var p, out var policyError)
            ? p : throw new HubConfigurationException($"Hub__Certificates__ValidityPolicy: {policyError.MessageEn} / {policyError.MessageJa}");
        var (insurer, problem) = ReadInsurer(settings);
        return new MemberPipelineSettings
        {
            BranchNumberRule = rule,
            InsuredNumberWidth = Int(settings, "Hub__Members__InsuredNumberWidth", 7, 1, InsuredNumber.MaxLength),
            ValidityPolicy = policy,
            CertificateLayout = ParseLayout(settings.Get("Hub__Certificates__Layout"), "Hub__Certificates__Layout") ?? CertificateLayout.Postcard,
            RetentionDays = Int(settings, "Hub__MyNumber__RetentionDays", DefaultRetentionDays, 0, 36500),
            Reminders = Hub.Core.Reminders.ReminderConfiguration.FromSettings(settings),
            Insurer = insurer,
            InsurerProblem = problem,
            Documents = new DocumentOptions
            {
                FontsDirectory = settings.Get("Documents__FontsDirectory"),
                PdfSharpLicenseKey = settings.Get("PdfSharp__LicenseKey"),
            },
        };
    }

    /// <summary>Parses a layout name (<c>postcard</c>/<c>hagaki</c>/<c>はがき</c> or <c>a4</c>); null for null.</summary>
    /// <exception cref="HubConfigurationException">Unknown layout.</exception>
    public static CertificateLayout? ParseLayout(string? text, string source) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "postcard" or "hagaki" or "はがき" => CertificateLayout.Postcard,
        "a4" => CertificateLayout.A4,
        _ => throw new HubConfigurationException($"{source}: unknown certificate layout '{text}' (postcard or a4) / 資格確認書の様式「{text}」は不明です（postcard または a4）。"),
    };

    /// <summary>The stored name of a layout.</summary>
    public static string LayoutName(CertificateLayout layout) => layout == CertificateLayout.A4 ? "a4" : "postcard";

    private static int Int(Settings settings, string name, int fallback, int min, int max)
    {
        var text = settings.Get(name);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new HubConfigurationException($"{name} '{text}' must be a whole number from {min} to {max}.");
    }

    // Hub__Insurer__Address may start with the postal code ("〒100-0005 東京都…"); Hub__Insurer__PostalCode wins when set.
    private static (InsurerInfo? Insurer, string? Problem) ReadInsurer(Settings settings)
    {
        var number = settings.Get("Hub__Insurer__Number");
        var name = settings.Get("Hub__Insurer__Name");
        var address = settings.Get("Hub__Insurer__Address");
        var phone = settings.Get("Hub__Insurer__Phone");
        var missing = new[] { ("Hub__Insurer__Number", number), ("Hub__Insurer__Name", name), ("Hub__Insurer__Address", address), ("Hub__Insurer__Phone", phone) }
            .Where(s => s.Item2 is null).Select(s => s.Item1).ToList();
        if (missing.Count > 0) return (null, $"The insurer printed on documents is not configured: {string.Join(", ", missing)} missing.");
        if (!InsurerNumber.TryParse(number, out _, out var numberError))
            return (null, $"Hub__Insurer__Number '{number}' is not a valid 保険者番号 ({numberError}).");
        var postal = settings.Get("Hub__Insurer__PostalCode");
        var match = LeadingPostalCode().Match(address!);
        if (match.Success)
        {
            postal ??= match.Groups["code"].Value;
            address = address![match.Length..].Trim();
        }
        if (postal is null) return (null, "Hub__Insurer__PostalCode is missing (or start Hub__Insurer__Address with 〒nnn-nnnn).");
        return (new InsurerInfo
        {
            InsurerNumber = number!,
            Name = name!,
            PostalCode = postal,
            Address = address!,
            Phone = phone!,
            ContactName = settings.Get("Hub__Insurer__ContactName"),
            ContactHours = settings.Get("Hub__Insurer__ContactHours"),
        }, null);
    }

    [GeneratedRegex(@"^\s*〒\s*(?<code>\d{3}-?\d{4})\s*")]
    private static partial Regex LeadingPostalCode();
}
