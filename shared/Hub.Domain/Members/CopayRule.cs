namespace Hub.Domain.Members;

/// <summary>
/// 高齢受給者 copay rule: the 70–74 ratio applies from the first day of the month after the month
/// containing the day the member reaches 70 (70歳に達する日, the day before the 70th birthday under
/// 年齢計算ニ関スル法律) — so from the birthday's own month for members born on the 1st — until the day
/// before the 75th birthday, when the member moves to 後期高齢者医療.
/// </summary>
public static class CopayRule
{
    /// <summary>The first day the 70–74 ratio applies.</summary>
    public static DateOnly StartDate(DateOnly birthDate) =>
        CalendarMonths.FirstOfNextMonth(Age.AttainmentDate(birthDate, 70));

    /// <summary>The last day the 70–74 ratio applies (the day before the 75th birthday).</summary>
    public static DateOnly EndDate(DateOnly birthDate) => LateStageElderlyRule.LastInsuredDay(birthDate);

    /// <summary>Whether the 70–74 ratio applies (and is printed) on <paramref name="date"/>.</summary>
    public static bool Applies(DateOnly birthDate, DateOnly date) =>
        date >= StartDate(birthDate) && date <= EndDate(birthDate);

    /// <summary>
    /// The ratio and 発効期日 to print on <paramref name="date"/>, or null outside ages 70–74.
    /// <paramref name="ratioChangedOn"/> is the date the insurer's current ratio took effect when it changed
    /// after the start (e.g. the annual re-determination on 1 August); the later of the two is the 発効期日.
    /// </summary>
    /// <exception cref="RuleException">The ratio change lies after <paramref name="date"/> (COPAY_RATIO_NOT_YET_EFFECTIVE).</exception>
    public static CopayStatus? On(DateOnly birthDate, DateOnly date, CopayRatio ratio, DateOnly? ratioChangedOn = null)
    {
        if (!Enum.IsDefined(ratio))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Unknown copay ratio.");
        if (ratioChangedOn is { } changed && changed > date)
            throw new RuleException(new RuleError(
                "COPAY_RATIO_NOT_YET_EFFECTIVE",
                $"負担割合の発効期日（{changed:yyyy-MM-dd}）が基準日（{date:yyyy-MM-dd}）より後です。",
                $"The copay ratio takes effect on {changed:yyyy-MM-dd}, after {date:yyyy-MM-dd}."));
        if (!Applies(birthDate, date))
            return null;
        var start = StartDate(birthDate);
        var effective = ratioChangedOn is { } c && c > start ? c : start;
        return new CopayStatus(ratio, effective);
    }
}
