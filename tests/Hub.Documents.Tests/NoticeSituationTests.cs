using Hub.Documents.Models;

namespace Hub.Documents.Tests;

/// <summary>
/// The notice's sentences fit the member reading it: what to show at the counter (マイナ保険証 or 資格確認書), why no My
/// Number is printed, and how the cut-out and the マイナポータル code are used.
/// </summary>
public sealed class NoticeSituationTests
{
    private const string ShowMynaHokensho = "医療機関等の窓口では、マイナ保険証（健康保険証として利用登録したマイナンバーカード）を提示してください。";
    private const string ShowCertificate = "医療機関等の窓口では、保険者から交付する資格確認書を提示してください。";
    private const string ShowEither = "医療機関等の窓口では、マイナ保険証または資格確認書を提示してください。";
    private const string WithMynaHokensho = "マイナ保険証と一緒に提示してください";
    private const string SubmitNumber = "勤務先を通じて個人番号をご提出ください";

    private readonly NoticeRenderer _renderer = new(TestData.Options);

    /// <summary>A child born abroad: no My Number, no card — she is issued a 資格確認書.</summary>
    private static NoticeModel BornAbroad => TestData.Notice with
    {
        Member = TestData.Member with { Name = "スミス エマ", NameKana = "スミス エマ", Sex = Sex.Female, Role = MemberRole.Dependent, BirthDate = new DateOnly(2026, 9, 10), QualificationDate = new DateOnly(2026, 11, 1) },
        MyNumberLast4 = null,
        MyNumberNotAssigned = true,
        CareDocument = CareDocument.Certificate,
    };

    private string Text(NoticeModel model)
    {
        var result = _renderer.RenderWithDiagnostics(model);
        Assert.Empty(result.Overflows); // every situational text stays inside its block
        PdfAssert.WellFormed(result.Pdf);
        return PdfTools.FlowText(result.Pdf);
    }

    private static void Lacks(string text, params string[] phrases)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        foreach (var phrase in phrases)
            Assert.DoesNotContain(phrase.Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_without_a_My_Number_is_told_how_to_proceed_instead_of_to_submit_one()
    {
        var text = Text(BornAbroad);

        PdfAssert.ContainsAll(text,
            ShowCertificate,
            "個人番号（マイナンバー）が付番されていないため、記載していません。受診の際は資格確認書をご利用ください。",
            "今後、個人番号が付番されたときは、勤務先を通じてご提出ください。",
            "受診の際は、このお知らせではなく資格確認書を提示してください。",
            "マイナンバーカードをお持ちの方は、スマートフォンで読み取り",
            "このお知らせのみでは受診できません");
        Lacks(text, SubmitNumber, "未提出", ShowMynaHokensho, WithMynaHokensho, "＊＊＊＊");
    }

    [Fact]
    public void Without_a_stated_care_document_a_member_without_a_My_Number_is_still_sent_to_the_certificate()
    {
        var text = Text(BornAbroad with { CareDocument = CareDocument.Unspecified });

        PdfAssert.ContainsAll(text, ShowCertificate, "受診の際は、このお知らせではなく資格確認書を提示してください。");
        Lacks(text, SubmitNumber, ShowEither, WithMynaHokensho);
    }

    [Fact]
    public void A_member_holding_a_certificate_is_told_to_show_it_not_the_card()
    {
        // A registered My Number (last 4 digits printed), but no card registered for insurance use.
        var text = Text(TestData.Notice with { CareDocument = CareDocument.Certificate });

        PdfAssert.ContainsAll(text, ShowCertificate, "受診の際は、このお知らせではなく資格確認書を提示してください。", "＊＊＊＊ ＊＊＊＊ 9018");
        Lacks(text, ShowMynaHokensho, WithMynaHokensho, ShowEither);
    }

    [Fact]
    public void A_member_using_the_card_is_told_to_show_it_and_how_the_cut_out_helps()
    {
        var text = Text(TestData.Notice with { CareDocument = CareDocument.MynaHokensho });

        PdfAssert.ContainsAll(text, ShowMynaHokensho,
            "マイナ保険証で資格を確認できない医療機関等では、マイナ保険証と一緒に提示してください。",
            "スマートフォンで読み取り、マイナポータルにログインすると");
        Lacks(text, ShowCertificate, "このお知らせではなく資格確認書", "マイナンバーカードをお持ちの方は");
    }

    [Fact]
    public void By_default_the_notice_names_both_documents()
    {
        Assert.Equal(CareDocument.Unspecified, TestData.Notice.CareDocument);
        Assert.False(TestData.Notice.MyNumberNotAssigned);

        var text = Text(TestData.Notice);

        PdfAssert.ContainsAll(text, ShowEither, "マイナ保険証をお使いの方は、マイナ保険証で資格を確認できない医療機関等で、マイナ保険証と一緒に提示してください。");
        Lacks(text, ShowMynaHokensho, ShowCertificate);
    }

    [Fact]
    public void A_number_not_yet_submitted_is_still_asked_for()
    {
        var text = Text(TestData.Notice with { MyNumberLast4 = null, CareDocument = CareDocument.Certificate });

        PdfAssert.ContainsAll(text, "個人番号（マイナンバー）の未提出などにより", SubmitNumber);
        Lacks(text, "付番されていない");
    }

    [Theory]
    [InlineData(CareDocument.Unspecified, false)]
    [InlineData(CareDocument.MynaHokensho, false)]
    [InlineData(CareDocument.Certificate, false)]
    [InlineData(CareDocument.Unspecified, true)]
    [InlineData(CareDocument.Certificate, true)]
    public void Every_situation_fits_with_the_longest_fields_and_a_senior_copayment_line(CareDocument care, bool notAssigned)
    {
        var model = TestData.Notice with
        {
            Member = TestData.SeniorMember with { Name = TestData.LongestName, NameKana = TestData.LongestKana },
            MyNumberLast4 = notAssigned ? null : "9018",
            MyNumberNotAssigned = notAssigned,
            CareDocument = care,
        };

        Assert.Empty(_renderer.RenderWithDiagnostics(model).Overflows);
    }

    [Fact]
    public void Contradictory_situations_are_rejected()
    {
        var withDigits = Assert.Throws<DocumentException>(() => _renderer.Render(BornAbroad with { MyNumberLast4 = "9018" }));
        Assert.Equal(DocumentErrorCodes.InvalidField, withDigits.Code);
        Assert.Contains("MyNumberLast4 must be empty when no My Number is assigned", withDigits.MessageEn, StringComparison.Ordinal);
        Assert.Contains("個人番号が付番されていない場合は指定できません", withDigits.MessageJa, StringComparison.Ordinal);

        var card = Assert.Throws<DocumentException>(() => _renderer.Render(BornAbroad with { CareDocument = CareDocument.MynaHokensho }));
        Assert.Equal(DocumentErrorCodes.InvalidField, card.Code);
        Assert.Contains("CareDocument", card.MessageEn, StringComparison.Ordinal);

        var unknown = Assert.Throws<DocumentException>(() => _renderer.Render(TestData.Notice with { CareDocument = (CareDocument)7 }));
        Assert.Contains("受診時に提示するもの", unknown.MessageJa, StringComparison.Ordinal);
    }
}
