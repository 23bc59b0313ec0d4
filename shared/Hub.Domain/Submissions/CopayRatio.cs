namespace Hub.Domain.Submissions;

/// <summary>一部負担金の割合 for members aged 70–74 (the value is the number of 割, tenths).</summary>
/// <remarks>Same members and values as <c>Hub.Domain.Members.CopayRatio</c>.</remarks>
public enum CopayRatio
{
    /// <summary>2割 (code 2).</summary>
    TwentyPercent = 2,

    /// <summary>3割 (code 3; 現役並み所得者).</summary>
    ThirtyPercent = 3,
}
