using System.Globalization;
using Hub.Domain.Members;

namespace Hub.Domain.Eligibility;

/// <summary>Every certificate ends on one configured date (e.g. 2030-07-31), within the five-year maximum.</summary>
/// <param name="EndDate">The configured 有効期限.</param>
public sealed record FixedEndDatePolicy(DateOnly EndDate) : CertificateValidityPolicy
{
    /// <summary>The configuration kind.</summary>
    public const string Kind = "fixed";

    /// <inheritdoc />
    private protected override DateOnly PolicyEnd(DateOnly issuedOn, DateOnly maximum) =>
        EndDate >= issuedOn ? EndDate : throw new RuleException(new RuleError(
            "CERTIFICATE_POLICY_END_BEFORE_ISSUE",
            $"有効期限ポリシーの終了日（{DateText.Ja(EndDate)}）が交付日（{DateText.Ja(issuedOn)}）より前です。設定を更新してください。",
            $"The policy's end date {DateText.En(EndDate)} is before the issue date {DateText.En(issuedOn)}; update the configuration."));

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
