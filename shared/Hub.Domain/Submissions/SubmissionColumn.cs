namespace Hub.Domain.Submissions;

/// <summary>The columns of a submission, in template order. The canonical header names are in <see cref="SubmissionColumnCatalog"/>.</summary>
public enum SubmissionColumn
{
    /// <summary>record_type (対象区分).</summary>
    RecordType,

    /// <summary>action (異動区分).</summary>
    Action,

    /// <summary>employer_code (事業所記号).</summary>
    EmployerCode,

    /// <summary>employee_id (社員番号): the insured employee's id, also on dependant rows.</summary>
    EmployeeId,

    /// <summary>insured_number (被保険者番号, the 番号 of 記号・番号).</summary>
    InsuredNumber,

    /// <summary>branch_number (枝番).</summary>
    BranchNumber,

    /// <summary>name_kanji (氏名).</summary>
    NameKanji,

    /// <summary>name_kana (フリガナ).</summary>
    NameKana,

    /// <summary>birth_date (生年月日).</summary>
    BirthDate,

    /// <summary>sex (性別).</summary>
    Sex,

    /// <summary>relationship (続柄).</summary>
    Relationship,

    /// <summary>my_number (個人番号).</summary>
    MyNumber,

    /// <summary>no_my_number_reason (個人番号なし理由).</summary>
    NoMyNumberReason,

    /// <summary>qualification_date (資格取得年月日).</summary>
    QualificationDate,

    /// <summary>loss_date (資格喪失年月日).</summary>
    LossDate,

    /// <summary>card_state (マイナンバーカード状況).</summary>
    CardState,

    /// <summary>card_issue_date (カード交付日).</summary>
    CardIssueDate,

    /// <summary>card_expiry_date (カード有効期限).</summary>
    CardExpiryDate,

    /// <summary>ecert_expiry_date (電子証明書有効期限).</summary>
    EcertExpiryDate,

    /// <summary>departure_date (出国予定日).</summary>
    DepartureDate,

    /// <summary>overseas_continuation_filed (国外継続利用申請).</summary>
    OverseasContinuationFiled,

    /// <summary>nationality (国籍区分).</summary>
    Nationality,

    /// <summary>certificate_request (資格確認書交付申請).</summary>
    CertificateRequest,

    /// <summary>certificate_request_reason (資格確認書申請理由).</summary>
    CertificateRequestReason,

    /// <summary>copay_ratio (一部負担金の割合).</summary>
    CopayRatio,

    /// <summary>copay_effective_date (負担割合発効期日).</summary>
    CopayEffectiveDate,

    /// <summary>note (備考): free text for the employer; accepted and ignored.</summary>
    Note,
}
