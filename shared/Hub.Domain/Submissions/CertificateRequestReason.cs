namespace Hub.Domain.Submissions;

/// <summary>資格確認書交付申請の理由: why a member holding マイナ保険証 applies for a 資格確認書.</summary>
public enum CertificateRequestReason
{
    /// <summary>要介護・介助等で マイナ保険証を使えない (code <c>care_needs</c>).</summary>
    CareNeeds = 1,

    /// <summary>カード紛失 (code <c>lost_card</c>; urgent).</summary>
    LostCard = 2,

    /// <summary>カード更新中 (code <c>card_renewal</c>; urgent).</summary>
    CardRenewal = 3,

    /// <summary>その他 (code <c>other</c>).</summary>
    Other = 9,
}
