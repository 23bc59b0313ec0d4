using Hub.Documents.Models;

namespace Hub.Documents.Tests;

public sealed class CertificateRendererTests
{
    private readonly CertificateRenderer _renderer = new(TestData.Options);

    [Theory]
    [InlineData(CertificateLayout.Postcard)]
    [InlineData(CertificateLayout.A4)]
    public void Prints_every_field_in_both_layouts(CertificateLayout layout)
    {
        var pdf = _renderer.Render(TestData.Certificate, layout);

        PdfAssert.WellFormed(pdf);
        PdfAssert.ContainsAll(PdfTools.FlatText(pdf),
            "資格確認書",
            "記号 2718", "番号 3141592", "枝番 01",
            "氏名 山田 太郎",
            "フリガナ ヤマダ タロウ",
            "生年月日 昭和60年4月12日",
            "性別 男性",
            "本人（被保険者）",
            "資格取得年月日 令和元年5月1日",
            "交付年月日 令和8年11月21日",
            "有効期限 令和13年7月31日",
            "保険者番号 06139992",
            "保険者名称 みなと電機健康保険組合",
            "〒105-0011", "東京都港区芝公園一丁目2番3号",
            "資格を喪失したとき",
            "この資格確認書は使用できません",
            "有効期限を過ぎた資格確認書は使用できません",
            "C-20261121-000045");
    }

    [Fact]
    public void Postcard_is_100_by_148_mm_and_A4_is_210_by_297_mm()
    {
        Assert.Equal((100, 148), PageSizeMm(_renderer.Render(TestData.Certificate, CertificateLayout.Postcard)));
        Assert.Equal((210, 297), PageSizeMm(_renderer.Render(TestData.Certificate, CertificateLayout.A4)));
    }

    [Fact]
    public void A4_carries_the_recipient_for_a_window_envelope()
    {
        var text = PdfTools.FlatText(_renderer.Render(TestData.Certificate, CertificateLayout.A4));

        PdfAssert.ContainsAll(text, "〒150-0001", "東京都渋谷区神宮前一丁目1番1号", "山田 太郎 様");
    }

    [Theory]
    [InlineData(CertificateLayout.Postcard)]
    [InlineData(CertificateLayout.A4)]
    public void Prints_the_copayment_rate_and_effective_date_for_ages_70_to_74(CertificateLayout layout)
    {
        var model = TestData.Certificate with { Member = TestData.SeniorMember };

        var text = PdfTools.FlatText(_renderer.Render(model, layout));

        PdfAssert.ContainsAll(text, "一部負担金の割合 2割（発効期日 令和6年7月1日）", "家族（被扶養者）", "性別 女性", "平成元年1月8日");
        var younger = PdfTools.FlatText(_renderer.Render(TestData.Certificate, layout));
        Assert.DoesNotContain("一部負担金の割合", younger, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CertificateLayout.Postcard, TestData.LongName)]
    [InlineData(CertificateLayout.Postcard, TestData.LongestName)]
    [InlineData(CertificateLayout.A4, TestData.LongName)]
    [InlineData(CertificateLayout.A4, TestData.LongestName)]
    public void Long_names_and_a_senior_row_fit_the_layout(CertificateLayout layout, string name)
    {
        var model = TestData.Certificate with
        {
            Member = TestData.SeniorMember with { Name = name, NameKana = TestData.LongestKana },
            Insurer = TestData.Insurer with
            {
                Name = "全国コンピュータソフトウェア関連産業健康保険組合本部", // 26 of the 30 allowed characters
                Address = "北海道札幌市中央区北一条西二丁目3番地4 札幌中央ビルディング第二別館12階1201号室",
            },
        };

        var result = _renderer.RenderWithDiagnostics(model, layout);

        Assert.Empty(result.Overflows);
        PdfAssert.WellFormed(result.Pdf);
    }

    [Fact]
    public void Certificate_without_kana_omits_the_kana_row()
    {
        var text = PdfTools.FlatText(_renderer.Render(TestData.Certificate with { Member = TestData.Member with { NameKana = null } }, CertificateLayout.Postcard));

        Assert.DoesNotContain("フリガナ", text, StringComparison.Ordinal);
        PdfAssert.ContainsAll(text, "氏名 山田 太郎");
    }

    [Fact]
    public void Validity_must_start_on_issue_and_stay_within_five_years()
    {
        var before = Assert.Throws<DocumentException>(() =>
            _renderer.Render(TestData.Certificate with { ValidUntil = new DateOnly(2026, 11, 20) }, CertificateLayout.A4));
        Assert.Equal(DocumentErrorCodes.InconsistentDates, before.Code);

        // Five years running on to the month end is the longest policy allows.
        _renderer.Render(TestData.Certificate with { ValidUntil = new DateOnly(2031, 11, 30) }, CertificateLayout.A4);
        var tooLong = Assert.Throws<DocumentException>(() =>
            _renderer.Render(TestData.Certificate with { ValidUntil = new DateOnly(2031, 12, 1) }, CertificateLayout.A4));
        Assert.Equal(DocumentErrorCodes.InconsistentDates, tooLong.Code);
        Assert.Contains("5年", tooLong.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_layout_is_rejected()
    {
        var error = Assert.Throws<DocumentException>(() => _renderer.Render(TestData.Certificate, (CertificateLayout)7));
        Assert.Equal(DocumentErrorCodes.InvalidField, error.Code);
    }

    private static (int Width, int Height) PageSizeMm(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]");
        Assert.True(match.Success, "no MediaBox");
        double Mm(string pt) => double.Parse(pt, System.Globalization.CultureInfo.InvariantCulture) * 25.4 / 72;
        return ((int)Math.Round(Mm(match.Groups[1].Value)), (int)Math.Round(Mm(match.Groups[2].Value)));
    }
}
