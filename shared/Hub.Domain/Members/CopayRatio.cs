namespace Hub.Domain.Members;

/// <summary>一部負担金の割合 for members aged 70–74 (高齢受給者): 2割 or 3割 (現役並み所得者).</summary>
public enum CopayRatio
{
    /// <summary>2割 (20 %).</summary>
    TwentyPercent = 2,

    /// <summary>3割 (30 %), for 現役並み所得者.</summary>
    ThirtyPercent = 3,
}

/// <summary>Display helpers for <see cref="CopayRatio"/>.</summary>
public static class CopayRatioText
{
    /// <summary>The printed Japanese form: "2割" or "3割".</summary>
    public static string Japanese(this CopayRatio ratio) => $"{Tenths(ratio)}割";

    /// <summary>The English form: "20%" or "30%".</summary>
    public static string English(this CopayRatio ratio) => $"{Tenths(ratio) * 10}%";

    private static int Tenths(CopayRatio ratio) => ratio switch
    {
        CopayRatio.TwentyPercent => 2,
        CopayRatio.ThirtyPercent => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Unknown copay ratio."),
    };
}
