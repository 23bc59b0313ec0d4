using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>
/// The insurer's policy for a 資格確認書's 有効期限, from configuration: "fixed:2030-07-31" (one end date for
/// everyone) or "years-to-month-end:N" (N years from issue, ending at a month end). Whatever the policy,
/// validity never exceeds five years from issue and is cut short the day before the 75th birthday and the
/// day before a known 資格喪失日.
/// </summary>
public abstract record CertificateValidityPolicy
{
    /// <summary>The longest validity, in years from the issue date.</summary>
    public const int MaxYears = 5;

    private protected CertificateValidityPolicy()
    {
    }

    /// <summary>The end date the policy itself gives for a certificate issued on <paramref name="issuedOn"/>.</summary>
    /// <param name="issuedOn">交付年月日.</param>
    /// <param name="maximum">The last day within the five-year maximum.</param>
    private protected abstract DateOnly PolicyEnd(DateOnly issuedOn, DateOnly maximum);

    /// <summary>The configuration string for this policy (round-trips through <see cref="Parse"/>).</summary>
    public abstract override string ToString();

    /// <summary>The last day within five years of <paramref name="issuedOn"/> (the issue day counts as the first day).</summary>
    public static DateOnly MaximumEnd(DateOnly issuedOn) => CivilPeriod.LastDayOfYears(issuedOn, MaxYears);

    /// <summary>The 交付年月日 and 有効期限 of a certificate issued on <paramref name="issuedOn"/>.</summary>
    /// <exception cref="RuleException">
    /// CERTIFICATE_MEMBER_OVER_75 or CERTIFICATE_QUALIFICATION_LOST when the member is not insured on the issue day;
    /// CERTIFICATE_POLICY_END_BEFORE_ISSUE when a fixed end date has already passed.
    /// </exception>
    public CertificateValidity Compute(DateOnly issuedOn, DateOnly birthDate, DateOnly? qualificationLostOn = null)
    {
        var lastInsured = LateStageElderlyRule.LastInsuredDay(birthDate);
        if (issuedOn > lastInsured)
            throw new RuleException(new RuleError(
                "CERTIFICATE_MEMBER_OVER_75",
                $"{DateText.Ja(issuedOn)}時点で75歳に達し後期高齢者医療に移行しているため、資格確認書は交付できません。",
                $"On {DateText.En(issuedOn)} the member has turned 75 and moved to 後期高齢者医療; no certificate can be issued."));
        if (qualificationLostOn is { } lost && issuedOn >= lost)
            throw new RuleException(new RuleError(
                "CERTIFICATE_QUALIFICATION_LOST",
                $"{DateText.Ja(lost)}に資格を喪失しているため、{DateText.Ja(issuedOn)}付けの資格確認書は交付できません。",
                $"The qualification ended on {DateText.En(lost)}; no certificate can be issued on {DateText.En(issuedOn)}."));

        var maximum = MaximumEnd(issuedOn);
        var policyEnd = PolicyEnd(issuedOn, maximum);
        var (end, limit) = policyEnd > maximum
            ? (maximum, CertificateValidityLimit.FiveYearMaximum)
            : (policyEnd, CertificateValidityLimit.Policy);
        if (lastInsured < end)
            (end, limit) = (lastInsured, CertificateValidityLimit.LateStageElderly);
        if (qualificationLostOn is { } lostOn && lostOn.AddDays(-1) < end)
            (end, limit) = (lostOn.AddDays(-1), CertificateValidityLimit.QualificationLoss);
        return new CertificateValidity(issuedOn, end, limit);
    }

    /// <summary>Parses a policy from configuration.</summary>
    /// <exception cref="RuleException">CERTIFICATE_POLICY_INVALID with the reason.</exception>
    public static CertificateValidityPolicy Parse(string? config) =>
        TryParse(config, out var policy, out var error) ? policy : throw new RuleException(error);

    /// <summary>Parses "fixed:yyyy-MM-dd" or "years-to-month-end:N" (N = 1–5); kind case-insensitive, spaces trimmed.</summary>
    public static bool TryParse(
        string? config,
        [NotNullWhen(true)] out CertificateValidityPolicy? policy,
        [NotNullWhen(false)] out RuleError? error)
    {
        policy = null;
        var text = config?.Trim() ?? string.Empty;
        var colon = text.IndexOf(':');
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var value = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        switch (kind)
        {
            case FixedEndDatePolicy.Kind when DateOnly.TryParseExact(
                value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                policy = new FixedEndDatePolicy(date);
                break;
            case FixedEndDatePolicy.Kind:
                error = Invalid(config, "終了日は yyyy-MM-dd 形式で指定してください", "the end date must be yyyy-MM-dd");
                return false;
            case YearsToMonthEndPolicy.Kind when int.TryParse(
                value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years is >= 1 and <= MaxYears:
                policy = new YearsToMonthEndPolicy(years);
                break;
            case YearsToMonthEndPolicy.Kind:
                error = Invalid(config, $"年数は 1〜{MaxYears} の整数で指定してください", $"the years must be a whole number from 1 to {MaxYears}");
                return false;
            default:
                error = Invalid(config,
                    "fixed:yyyy-MM-dd または years-to-month-end:N の形式で指定してください",
                    "expected fixed:yyyy-MM-dd or years-to-month-end:N");
                return false;
        }
        error = null;
        return true;
    }

    private static RuleError Invalid(string? config, string whyJa, string whyEn) => new(
        "CERTIFICATE_POLICY_INVALID",
        $"資格確認書の有効期限ポリシー「{config}」が不正です：{whyJa}。",
        $"Invalid certificate validity policy '{config}': {whyEn}.");
}
