using Hub.Documents.Formatting;

namespace Hub.Documents.Tests;

public sealed class JapaneseDatesTests
{
    [Theory]
    [InlineData("2026-11-21", "令和8年11月21日")]
    [InlineData("2019-05-01", "令和元年5月1日")]   // first day of 令和
    [InlineData("2019-04-30", "平成31年4月30日")]  // last day of 平成
    [InlineData("2020-01-01", "令和2年1月1日")]
    [InlineData("1989-01-08", "平成元年1月8日")]   // first day of 平成
    [InlineData("1989-01-07", "昭和64年1月7日")]   // last day of 昭和
    [InlineData("1989-10-01", "平成元年10月1日")]  // the seed's example
    [InlineData("1926-12-25", "昭和元年12月25日")]
    [InlineData("1926-12-24", "大正15年12月24日")]
    [InlineData("1912-07-30", "大正元年7月30日")]
    [InlineData("1912-07-29", "明治45年7月29日")]
    [InlineData("1868-09-08", "明治元年9月8日")]   // earliest date the calendar supports
    [InlineData("2024-02-29", "令和6年2月29日")]
    public void Formats_dates_in_the_Japanese_era(string iso, string expected)
    {
        Assert.Equal(expected, JapaneseDates.Format(DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Adds_the_Western_year_on_request()
    {
        Assert.Equal("令和9年3月1日（2027年）", JapaneseDates.FormatWithWesternYear(new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void Rejects_dates_before_Meiji()
    {
        var error = Assert.Throws<DocumentException>(() => JapaneseDates.Format(new DateOnly(1868, 9, 7)));
        Assert.Equal(DocumentErrorCodes.InvalidField, error.Code);
        Assert.Contains("明治", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.Equal("令和元年5月1日", JapaneseDates.Format(new DateOnly(2019, 5, 1)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
