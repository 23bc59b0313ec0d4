using Hub.Domain.Text;

namespace Hub.Domain.Tests.Text;

public class KanaValidatorTests
{
    [Theory]
    [InlineData("ヤマダ タロウ")]
    [InlineData("ヴァン・ゴッホ")]
    [InlineData("スミス ジョン")]
    [InlineData("ヲヱヰヶヵ")]
    [InlineData("ヽヾ")]
    [InlineData("ヷヺ")]
    [InlineData("ー")]
    public void Accepts_full_width_katakana_long_vowel_middle_dot_and_spaces(string kana)
    {
        Assert.True(KanaValidator.IsValid(kana));
        Assert.Equal(-1, KanaValidator.IndexOfInvalid(kana));
    }

    [Theory]
    [InlineData("山田", 0, "山田")]
    [InlineData("yamada", 0, "yamd")]
    [InlineData("ヤマダ1", 3, "1")]
    [InlineData("やまだ", 0, "やまだ")]
    [InlineData("ア゛", 1, "゛")]
    [InlineData("ﾔﾏﾀﾞ", 0, "ﾔﾏﾀﾞ")]
    [InlineData("ヤマダ-タロウ", 3, "-")]
    [InlineData("ヤマダ　タロウ", 3, "\u3000")]
    [InlineData("ヤマダ\tタロウ", 3, "\t")]
    public void Refuses_anything_else_and_names_the_characters(string kana, int index, string invalid)
    {
        Assert.False(KanaValidator.IsValid(kana));
        Assert.Equal(index, KanaValidator.IndexOfInvalid(kana));
        Assert.Equal(invalid, KanaValidator.InvalidCharacters(kana));
    }

    [Fact]
    public void Empty_is_not_a_reading()
    {
        Assert.False(KanaValidator.IsValid(""));
    }

    [Fact]
    public void Lists_at_most_the_requested_number_of_distinct_characters_and_keeps_surrogate_pairs_whole()
    {
        Assert.Equal("abc", KanaValidator.InvalidCharacters("aabbccdd", max: 3));
        Assert.Equal("𠮷", KanaValidator.InvalidCharacters("ヨ𠮷ダ"));
        Assert.Equal("KANA_INVALID", KanaValidator.ErrorCode);
    }
}
