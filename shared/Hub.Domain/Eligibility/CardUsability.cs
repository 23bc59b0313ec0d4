namespace Hub.Domain.Eligibility;

/// <summary>Whether a registered card works as マイナ保険証 on a given day.</summary>
public enum CardUsability
{
    /// <summary>Within its validity.</summary>
    Valid,

    /// <summary>Expired, but still usable until the end of the month three months later (猶予期間).</summary>
    InGracePeriod,

    /// <summary>Expired and the grace period is over.</summary>
    GraceEnded,
}
