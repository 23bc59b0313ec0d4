using Hub.Documents.Models;

namespace Hub.Documents.Tests;

public sealed class ReminderLetterRendererTests
{
    private readonly ReminderLetterRenderer _renderer = new(TestData.Options);

    public static TheoryData<ReminderReason, string[]> Reasons => new()
    {
        {
            ReminderReason.ElectronicCertificateExpiring,
            ["マイナンバーカードの電子証明書の更新のお願い", "電子証明書の有効期限 令和9年2月14日", "マイナ保険証として利用できる期限 令和9年5月31日",
             "手続きの期限 令和9年2月14日（2027年）", "電子証明書の更新手続き", "資格確認書をお送りします"]
        },
        {
            ReminderReason.CardExpiring,
            ["マイナンバーカードの更新のお願い", "マイナンバーカードの有効期限 令和9年2月14日", "令和9年5月31日", "手続きの期限 令和9年2月14日（2027年）"]
        },
        {
            ReminderReason.GracePeriodEnding,
            ["マイナ保険証の利用期限のお知らせ", "カードの有効期限 令和9年2月14日", "マイナ保険証として利用できる期限 令和9年5月31日",
             "手続きの期限 令和9年5月31日（2027年）", "資格確認書をお送りします"]
        },
        {
            ReminderReason.OverseasDeparture,
            ["国外転出に伴う手続きのお願い", "出国予定日 令和9年1月15日", "申請の期限（出国の前日まで） 令和9年1月14日（2027年）", "国外継続利用",
             "資格確認書をお渡しします"]
        },
        {
            ReminderReason.CertificateExpiring,
            ["資格確認書の有効期限のお知らせ", "資格確認書の有効期限 令和9年2月14日", "手続きの期限 令和9年2月14日（2027年）", "マイナ保険証"]
        },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void States_reason_due_date_and_what_to_do(ReminderReason reason, string[] expected)
    {
        var result = _renderer.RenderWithDiagnostics(TestData.Reminder(reason));
        var pdf = result.Pdf;

        Assert.Empty(result.Overflows); // nothing runs into the closing note
        PdfAssert.WellFormed(pdf);
        var text = PdfTools.FlatText(pdf);
        PdfAssert.ContainsAll(text, expected);
        PdfAssert.ContainsAll(text, "対象の方 山田 太郎 様", "記号 2718", "番号 3141592", "枝番 01", "必要な手続き",
            "発行日 令和8年11月21日", "みなと電機健康保険組合", "電話 03-1234-5678", "R-20261121-000007", "〒150-0001");
    }

    [Fact]
    public void Every_reason_has_a_letter()
    {
        var covered = Reasons.Select(row => (ReminderReason)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<ReminderReason>().ToHashSet(), covered);
    }

    [Fact]
    public void Certificate_letter_says_what_happens_if_nothing_is_done()
    {
        var text = PdfTools.FlowText(_renderer.Render(TestData.Reminder(ReminderReason.CertificateExpiring)));

        PdfAssert.ContainsAll(text,
            "保険者の記録では、あなたはマイナ保険証を利用できるため、資格確認書は更新されません。",
            "手続きをされなかった場合 有効期限を過ぎた資格確認書では受診できません。",
            "有効期限の後は医療機関等の窓口で提示できるものがなくなります。");
        // The paragraph under 手続きをされなかった場合 states a consequence, not how to register the card.
        Assert.DoesNotContain("セブン銀行", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Grace_letter_names_what_expired()
    {
        var certificate = TestData.Reminder(ReminderReason.GracePeriodEnding) with { ExpiredItem = ExpiredItem.ElectronicCertificate };

        var text = PdfTools.FlatText(_renderer.Render(certificate));

        PdfAssert.ContainsAll(text, "電子証明書の有効期限 令和9年2月14日", "マイナンバーカードの電子証明書は");
    }

    [Fact]
    public void Long_member_name_fits()
    {
        var model = TestData.Reminder(ReminderReason.CardExpiring) with { MemberName = TestData.LongestName, Recipient = TestData.Recipient with { Name = TestData.LongestName } };

        var result = _renderer.RenderWithDiagnostics(model);

        Assert.Empty(result.Overflows);
        PdfAssert.ContainsAll(PdfTools.FlatText(result.Pdf), TestData.LongestName);
    }

    [Fact]
    public void Letter_without_recipient_has_no_address_block()
    {
        var text = PdfTools.FlatText(_renderer.Render(TestData.Reminder(ReminderReason.CardExpiring) with { Recipient = null }));

        Assert.DoesNotContain("〒150-0001", text, StringComparison.Ordinal);
        PdfAssert.ContainsAll(text, "対象の方 山田 太郎 様");
    }
}
