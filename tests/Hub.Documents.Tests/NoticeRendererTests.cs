using Hub.Documents.Models;

namespace Hub.Documents.Tests;

public sealed class NoticeRendererTests
{
    private readonly NoticeRenderer _renderer = new(TestData.Options);

    [Fact]
    public void Prints_every_field_of_the_main_sheet_and_the_cut_out()
    {
        var pdf = _renderer.Render(TestData.Notice);

        PdfAssert.WellFormed(pdf);
        var text = PdfTools.FlatText(pdf);
        PdfAssert.ContainsAll(text,
            "資格情報のお知らせ",
            "このお知らせのみでは受診できません",
            "記号 2718", "番号 3141592", "枝番 01",           // cut-out line
            "2718", "3141592",
            "フリガナ ヤマダ タロウ",
            "氏名 山田 太郎",
            "生年月日 昭和60年4月12日",
            "性別 男性",
            "本人（被保険者）",
            "資格取得年月日 令和元年5月1日",
            "保険者番号 06139992",
            "保険者名 みなと電機健康保険組合",
            "交付年月日 令和8年11月21日",
            "〒150-0001", "東京都渋谷区神宮前一丁目1番1号", "サンプルマンション101号室", "山田 太郎 様",
            "〒105-0011 東京都港区芝公園一丁目2番3号 みなとビル5階",
            "電話 03-1234-5678（マイナンバー専用ダイヤル）",
            "受付時間 平日 9:00～17:00",
            "https://myna.go.jp/",
            "切り取り線",
            "N-20261121-000123");
    }

    [Fact]
    public void Prints_characters_outside_the_BMP()
    {
        // 𠀋 (U+2000B) is one of the JIS X 0213 characters outside the BMP that BIZ UDGothic has.
        var model = TestData.Notice with { Member = TestData.Member with { Name = "𠀋野 太郎", NameKana = "ジョウノ タロウ" } };

        var text = PdfTools.FlatText(_renderer.Render(model));

        PdfAssert.ContainsAll(text, "氏名 𠀋野 太郎");
    }

    public static TheoryData<string, string> Unprintable => new()
    {
        { "\U00020BB7野 太郎", "U+20BB7" },           // 𠮷 is not in BIZ UDGothic
        { $"山田 {(char)0xD842}太郎", "U+D842" },     // a lone surrogate
    };

    [Theory]
    [MemberData(nameof(Unprintable), DisableDiscoveryEnumeration = true)]
    public void Characters_the_font_lacks_are_refused_instead_of_printed_as_boxes(string name, string codePoint)
    {
        var model = TestData.Notice with { Member = TestData.Member with { Name = name } };

        var error = Assert.Throws<DocumentException>(() => _renderer.Render(model));

        Assert.Equal(DocumentErrorCodes.UnprintableCharacter, error.Code);
        Assert.Contains("Member.Name", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains(codePoint, error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("氏名に印字できない文字", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_the_sheet_and_the_cut_out_carry_the_identifying_fields()
    {
        var text = PdfTools.Text(_renderer.Render(TestData.Notice));

        // Twice: once on the main sheet, once on the card-sized cut-out.
        Assert.True(Count(text, "山田 太郎") >= 2, text);
        Assert.True(Count(text, "昭和60年4月12日") == 2, text);
        Assert.True(Count(text, "令和元年5月1日") == 2, text);
        Assert.True(Count(text, "06139992") >= 2, text);
    }

    [Fact]
    public void Shows_only_the_last_four_digits_of_the_registered_My_Number()
    {
        var pdf = _renderer.Render(TestData.Notice);
        var text = PdfTools.FlatText(pdf);

        PdfAssert.ContainsAll(text, "＊＊＊＊ ＊＊＊＊ 9018", "個人番号（マイナンバー）の下4桁");
        PdfAssert.NoFullMyNumber(PdfTools.Text(pdf), TestData.SyntheticMyNumber);
        Assert.Equal(1, Count(text, "9018"));
    }

    [Fact]
    public void Prints_no_digits_and_says_why_when_the_My_Number_is_unverified()
    {
        var text = PdfTools.FlatText(_renderer.Render(TestData.Notice with { MyNumberLast4 = null }));

        Assert.DoesNotContain("＊＊＊＊", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9018", text, StringComparison.Ordinal);
        PdfAssert.ContainsAll(text, "記載していません");
    }

    [Fact]
    public void Prints_the_copayment_rate_and_its_effective_date_only_for_ages_70_to_74()
    {
        var senior = PdfTools.FlatText(_renderer.Render(TestData.Notice with { Member = TestData.SeniorMember }));
        PdfAssert.ContainsAll(senior, "一部負担金の割合 2割（発効期日 令和6年7月1日）", "生年月日 昭和29年6月15日",
            "性別 女性", "家族（被扶養者）", "平成元年1月8日");

        var younger = PdfTools.FlatText(_renderer.Render(TestData.Notice));
        Assert.DoesNotContain("一部負担金の割合", younger, StringComparison.Ordinal);
        Assert.DoesNotContain("発効期日", younger, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestData.LongName)]
    [InlineData(TestData.LongestName)]
    public void Long_names_fit_their_cells(string name)
    {
        var model = TestData.Notice with
        {
            Member = TestData.Member with { Name = name, NameKana = TestData.LongestKana },
            Recipient = TestData.Recipient with { Name = name },
        };

        var result = _renderer.RenderWithDiagnostics(model);

        Assert.Empty(result.Overflows);
        var text = PdfTools.FlatText(result.Pdf);
        PdfAssert.ContainsAll(text, name, TestData.LongestKana);
    }

    [Fact]
    public void The_QR_code_is_vector_not_a_bitmap()
    {
        Assert.Equal(0, PdfTools.ImageCount(_renderer.Render(TestData.Notice)));
    }

    [Fact]
    public void A_notice_stays_under_80_KB()
    {
        var pdf = _renderer.Render(TestData.Notice with { Member = TestData.SeniorMember with { Name = TestData.LongestName } });

        Assert.True(pdf.Length <= 80 * 1024, $"{pdf.Length} bytes");
    }

    [Fact]
    public void Equal_input_and_a_fixed_creation_time_give_identical_bytes()
    {
        var first = _renderer.Render(TestData.Notice);
        var second = new NoticeRenderer(TestData.Options).Render(TestData.Notice);
        var other = _renderer.Render(TestData.Notice with { DocumentId = "N-20261121-000124" });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Writes_to_a_stream_what_it_returns_as_bytes()
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0x42); // the renderer appends and leaves the stream open

        _renderer.Render(TestData.Notice, stream);

        Assert.Equal([0x42, .. _renderer.Render(TestData.Notice)], stream.ToArray());
    }

    [Fact]
    public void Invalid_models_are_rejected_before_rendering()
    {
        var error = Assert.Throws<DocumentException>(() => _renderer.Render(TestData.Notice with { MyNumberLast4 = TestData.SyntheticMyNumber }));
        Assert.Equal(DocumentErrorCodes.InvalidField, error.Code);
        Assert.Contains("MyNumberLast4", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("マイナンバー下4桁", error.MessageJa, StringComparison.Ordinal);
        // The rejected value is never echoed back: it could be a full My Number.
        Assert.DoesNotContain(TestData.SyntheticMyNumber, error.Message, StringComparison.Ordinal);

        var noKana = Assert.Throws<DocumentException>(() => _renderer.Render(TestData.Notice with { Member = TestData.Member with { NameKana = null } }));
        Assert.Contains("NameKana", noKana.MessageEn, StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
