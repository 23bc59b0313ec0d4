using Hub.Domain.Members;
using Hub.Domain.Eligibility;
using System.Runtime.Serialization;
using Azure;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// A member (加入者: 被保険者 or 被扶養者) as the hub knows it: table <c>Members</c>, partition = member id,
/// row key <see cref="EntityRowKey"/>. The same partition holds the member's timeline (<c>tl-…</c>), the
/// operations applied to it (<c>op-…</c>) and its outbox events (<c>evt-…</c>), so a state change, its
/// timeline entry, its idempotency record and its events commit in one transaction.
/// The My Number is held only as ciphertext (<see cref="ProtectedMyNumber"/>) and keyed hash.
/// </summary>
public sealed class Member : ITableEntity
{
    /// <summary>The row key of the member entity in its partition.</summary>
    public const string EntityRowKey = "member";

    /// <summary>The member id.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>Always <see cref="EntityRowKey"/>.</summary>
    public string RowKey { get; set; } = EntityRowKey;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The member id.</summary>
    [IgnoreDataMember]
    public string MemberId => PartitionKey;

    // ---- identity -------------------------------------------------------------------------------

    /// <summary>事業所記号 (employer code) the member belongs to.</summary>
    public string EmployerCode { get; set; } = "";

    /// <summary>社員番号 of the insured person (a dependant carries the insured's).</summary>
    public string EmployeeId { get; set; } = "";

    /// <summary>被保険者 or 被扶養者.</summary>
    public RecordType Role { get; set; }

    /// <summary>続柄 of a dependant.</summary>
    public Relationship? Relationship { get; set; }

    /// <summary>The insured person's member id (dependants).</summary>
    public string? InsuredMemberId { get; set; }

    /// <summary>記号 (from the employer).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>番号 (被保険者番号, shared by the household).</summary>
    public string InsuredNumber { get; set; } = "";

    /// <summary>枝番 (2 digits).</summary>
    public string BranchNumber { get; set; } = "";

    /// <summary>
    /// Insured persons only: every 枝番 ever given in the household, as <c>memberId:branch</c> pairs separated
    /// by <c>;</c> (枝番 are never reused, so departed dependants stay listed).
    /// </summary>
    public string Household { get; set; } = "";

    // ---- personal facts (latest accepted values) ------------------------------------------------

    /// <summary>氏名.</summary>
    public string NameKanji { get; set; } = "";

    /// <summary>フリガナ.</summary>
    public string NameKana { get; set; } = "";

    /// <summary>生年月日.</summary>
    public DateOnly BirthDate { get; set; }

    /// <summary>性別.</summary>
    public Sex? Sex { get; set; }

    /// <summary>The My Number, encrypted (<c>mn1.{keyId}.…</c>); null when none is registered or after deletion.</summary>
    public string? ProtectedMyNumber { get; set; }

    /// <summary>The keyed hash of the My Number (its <c>MyNumberIndex</c> entry); null when none.</summary>
    public string? MyNumberHash { get; set; }

    /// <summary>Why no My Number is assigned, when stated.</summary>
    public NoMyNumberReason? NoMyNumberReason { get; set; }

    /// <summary>資格取得年月日 (被扶養者: 認定年月日).</summary>
    public DateOnly? QualificationDate { get; set; }

    /// <summary>資格喪失年月日 (被扶養者: 非該当年月日): set once the qualification ends.</summary>
    public DateOnly? LossDate { get; set; }

    /// <summary>マイナンバーカードの状況.</summary>
    public CardState? CardState { get; set; }

    /// <summary>カード交付日.</summary>
    public DateOnly? CardIssueDate { get; set; }

    /// <summary>カード有効期限.</summary>
    public DateOnly? CardExpiryDate { get; set; }

    /// <summary>電子証明書有効期限.</summary>
    public DateOnly? EcertExpiryDate { get; set; }

    /// <summary>出国予定日.</summary>
    public DateOnly? DepartureDate { get; set; }

    /// <summary>国外継続利用申請 filed.</summary>
    public bool? OverseasContinuationFiled { get; set; }

    /// <summary>The date the filing is taken to have happened (the day it was reported, at latest the day before departure).</summary>
    public DateOnly? ContinuationFiledOn { get; set; }

    /// <summary>国籍区分.</summary>
    public Nationality? Nationality { get; set; }

    /// <summary>資格確認書交付申請.</summary>
    public bool? CertificateRequested { get; set; }

    /// <summary>資格確認書申請理由.</summary>
    public CertificateRequestReason? CertificateRequestReason { get; set; }

    /// <summary>一部負担金の割合 (ages 70–74).</summary>
    public CopayRatio? CopayRatio { get; set; }

    /// <summary>負担割合の発効期日 as reported.</summary>
    public DateOnly? CopayEffectiveDate { get; set; }

    /// <summary>
    /// Which row last set each field (JSON: field → stamp), so that rows of different submissions touching the
    /// same member apply field by field in submission order whatever order they arrive in.
    /// </summary>
    public string FieldStamps { get; set; } = "{}";

    // ---- pipeline state -------------------------------------------------------------------------

    /// <summary>When the member was first registered.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the member last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The notice version the current printed fields call for (0: none yet).</summary>
    public int NoticeVersion { get; set; }

    /// <summary>Fingerprint of the printed fields behind <see cref="NoticeVersion"/>.</summary>
    public string NoticeFingerprint { get; set; } = "";

    /// <summary>The latest notice version issued (0: none).</summary>
    public int NoticeIssuedVersion { get; set; }

    /// <summary>The latest notice id.</summary>
    public string? NoticeId { get; set; }

    /// <summary>Its blob, <c>notices/{employerCode}/{memberId}/{noticeId}.pdf</c>.</summary>
    public string? NoticeBlob { get; set; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset? NoticeIssuedAt { get; set; }

    /// <summary>Why the pending notice version could not be rendered (code: message), if so.</summary>
    public string? NoticeFailure { get; set; }

    /// <summary>The certificate request still to be decided (null when none is pending).</summary>
    public string? PendingCertificateRequest { get; set; }

    /// <summary>The last 資格確認書 decision: issued, held, not_required or failed.</summary>
    public string? CertificateStatus { get; set; }

    /// <summary>The reason code of the last decision (<c>CertificateReason</c> name).</summary>
    public string? CertificateReason { get; set; }

    /// <summary>The reason in Japanese.</summary>
    public string? CertificateExplanationJa { get; set; }

    /// <summary>The reason in English.</summary>
    public string? CertificateExplanationEn { get; set; }

    /// <summary>When the last decision was made.</summary>
    public DateTimeOffset? CertificateDecidedAt { get; set; }

    /// <summary>How many certificates were issued to the member.</summary>
    public int CertificateCount { get; set; }

    /// <summary>The current certificate id.</summary>
    public string? CertificateId { get; set; }

    /// <summary>Its blob, <c>certificates/{employerCode}/{memberId}/{certificateId}.pdf</c>.</summary>
    public string? CertificateBlob { get; set; }

    /// <summary>交付年月日 of the current certificate.</summary>
    public DateOnly? CertificateIssuedOn { get; set; }

    /// <summary>有効期限 of the current certificate.</summary>
    public DateOnly? CertificateValidUntil { get; set; }

    /// <summary>Layout of the current certificate (postcard or a4).</summary>
    public string? CertificateLayout { get; set; }

    /// <summary>Fingerprint of the printed fields on the current certificate (a change calls for a new one).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>When everything the latest change called for was done (notice and certificate decision).</summary>
    public DateTimeOffset? SettledAt { get; set; }

    /// <summary>The day the member is indexed under in <c>ActionIndex</c> (its next reminder date), if any.</summary>
    public DateOnly? NextActionDate { get; set; }

    /// <summary>The day the My Number is due for deletion (資格喪失 + retention period).</summary>
    public DateOnly? MyNumberDeletionDueOn { get; set; }

    /// <summary>When the My Number was deleted.</summary>
    public DateTimeOffset? MyNumberDeletedAt { get; set; }

    /// <summary>The sequence of the member's latest event.</summary>
    public long EventSequence { get; set; }

    /// <summary>The sequence of the member's latest timeline entry.</summary>
    public long TimelineSequence { get; set; }

    /// <summary>Whether the member is insured on <paramref name="date"/> (no 資格喪失日 on or before it).</summary>
    public bool IsInsuredOn(DateOnly date) => LossDate is not { } lost || date < lost;

    /// <summary>A copy (to change and commit; the original stays as read).</summary>
    public Member Copy() => (Member)MemberwiseClone();
}
