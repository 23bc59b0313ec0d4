namespace Hub.Domain.Members;

/// <summary>
/// Ages and birthdays (年齢・誕生日).
/// <para>
/// Birthdays of people born on 29 February: in a non-leap year the birthday is taken as 28 February
/// (the みなし誕生日 also written into statutes that expire documents on a birthday, e.g. 道路交通法
/// 第92条の2). This keeps every "valid until the Nth birthday" date inside February — it never extends a
/// validity into March — and matches 民法第143条, under which a year-period without a corresponding day
/// ends on the month's last day.
/// </para>
/// <para>
/// Under 年齢計算ニ関スル法律 a person attains an age at the end of the day before the birthday
/// (<see cref="AttainmentDate"/>, 年齢到達日); rules phrased as "the day one reaches N" (…歳に達する日)
/// use that date, rules phrased as "from the birthday" use <see cref="NthBirthday"/>.
/// </para>
/// </summary>
public static class Age
{
    /// <summary>The birthday in calendar year <paramref name="year"/> (28 February for a 29 February birth in a non-leap year).</summary>
    public static DateOnly BirthdayIn(DateOnly birthDate, int year)
    {
        if (birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year))
            return new DateOnly(year, 2, 28);
        return new DateOnly(year, birthDate.Month, birthDate.Day);
    }

    /// <summary>The date of the Nth birthday (N = 0 is the birth date itself).</summary>
    public static DateOnly NthBirthday(DateOnly birthDate, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return BirthdayIn(birthDate, birthDate.Year + n);
    }

    /// <summary>Age in completed years on <paramref name="date"/>; it increases on the birthday.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the birth date.</exception>
    public static int On(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate)
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date is before the birth date.");
        var years = date.Year - birthDate.Year;
        return date < BirthdayIn(birthDate, date.Year) ? years - 1 : years;
    }

    /// <summary>
    /// 年齢到達日: the day at whose end the person attains age <paramref name="n"/> (年齢計算ニ関スル法律 with
    /// 民法第143条) — the day before the Nth birthday; always 28 February for a 29 February birth.
    /// </summary>
    public static DateOnly AttainmentDate(DateOnly birthDate, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return CivilPeriod.LastDayOfYears(birthDate, n);
    }
}
