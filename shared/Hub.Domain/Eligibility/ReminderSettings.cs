using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>Reminder windows, in days before the date they are about. Validate after binding from configuration.</summary>
public sealed record ReminderSettings
{
    /// <summary>The longest window accepted (about ten years).</summary>
    public const int MaxWindowDays = 3650;

    /// <summary>Defaults: expiry 90 and 30 days; grace 30 days before its end; overseas 30 days; certificate 60 days.</summary>
    public static ReminderSettings Default { get; } = new();

    /// <summary>Days before a card or e-certificate expiry (default 90 and 30).</summary>
    public IReadOnlyList<int> ExpiryWindowDays { get; init; } = [90, 30];

    /// <summary>Days before the grace end for a further grace reminder (default 30); one is always due on the first grace day.</summary>
    public IReadOnlyList<int> GraceWindowDays { get; init; } = [30];

    /// <summary>Days before departure (default 30).</summary>
    public int OverseasWindowDays { get; init; } = 30;

    /// <summary>
    /// Days before a certificate's 有効期限 (default 60: issuance can take over a month, so a renewal must
    /// start well ahead).
    /// </summary>
    public int CertificateRenewalWindowDays { get; init; } = 60;

    /// <summary>Checks every window is 1–<see cref="MaxWindowDays"/> days and lists hold no duplicates.</summary>
    /// <exception cref="RuleException">REMINDER_SETTINGS_INVALID.</exception>
    public ReminderSettings Validate()
    {
        CheckList(ExpiryWindowDays, nameof(ExpiryWindowDays));
        CheckList(GraceWindowDays, nameof(GraceWindowDays));
        Check(OverseasWindowDays, nameof(OverseasWindowDays));
        Check(CertificateRenewalWindowDays, nameof(CertificateRenewalWindowDays));
        return this;
    }

    private static void CheckList(IReadOnlyList<int>? days, string name)
    {
        if (days is null)
            throw Invalid(name, "未設定です", "is missing");
        foreach (var d in days)
            Check(d, name);
        if (days.Distinct().Count() != days.Count)
            throw Invalid(name, "重複があります", "has duplicates");
    }

    private static void Check(int days, string name)
    {
        if (days is < 1 or > MaxWindowDays)
            throw Invalid(name, $"{days} は 1〜{MaxWindowDays} 日の範囲外です", $"{days} is outside 1–{MaxWindowDays} days");
    }

    private static RuleException Invalid(string name, string ja, string en) => new(new RuleError(
        "REMINDER_SETTINGS_INVALID",
        $"リマインダー設定 {name} が不正です：{ja}。",
        $"Reminder setting {name} is invalid: {en}."));
}
