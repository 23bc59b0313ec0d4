using Hub.Domain.Identifiers;

namespace Hub.Domain.Submissions;

/// <summary>
/// One accepted submission row, normalised and typed. Optional values are null when the cell was empty
/// (on <see cref="SubmissionAction.Update"/>: unchanged). The My Number is a <see cref="Identifiers.MyNumber"/>,
/// so printing the record shows it masked.
/// </summary>
public sealed record SubmissionRecord
{
    /// <summary>The row number as the caller counts it.</summary>
    public required int RowNumber { get; init; }

    /// <summary>被保険者 or 被扶養者.</summary>
    public required RecordType RecordType { get; init; }

    /// <summary>What the row asks for.</summary>
    public required SubmissionAction Action { get; init; }

    /// <summary>事業所記号 (upper-case, half-width).</summary>
    public required string EmployerCode { get; init; }

    /// <summary>社員番号 of the insured person (also on dependant rows).</summary>
    public required string EmployeeId { get; init; }

    /// <summary>被保険者番号 (digits, no leading zeros), when given.</summary>
    public string? InsuredNumber { get; init; }

    /// <summary>枝番 (2 digits), when given.</summary>
    public string? BranchNumber { get; init; }

    /// <summary>氏名, normalised.</summary>
    public required string NameKanji { get; init; }

    /// <summary>フリガナ in full-width katakana.</summary>
    public required string NameKana { get; init; }

    /// <summary>生年月日.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>性別.</summary>
    public Sex? Sex { get; init; }

    /// <summary>続柄 (dependants; <see cref="Submissions.Relationship.Self"/> or null on insured rows).</summary>
    public Relationship? Relationship { get; init; }

    /// <summary>個人番号, when given. Printing shows it masked.</summary>
    public MyNumber? MyNumber { get; init; }

    /// <summary>Why no My Number is assigned, when stated.</summary>
    public NoMyNumberReason? NoMyNumberReason { get; init; }

    /// <summary>資格取得年月日 (被扶養者: 認定年月日).</summary>
    public DateOnly? QualificationDate { get; init; }

    /// <summary>資格喪失年月日 (被扶養者: 非該当年月日).</summary>
    public DateOnly? LossDate { get; init; }

    /// <summary>マイナンバーカードの状況.</summary>
    public CardState? CardState { get; init; }

    /// <summary>カード交付日 (expiries are computed from it later when not given).</summary>
    public DateOnly? CardIssueDate { get; init; }

    /// <summary>カード有効期限.</summary>
    public DateOnly? CardExpiryDate { get; init; }

    /// <summary>電子証明書有効期限.</summary>
    public DateOnly? EcertExpiryDate { get; init; }

    /// <summary>出国予定日.</summary>
    public DateOnly? DepartureDate { get; init; }

    /// <summary>国外継続利用申請 filed.</summary>
    public bool? OverseasContinuationFiled { get; init; }

    /// <summary>国籍区分.</summary>
    public Nationality? Nationality { get; init; }

    /// <summary>資格確認書交付申請.</summary>
    public bool? CertificateRequested { get; init; }

    /// <summary>資格確認書申請理由.</summary>
    public CertificateRequestReason? CertificateRequestReason { get; init; }

    /// <summary>一部負担金の割合 (ages 70–74).</summary>
    public CopayRatio? CopayRatio { get; init; }

    /// <summary>負担割合の発効期日.</summary>
    public DateOnly? CopayEffectiveDate { get; init; }

    /// <summary>The reference to the insured person this row is about (or depends on).</summary>
    public InsuredReference InsuredReference => new(EmployerCode, EmployeeId, InsuredNumber);
}
