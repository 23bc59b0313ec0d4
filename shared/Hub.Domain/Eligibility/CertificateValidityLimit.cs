namespace Hub.Domain.Eligibility;

/// <summary>What set a certificate's 有効期限.</summary>
public enum CertificateValidityLimit
{
    /// <summary>The insurer's policy as configured.</summary>
    Policy,

    /// <summary>The five-year maximum from the issue date.</summary>
    FiveYearMaximum,

    /// <summary>The day before the 75th birthday (move to 後期高齢者医療).</summary>
    LateStageElderly,

    /// <summary>The day before the 資格喪失日.</summary>
    QualificationLoss,
}
