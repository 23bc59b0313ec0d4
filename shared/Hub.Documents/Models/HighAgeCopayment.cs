using Hub.Documents.Formatting;

namespace Hub.Documents.Models;

/// <summary>一部負担金の割合 and its 発効期日, printed only for members aged 70–74 (高齢受給者).</summary>
/// <param name="Rate">The rate.</param>
/// <param name="EffectiveFrom">発効期日: the day the rate applies from.</param>
public sealed record HighAgeCopayment(CopaymentRate Rate, DateOnly EffectiveFrom)
{
    /// <summary>The rate as printed, 2割 or 3割.</summary>
    public string RateText => Rate switch
    {
        CopaymentRate.TwentyPercent => "2割",
        CopaymentRate.ThirtyPercent => "3割",
        _ => throw FieldRules.Invalid("Copayment.Rate", "負担割合", $"has unknown value {(int)Rate}", $"の値（{(int)Rate}）が不正です"),
    };

    // A rate only exists for ages 70–74 on its effective date; anything else is a mapping error upstream.
    internal void Validate(DateOnly birthDate)
    {
        _ = RateText;
        var age = Ages.On(birthDate, EffectiveFrom);
        if (age is < 70 or > 74)
            throw FieldRules.Invalid("Copayment", "負担割合",
                $"applies only to ages 70–74, but the member is {age} on its effective date {FieldRules.Iso(EffectiveFrom)}",
                $"は70～74歳の方のみ記載します（発効期日 {FieldRules.Iso(EffectiveFrom)} 時点で{age}歳）");
    }
}
