using Hub.Domain.Dates;

namespace Hub.Domain.Tests.Dates;

public class JapaneseEraTests
{
    [Theory]
    [InlineData(1, "明治", 'M', "1868-09-08", "1912-07-29")]
    [InlineData(3, "大正", 'T', "1912-07-30", "1926-12-24")]
    [InlineData(5, "昭和", 'S', "1926-12-25", "1989-01-07")]
    [InlineData(7, "平成", 'H', "1989-01-08", "2019-04-30")]
    [InlineData(9, "令和", 'R', "2019-05-01", null)]
    public void Knows_every_era(int code, string name, char letter, string first, string? last)
    {
        var era = JapaneseEra.FromCode(code)!;
        Assert.Same(era, JapaneseEra.FromName(name));
        Assert.Same(era, JapaneseEra.FromLetter(letter));
        Assert.Same(era, JapaneseEra.FromLetter(char.ToLowerInvariant(letter)));
        Assert.Equal(name, era.Name);
        Assert.Equal(name, era.ToString());
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), era.FirstDay);
        Assert.Equal(last is null ? null : DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), era.LastDay);
        Assert.Same(era, JapaneseEra.ForDate(era.FirstDay));
        Assert.True(era.Contains(era.FirstDay));
        Assert.False(era.Contains(era.FirstDay.AddDays(-1)));
        if (era.LastDay is { } end)
        {
            Assert.True(era.Contains(end));
            Assert.False(era.Contains(end.AddDays(1)));
            Assert.NotSame(era, JapaneseEra.ForDate(end.AddDays(1)));
        }

        Assert.Equal(era.FirstDay.Year, era.ToGregorianYear(1));
        Assert.Equal(1, era.ToEraYear(era.FirstDay.Year));
    }

    [Fact]
    public void Eras_follow_each_other_without_gap_or_overlap()
    {
        for (int i = 1; i < JapaneseEra.All.Count; i++)
        {
            Assert.Equal(JapaneseEra.All[i - 1].LastDay!.Value.AddDays(1), JapaneseEra.All[i].FirstDay);
        }
    }

    [Fact]
    public void Unknown_codes_letters_names_and_early_dates_have_no_era()
    {
        foreach (int code in new[] { 0, 2, 4, 6, 8, 10, -1 })
        {
            Assert.Null(JapaneseEra.FromCode(code));
        }

        Assert.Null(JapaneseEra.FromLetter('X'));
        Assert.Null(JapaneseEra.FromName("慶応"));
        Assert.Null(JapaneseEra.ForDate(new DateOnly(1868, 9, 7)));
    }
}
