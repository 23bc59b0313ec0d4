namespace Hub.Domain.Eligibility;

/// <summary>The reason given on a 資格確認書交付申請 (application for a certificate), if any.</summary>
public enum CertificateApplication
{
    /// <summary>No application.</summary>
    None,

    /// <summary>要介護・介助等: care needs make using マイナ保険証 impractical.</summary>
    CareNeeds,

    /// <summary>紛失: the card was lost.</summary>
    LostCard,

    /// <summary>更新手続き中: the card is being renewed.</summary>
    CardRenewal,
}
