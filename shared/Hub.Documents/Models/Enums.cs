namespace Hub.Documents.Models;

/// <summary>性別 as printed on the documents.</summary>
public enum Sex
{
    /// <summary>男性.</summary>
    Male,

    /// <summary>女性.</summary>
    Female,
}

/// <summary>Whether the member is the insured person or a dependant (本人・家族).</summary>
public enum MemberRole
{
    /// <summary>被保険者 (本人).</summary>
    Insured,

    /// <summary>被扶養者 (家族).</summary>
    Dependent,
}

/// <summary>一部負担金の割合 of a member aged 70–74 (高齢受給者).</summary>
public enum CopaymentRate
{
    /// <summary>2割 (general income).</summary>
    TwentyPercent,

    /// <summary>3割 (現役並み所得者).</summary>
    ThirtyPercent,
}

/// <summary>Paper size of a 資格確認書.</summary>
public enum CertificateLayout
{
    /// <summary>はがき, 100 × 148 mm portrait.</summary>
    Postcard,

    /// <summary>A4 portrait letter with the certificate and its notes.</summary>
    A4,
}

/// <summary>
/// What the member shows at the counter to receive care (受診時に提示するもの); the 資格情報のお知らせ words its guidance
/// accordingly, since the notice itself cannot be used alone.
/// </summary>
public enum CareDocument
{
    /// <summary>Not known: the notice names both マイナ保険証 and 資格確認書 (true for every member).</summary>
    Unspecified,

    /// <summary>マイナ保険証: a My Number card registered for insurance use, within its validity or grace period.</summary>
    MynaHokensho,

    /// <summary>資格確認書: the member cannot use マイナ保険証 (no My Number or card, not registered, lapsed, on application…).</summary>
    Certificate,
}
