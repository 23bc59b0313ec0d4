using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Text;

namespace Hub.Domain.Tests.Text;

public class JapaneseTextNormalizerTests
{
    [Theory]
    [InlineData("ＡＢＣｘｙｚ０１２３４５６７８９", "ABCxyz0123456789")]
    [InlineData("（株）＆＠＃！？－／．", "(株)&@#!?-/.")]
    [InlineData("ｱｲｳｴｵ", "アイウエオ")]
    [InlineData("ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ")]
    [InlineData("ｻﾞｼﾞｽﾞｾﾞｿﾞ", "ザジズゼゾ")]
    [InlineData("ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ", "ダヂヅデド")]
    [InlineData("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "バビブベボ")]
    [InlineData("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ")]
    [InlineData("ｳﾞｧｲｵﾘﾝ", "ヴァイオリン")]
    [InlineData("ﾜﾞｦﾞ", "ヷヺ")]
    [InlineData("ｺｰﾋｰ", "コーヒー")]
    [InlineData("ｧｨｩｪｫｬｭｮｯ", "ァィゥェォャュョッ")]
    [InlineData("｡｢｣､･", "。「」、・")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ")]
    [InlineData("ｱﾞ", "ア゛")]
    [InlineData("ｶﾟ", "カ゜")]
    [InlineData("ﾞｶ", "゛カ")]
    [InlineData("ｶ ﾞ", "カ ゛")]
    [InlineData("カ\u3099", "ガ")]
    [InlineData("ハ\u309A", "パ")]
    [InlineData("カ゛", "ガ")]
    [InlineData("ウ゛", "ヴ")]
    [InlineData("か゛", "が")]
    [InlineData("は゜", "ぱ")]
    [InlineData("ゝ゛", "ゞ")]
    [InlineData("  山田　　太郎  ", "山田 太郎")]
    [InlineData("山田\t太郎", "山田 太郎")]
    [InlineData("山田\r\n太郎", "山田 太郎")]
    [InlineData("\u3000山田\u3000", "山田")]
    [InlineData("山田\u00A0太郎", "山田 太郎")]
    [InlineData("a\u200Bb", "ab")]
    [InlineData("\uFEFFabc", "abc")]
    [InlineData("やまだ", "やまだ")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalizes_width_kana_and_whitespace(string input, string expected)
    {
        Assert.Equal(expected, JapaneseTextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("やまだ たろう", "ヤマダ タロウ")]
    [InlineData("すずき　はなこ", "スズキ ハナコ")]
    [InlineData("ゔぁいおりん", "ヴァイオリン")]
    [InlineData("ゝゞ", "ヽヾ")]
    [InlineData("ｽｽﾞｷ", "スズキ")]
    [InlineData("ヤマダ", "ヤマダ")]
    [InlineData("か\u3099", "ガ")]
    [InlineData("ぁぃぅぇぉっゃゅょゎゕゖ", "ァィゥェォッャュョヮヵヶ")]
    public void In_kana_mode_turns_hiragana_into_katakana(string input, string expected)
    {
        Assert.Equal(expected, JapaneseTextNormalizer.NormalizeKana(input));
    }

    [Fact]
    public void Null_becomes_empty()
    {
        Assert.Equal("", JapaneseTextNormalizer.Normalize(null));
        Assert.Equal("", JapaneseTextNormalizer.NormalizeKana(null));
    }

    [Theory]
    [InlineData("山田 太郎")]
    [InlineData("ABC-123")]
    [InlineData("ヤマダ タロウ")]
    [InlineData("x")]
    public void Returns_the_same_instance_when_nothing_changes(string clean)
    {
        Assert.Same(clean, JapaneseTextNormalizer.Normalize(clean));
    }

    [Theory]
    [InlineData("\uFA19")] // 神 compatibility ideograph: NFKC would rewrite it to U+795E
    [InlineData("髙橋")]
    [InlineData("﨑")]
    [InlineData("𠮷野")]
    [InlineData("①")]
    [InlineData("㈱")]
    public void Leaves_kanji_and_other_characters_alone(string text)
    {
        Assert.Equal(text, JapaneseTextNormalizer.Normalize(text));
    }

    [Fact]
    public void Long_text_takes_the_pooled_path_with_the_same_result()
    {
        string input = string.Concat(Enumerable.Repeat("ｶﾞ　ＡＢ  ", 200));
        string expected = string.Concat(Enumerable.Repeat("ガ AB ", 200)).TrimEnd();
        Assert.Equal(expected, JapaneseTextNormalizer.Normalize(input));
    }

    [Fact]
    public void The_span_overload_refuses_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => JapaneseTextNormalizer.Normalize("abc", new char[2], kana: false));
    }

    private static readonly char[] Alphabet =
        "aZ09 \u3000\t\nＡｚ０９－．ｱｶﾊｳﾜｦﾞﾟｰ･かはうゝカハウヽ\u3099\u309A゛゜山田神\u200B\uFEFF-・ー".ToCharArray();

    private static Arbitrary<string> Texts => Gen.Elements(Alphabet).ArrayOf().Select(cs => new string(cs)).ToArbitrary();

    [Fact]
    public void Property_normalizing_twice_changes_nothing_and_never_lengthens()
    {
        Prop.ForAll(Texts, text =>
        {
            string once = JapaneseTextNormalizer.Normalize(text);
            string kana = JapaneseTextNormalizer.NormalizeKana(text);
            return once.Length <= text.Length && kana.Length <= text.Length
                && JapaneseTextNormalizer.Normalize(once) == once
                && JapaneseTextNormalizer.NormalizeKana(kana) == kana;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_the_result_has_no_full_width_ascii_no_half_width_kana_and_no_untrimmed_space()
    {
        Prop.ForAll(Texts, text =>
        {
            string s = JapaneseTextNormalizer.NormalizeKana(text);
            return !s.Any(c => c is >= '\uFF01' and <= '\uFF9F' or '\u3000' or '\t' or '\n' or '\u200B' or '\uFEFF' or >= '\u3041' and <= '\u3096')
                && !s.StartsWith(' ') && !s.EndsWith(' ') && !s.Contains("  ", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_span_and_string_overloads_agree()
    {
        Prop.ForAll(Texts, text =>
        {
            var buffer = new char[text.Length];
            int n = JapaneseTextNormalizer.Normalize(text, buffer, kana: true);
            return new string(buffer, 0, n) == JapaneseTextNormalizer.NormalizeKana(text);
        }).QuickCheckThrowOnFailure();
    }
}
