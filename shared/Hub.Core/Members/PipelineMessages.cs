namespace Hub.Core.Members;

/// <summary>
/// The <c>notice-generation</c> message: render version <paramref name="NoticeVersion"/> of a member's
/// 資格情報のお知らせ. The member id and version make it idempotent. Field names avoid Service Bus
/// binding-data keys (the host promotes body fields into trigger metadata).
/// </summary>
/// <param name="MemberId">The member.</param>
/// <param name="EmployerCode">The employer (blob path).</param>
/// <param name="NoticeVersion">The version of the printed fields to render.</param>
public sealed record NoticeRequest(string MemberId, string EmployerCode, int NoticeVersion)
{
    /// <summary>The idempotency key.</summary>
    public string OperationId => $"notice:{MemberId}:v{NoticeVersion}";
}

/// <summary>
/// The <c>certificate-issuance</c> message: decide (and if needed issue) a member's 資格確認書.
/// Sent by GenerateNotice after a notice, by RegisterMember when eligibility facts changed without a new
/// notice, and by the reminder timers (grace ended, overseas lapse, renewal).
/// </summary>
/// <param name="MemberId">The member.</param>
/// <param name="EmployerCode">The employer (blob path).</param>
/// <param name="RequestId">Idempotency key, unique per request (e.g. <c>notice:{memberId}:v2</c>, <c>reminder:{memberId}:GraceEnded:2027-03-01</c>).</param>
/// <param name="Reason">Why the decision is asked for: <c>notice</c>, <c>registration</c>, or a reminder reason (GraceEnded, OverseasLapsed, ForeignNationalDeparture, CertificateExpiring); recorded on the timeline and in the event.</param>
/// <param name="Renew">Issue a new certificate even if the member holds a valid one with the same printed fields (renewal before its 有効期限).</param>
/// <param name="Layout">postcard or a4; null for the configured default.</param>
public sealed record CertificateRequest(string MemberId, string EmployerCode, string RequestId, string Reason, bool Renew = false, string? Layout = null)
{
    /// <summary>The idempotency key.</summary>
    public string OperationId => $"certificate:{RequestId}";
}

/// <summary>Certificate request reasons used by the member pipeline itself.</summary>
public static class IssuanceReasons
{
    /// <summary>After a 資格情報のお知らせ was issued.</summary>
    public const string Notice = "notice";

    /// <summary>A registration changed facts that bear on eligibility but no printed field.</summary>
    public const string Registration = "registration";
}
