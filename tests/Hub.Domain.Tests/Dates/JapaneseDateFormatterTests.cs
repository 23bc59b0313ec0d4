using System.Globalization;
using Hub.Domain.Dates;

namespace Hub.Domain.Tests.Dates;

public class JapaneseDateFormatterTests
{
    [Theory]
    [InlineData("2024-12-02", "令和6年12月2日", "9061202")]
    [InlineData("2019-05-01", "令和元年5月1日", "9010501")]
    [InlineData("2019-04-30", "平成31年4月30日", "7310430")]
    [InlineData("1989-01-08", "平成元年1月8日", "7010108")]
    [InlineData("1989-01-07", "昭和64年1月7日", "5640107")]
    [InlineData("1989-10-01", "平成元年10月1日", "7011001")]
    [InlineData("1926-12-25", "昭和元年12月25日", "5011225")]
    [InlineData("1926-12-24", "大正15年12月24日", "3151224")]
    [InlineData("1912-07-30", "大正元年7月30日", "3010730")]
    [InlineData("1912-07-29", "明治45年7月29日", "1450729")]
    [InlineData("1868-09-08", "明治元年9月8日", "1010908")]
    public void Formats_written_and_era_code_forms(string iso, string written, string code)
    {
        var date = DateOnly.Parse(iso, CultureInfo.InvariantCulture);
        Assert.Equal(written, JapaneseDateFormatter.ToWritten(date));
        Assert.Equal(code, JapaneseDateFormatter.ToEraCode(date));
    }

    [Fact]
    public void Refuses_dates_before_meiji_and_era_years_beyond_two_digits()
    {
        var early = new DateOnly(1868, 9, 7);
        Assert.False(JapaneseDateFormatter.TryGetEraDate(early, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDateFormatter.ToWritten(early));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDateFormatter.ToEraCode(early));
        Assert.Equal("令和100年1月1日", JapaneseDateFormatter.ToWritten(new DateOnly(2118, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDateFormatter.ToEraCode(new DateOnly(2118, 1, 1)));
    }

    /// <summary>Cross-check against the framework's JapaneseCalendar (ICU data) for every day from 明治 to 2100.</summary>
    [Fact]
    public void Agrees_with_the_framework_japanese_calendar_on_every_day()
    {
        var calendar = new JapaneseCalendar();
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = calendar;
        int[] frameworkEraToCode = [0, 1, 3, 5, 7, 9]; // .NET numbers the eras 1 (明治) … 5 (令和)

        for (var day = new DateOnly(1868, 9, 8); day <= new DateOnly(2100, 12, 31); day = day.AddDays(1))
        {
            var time = day.ToDateTime(TimeOnly.MinValue);
            Assert.True(JapaneseDateFormatter.TryGetEraDate(day, out var era, out int year));
            Assert.Equal(frameworkEraToCode[calendar.GetEra(time)], era.Code);
            Assert.Equal(calendar.GetYear(time), year);
            Assert.Equal(time.ToString("ggy年M月d日", culture), JapaneseDateFormatter.ToWritten(day));
        }
    }
}
