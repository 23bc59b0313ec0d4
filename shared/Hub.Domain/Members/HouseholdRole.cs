namespace Hub.Domain.Members;

/// <summary>A person's place under one 記号・番号.</summary>
public enum HouseholdRole
{
    /// <summary>被保険者: the insured person.</summary>
    Insured,

    /// <summary>配偶者: the insured person's spouse (a dependant).</summary>
    Spouse,

    /// <summary>子: a child of the insured person (a dependant).</summary>
    Child,

    /// <summary>その他の被扶養者: any other dependant (parents, grandchildren, siblings…).</summary>
    OtherDependant,
}
