namespace Hub.Domain.Dates;

/// <summary>Why a text is not a date.</summary>
public enum DateParseError
{
    /// <summary>Parsed.</summary>
    None = 0,

    /// <summary>Not a recognised date form (code <c>DATE_INVALID</c>).</summary>
    Unrecognized,

    /// <summary>A recognised form naming a day that does not exist, e.g. 2月30日 (code <c>DATE_INVALID</c>).</summary>
    NoSuchDay,

    /// <summary>An unknown era, era year 0, or a day outside its era, e.g. 平成1年1月7日 (code <c>ERA_INVALID</c>).</summary>
    EraInvalid,
}

/// <summary>Stable error codes for <see cref="DateParseError"/>.</summary>
public static class DateParseErrorExtensions
{
    /// <summary><c>DATE_INVALID</c> or <c>ERA_INVALID</c>; empty for <see cref="DateParseError.None"/>.</summary>
    public static string ToCode(this DateParseError error) => error switch
    {
        DateParseError.Unrecognized or DateParseError.NoSuchDay => "DATE_INVALID",
        DateParseError.EraInvalid => "ERA_INVALID",
        _ => "",
    };
}
