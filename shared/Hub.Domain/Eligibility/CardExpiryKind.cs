namespace Hub.Domain.Eligibility;

/// <summary>Which expiry ends the card's use as マイナ保険証.</summary>
public enum CardExpiryKind
{
    /// <summary>The e-certificate (電子証明書) expires first.</summary>
    ECertificate,

    /// <summary>The card itself expires (on or before the e-certificate).</summary>
    Card,
}
