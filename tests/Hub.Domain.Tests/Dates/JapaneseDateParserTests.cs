using Hub.Domain.Dates;

namespace Hub.Domain.Tests.Dates;

public class JapaneseDateParserTests
{
    [Theory]
    // Gregorian
    [InlineData("2024-12-02", "2024-12-02")]
    [InlineData("2024/12/2", "2024-12-02")]
    [InlineData("2024/1/9", "2024-01-09")]
    [InlineData("2024-1-9", "2024-01-09")]
    [InlineData("2024.12.02", "2024-12-02")]
    [InlineData("20241202", "2024-12-02")]
    [InlineData("2024年12月2日", "2024-12-02")]
    [InlineData("2024年1月09日", "2024-01-09")]
    [InlineData("２０２４－１２－０２", "2024-12-02")]
    [InlineData("２０２４／１２／２", "2024-12-02")]
    [InlineData("２０２４１２０２", "2024-12-02")]
    [InlineData(" 2024-12-02 ", "2024-12-02")]
    [InlineData("2024 / 12 / 2", "2024-12-02")]
    [InlineData("2024/12/2 0:00", "2024-12-02")]
    [InlineData("2024/12/02 00:00:00", "2024-12-02")]
    [InlineData("2024-12-02T00:00:00", "2024-12-02")]
    [InlineData("2024-12-02T00:00", "2024-12-02")]
    [InlineData("2024-02-29", "2024-02-29")]
    // e-Gov era code + YYMMDD
    [InlineData("7011001", "1989-10-01")]
    [InlineData("9061202", "2024-12-02")]
    [InlineData("9010501", "2019-05-01")]
    [InlineData("7310430", "2019-04-30")]
    [InlineData("7010108", "1989-01-08")]
    [InlineData("5640107", "1989-01-07")]
    [InlineData("5011225", "1926-12-25")]
    [InlineData("3151224", "1926-12-24")]
    [InlineData("3010730", "1912-07-30")]
    [InlineData("1450729", "1912-07-29")]
    [InlineData("1010908", "1868-09-08")]
    [InlineData("９０６１２０２", "2024-12-02")]
    // Written 和暦
    [InlineData("平成元年10月1日", "1989-10-01")]
    [InlineData("平成1年10月1日", "1989-10-01")]
    [InlineData("平成01年10月01日", "1989-10-01")]
    [InlineData("令和6年12月2日", "2024-12-02")]
    [InlineData("令和元年5月1日", "2019-05-01")]
    [InlineData("昭和64年1月7日", "1989-01-07")]
    [InlineData("昭和元年12月25日", "1926-12-25")]
    [InlineData("大正15年12月24日", "1926-12-24")]
    [InlineData("大正元年7月30日", "1912-07-30")]
    [InlineData("明治45年7月29日", "1912-07-29")]
    [InlineData("平成31年4月30日", "2019-04-30")]
    [InlineData("平成 元年 10月 1日", "1989-10-01")]
    [InlineData("令和６年１２月２日", "2024-12-02")]
    [InlineData("H1.10.1", "1989-10-01")]
    [InlineData("H01.10.01", "1989-10-01")]
    [InlineData("h1.10.1", "1989-10-01")]
    [InlineData("R6/12/2", "2024-12-02")]
    [InlineData("R6-12-2", "2024-12-02")]
    [InlineData("R06.12.02", "2024-12-02")]
    [InlineData("Ｒ６．１２．２", "2024-12-02")]
    [InlineData("S64.1.7", "1989-01-07")]
    [InlineData("T15.12.24", "1926-12-24")]
    [InlineData("M45.7.29", "1912-07-29")]
    [InlineData("R元.5.1", "2019-05-01")]
    [InlineData("H1年10月1日", "1989-10-01")]
    [InlineData("平成1.10.1", "1989-10-01")]
    [InlineData("㍻元年10月1日", "1989-10-01")]
    [InlineData("㋿6年12月2日", "2024-12-02")]
    [InlineData("㍼64年1月7日", "1989-01-07")]
    [InlineData("㍽15年12月24日", "1926-12-24")]
    [InlineData("㍾45年7月29日", "1912-07-29")]
    [InlineData("R6/12/2 0:00", "2024-12-02")]
    public void Parses_every_accepted_form(string text, string expected)
    {
        var result = JapaneseDateParser.Parse(text);
        Assert.Equal(DateParseError.None, result.Error);
        Assert.True(result.Success);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Value);
    }

    [Theory]
    // Era boundaries: the day before each era starts, written in that era, does not exist.
    [InlineData("平成1年1月7日")]
    [InlineData("H1.1.7")]
    [InlineData("7010107")]
    [InlineData("令和1年4月30日")]
    [InlineData("令和元年4月30日")]
    [InlineData("R1.4.30")]
    [InlineData("9010430")]
    [InlineData("平成31年5月1日")]
    [InlineData("7310501")]
    [InlineData("平成32年1月1日")]
    [InlineData("昭和64年1月8日")]
    [InlineData("5640108")]
    [InlineData("昭和元年12月24日")]
    [InlineData("大正15年12月25日")]
    [InlineData("大正元年7月29日")]
    [InlineData("明治45年7月30日")]
    [InlineData("明治元年9月7日")]
    [InlineData("平成0年10月1日")]
    [InlineData("7001001")]
    [InlineData("8011001")]
    [InlineData("0011001")]
    [InlineData("2011001")]
    public void Refuses_days_outside_their_era(string text)
    {
        var result = JapaneseDateParser.Parse(text);
        Assert.Equal(DateParseError.EraInvalid, result.Error);
        Assert.Equal("ERA_INVALID", result.Error.ToCode());
    }

    [Theory]
    [InlineData("平成1年1月7日", 7)]
    [InlineData("令和1年4月30日", 9)]
    [InlineData("8011001", null)]
    public void Says_which_era_was_named(string text, int? eraCode)
    {
        Assert.Equal(eraCode, JapaneseDateParser.Parse(text).Era?.Code);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("2024-01-00")]
    [InlineData("20240230")]
    [InlineData("0000-01-01")]
    [InlineData("平成3年2月30日")]
    [InlineData("平成31年2月29日")]
    [InlineData("H1.2.29")]
    [InlineData("9061302")]
    [InlineData("9060230")]
    public void Refuses_days_that_do_not_exist(string text)
    {
        var result = JapaneseDateParser.Parse(text);
        Assert.Equal(DateParseError.NoSuchDay, result.Error);
        Assert.Equal("DATE_INVALID", result.Error.ToCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("2024-12")]
    [InlineData("2024/12/2/1")]
    [InlineData("2024/12-2")]
    [InlineData("2024年12月2")]
    [InlineData("2024年12/2")]
    [InlineData("24-12-02")]
    [InlineData("241202")]
    [InlineData("202412021")]
    [InlineData("12/02/2024")]
    [InlineData("2024-012-02")]
    [InlineData("2024-12-002")]
    [InlineData("X6.12.2")]
    [InlineData("R6")]
    [InlineData("R006.12.2")]
    [InlineData("令和六年十二月二日")]
    [InlineData("2024-12-02T10:30:00")]
    [InlineData("2024/12/2 9:00")]
    [InlineData("2024-12-02T00:00:00Z")]
    [InlineData("2024-12-02 garbage")]
    [InlineData("R6.12.2日")]
    [InlineData("2024-12-02-")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void Refuses_unrecognised_text(string text)
    {
        var result = JapaneseDateParser.Parse(text);
        Assert.Equal(DateParseError.Unrecognized, result.Error);
        Assert.Equal("DATE_INVALID", result.Error.ToCode());
        Assert.False(JapaneseDateParser.TryParse(text, out _, out var error));
        Assert.Equal(DateParseError.Unrecognized, error);
    }

    [Fact]
    public void None_has_no_code()
    {
        Assert.Equal("", DateParseError.None.ToCode());
    }

    [Fact]
    public void Every_day_round_trips_through_every_era_form()
    {
        for (var day = JapaneseEra.Meiji.FirstDay; day <= new DateOnly(2117, 12, 31); day = day.AddDays(1))
        {
            Assert.Equal(day, JapaneseDateParser.Parse(JapaneseDateFormatter.ToWritten(day)).Value);
            Assert.Equal(day, JapaneseDateParser.Parse(JapaneseDateFormatter.ToEraCode(day)).Value);
        }
    }
}
