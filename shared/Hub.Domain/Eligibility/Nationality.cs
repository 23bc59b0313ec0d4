namespace Hub.Domain.Eligibility;

/// <summary>Nationality, as far as it matters for keeping the card abroad.</summary>
public enum Nationality
{
    /// <summary>日本国籍: may keep the card abroad by filing 国外継続利用申請.</summary>
    Japanese,

    /// <summary>外国籍: cannot keep the card after leaving Japan.</summary>
    Foreign,
}
