namespace Hub.Domain.Members;

/// <summary>The 一部負担金の割合 printed for a member aged 70–74 and its 発効期日 (the date it took effect).</summary>
public sealed record CopayStatus(CopayRatio Ratio, DateOnly EffectiveFrom);
