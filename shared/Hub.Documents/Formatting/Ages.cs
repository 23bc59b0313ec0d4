namespace Hub.Documents.Formatting;

/// <summary>Age in completed years (年齢計算ニ関スル法律: the age increases at the end of the day before the birthday,
/// which for "age on a date" questions equals counting from the birthday itself).</summary>
internal static class Ages
{
    public static int On(DateOnly birthDate, DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        if (date.Month < birthDate.Month || (date.Month == birthDate.Month && date.Day < birthDate.Day))
            age--;
        return age;
    }
}
