using System.Globalization;

namespace Hub.Domain.Eligibility;

/// <summary>Dates as written in explanations: 2029年3月31日 in Japanese, 2029-03-31 in English.</summary>
internal static class DateText
{
    public static string Ja(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
