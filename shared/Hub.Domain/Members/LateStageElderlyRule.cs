namespace Hub.Domain.Members;

/// <summary>
/// 後期高齢者医療: at 75 a member leaves the health insurance society and joins the late-stage elderly
/// medical care system on the 75th birthday itself, so qualification here (and any 資格確認書) ends the day before.
/// </summary>
public static class LateStageElderlyRule
{
    /// <summary>The age at which members move to 後期高齢者医療.</summary>
    public const int TransferAge = 75;

    /// <summary>The day the member joins 後期高齢者医療 (the 75th birthday; 資格喪失日 here).</summary>
    public static DateOnly TransferDate(DateOnly birthDate) => Age.NthBirthday(birthDate, TransferAge);

    /// <summary>The last day the member is insured by the society (the day before the 75th birthday).</summary>
    public static DateOnly LastInsuredDay(DateOnly birthDate) => TransferDate(birthDate).AddDays(-1);

    /// <summary>Whether the member has moved to 後期高齢者医療 on <paramref name="date"/>.</summary>
    public static bool HasTransferred(DateOnly birthDate, DateOnly date) => date >= TransferDate(birthDate);
}
