using FsCheck;
using FsCheck.Fluent;
using Hub.Documents.Layout;
using PdfSharp.Drawing;

namespace Hub.Documents.Tests;

public sealed class CanvasWrapTests
{
    private const string Prohibited = "、。）」ーっャ？！";
    private static readonly XFont Font;
    private static readonly Canvas Canvas;

    static CanvasWrapTests()
    {
        PdfRuntime.EnsureConfigured(TestData.Options);
        Font = DocumentFonts.Regular(10);
        Canvas = new Canvas(XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards));
    }

    [Fact]
    public void Japanese_punctuation_never_starts_a_line()
    {
        // 12 characters fit in 42 mm at 10 pt; the 13th is "。", so the 12th moves down with it.
        var lines = Canvas.Wrap("あいうえおかきくけこさし。すせそ", Font, 42.5);

        Assert.Equal(["あいうえおかきくけこさ", "し。すせそ"], lines);
    }

    [Fact]
    public void Ascii_words_and_numbers_stay_whole()
    {
        var lines = Canvas.Wrap("お問い合わせは電話03-1234-5678まで", Font, 40);

        Assert.Contains(lines, line => line.Contains("03-1234-5678", StringComparison.Ordinal));
    }

    [Fact]
    public void Breaks_at_a_space_when_the_line_has_one()
    {
        var lines = Canvas.Wrap("〒105-0011 東京都港区芝公園一丁目2番3号 みなとビル5階", Font, 75);

        Assert.Equal(["〒105-0011 東京都港区芝公園一丁目2番3号", "みなとビル5階"], lines);
    }

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("𠀋野。", 30)); // 𠀋 (U+2000B) is outside the BMP

        var lines = Canvas.Wrap(text, Font, 33);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.False(char.IsLowSurrogate(line[0]) || char.IsHighSurrogate(line[^1]), line));
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public void Explicit_newlines_start_new_lines()
    {
        Assert.Equal(["一行目", "二行目"], Canvas.Wrap("一行目\n二行目", Font, 100));
    }

    [Fact]
    public void Wrapping_loses_nothing_overflows_nothing_and_respects_line_start_rules()
    {
        var normal = Gen.Elements("あいうえお漢字資格確認書保険者番号ABCxyz0123".ToCharArray());
        // A prohibited character only after a normal one, as in real text.
        var token = Gen.Frequency(
            (5, normal.Select(c => c.ToString())),
            (1, normal.Zip(Gen.Elements(Prohibited.ToCharArray())).Select(p => $"{p.Item1}{p.Item2}")),
            (1, Gen.Constant(" ")));
        var texts = token.ListOf().Select(t => string.Concat(t).Trim()).Where(t => t.Length > 0);
        var widths = Gen.Choose(20, 120).Select(w => (double)w);

        Prop.ForAll(texts.ToArbitrary(), widths.ToArbitrary(), (text, width) =>
        {
            var lines = Canvas.Wrap(text, Font, width);
            var nothingLost = string.Concat(lines).Replace(" ", "", StringComparison.Ordinal) == text.Replace(" ", "", StringComparison.Ordinal);
            var noOverflow = lines.All(line => line.Length <= 1 || Canvas.Width(line, Font) <= width + 0.01);
            var lineStarts = lines.Skip(1).All(line => line.Length == 0 || !Prohibited.Contains(line[0]));
            return nothingLost && noOverflow && lineStarts;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Text_in_cell_reports_what_cannot_fit()
    {
        var canvas = new Canvas(XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards));

        Assert.True(canvas.TextInCell("山田 太郎", 0, 0, 40, 8, 12, 6));
        Assert.False(canvas.TextInCell(TestData.LongestName + TestData.LongestName, 0, 0, 20, 5, 12, 6));
        Assert.Equal([TestData.LongestName + TestData.LongestName], canvas.Overflows);
    }

    [Fact]
    public void A_paragraph_reaching_below_its_bottom_is_reported()
    {
        var canvas = new Canvas(XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards));
        var text = string.Concat(Enumerable.Repeat("資格確認書を提示してください。", 6));
        var lines = canvas.Wrap(text, Font, 100).Count;
        Assert.True(lines > 2, $"{lines} lines");
        var lineHeight = Canvas.Mm(10) * 1.5;
        var lastLineBottom = 10 + (lines - 1) * lineHeight + Canvas.Mm(10);

        var end = canvas.Paragraph(text, 0, 10, 100, Font, 1.5, bottom: lastLineBottom);
        Assert.Equal(10 + lines * lineHeight, end, 6);
        Assert.Empty(canvas.Overflows); // the last line's em box ends exactly on the bottom

        canvas.Paragraph(text, 0, 10, 100, Font, 1.5, bottom: lastLineBottom - 0.5);
        Assert.Equal([text], canvas.Overflows);
    }
}
