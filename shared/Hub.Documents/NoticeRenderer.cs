using Hub.Documents.Formatting;
using Hub.Documents.Layout;
using Hub.Documents.Models;
using Hub.Documents.Rendering;

namespace Hub.Documents;

/// <summary>
/// Renders the 資格情報のお知らせ (A4 portrait): main sheet, last 4 digits of the registered My Number, a QR code to
/// マイナポータル and a card-sized cut-out. Thread-safe; create once and reuse.
/// </summary>
public sealed class NoticeRenderer
{
    private const string Title = "資格情報のお知らせ";
    private const double PageWidth = 210, PageHeight = 297, Left = 15, Width = 180;
    private const double CardWidth = 85.6, CardHeight = 54, CardTop = 213, MainSheetTop = 87;

    // The My Number and QR texts end above the cut-line label (drawn 4 mm above the card).
    private const double UpperBlocksBottom = CardTop - 6;

    private readonly DocumentOptions _options;

    /// <summary>Configures PDFsharp (fonts, licence) once per process; throws <see cref="DocumentException"/> when fonts are missing.</summary>
    public NoticeRenderer(DocumentOptions options)
    {
        PdfRuntime.EnsureConfigured(options);
        _options = options;
    }

    /// <summary>Renders the notice as PDF bytes.</summary>
    public byte[] Render(NoticeModel model) => RenderWithDiagnostics(model).Pdf;

    /// <summary>Renders the notice into <paramref name="destination"/> (left open).</summary>
    public void Render(NoticeModel model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Render(model));
    }

    internal RenderResult RenderWithDiagnostics(NoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        FontCoverage.Require(model.PrintedTexts());
        using var document = PdfFactory.Create(_options, Title, model.Insurer.Name, model.DocumentId);
        var (_, graphics, canvas) = PdfFactory.AddPage(document, PageWidth, PageHeight);
        using (graphics)
        {
            CommonBlocks.Recipient(canvas, model.Recipient);
            CommonBlocks.Sender(canvas, "交付年月日", model.IssueDate, model.Insurer);

            canvas.Text(Title, PageWidth / 2, 56, DocumentFonts.Bold(20), TextAlign.Center);
            canvas.Text("あなたが加入している健康保険の資格情報を、下記のとおりお知らせします。", Left, 68, DocumentFonts.Regular(10));
            canvas.Text("このお知らせのみでは受診できません。", Left, 74, DocumentFonts.Bold(10));
            canvas.Paragraph(NoticeTexts.WhatToShow(model), Left, 79.5, Width, DocumentFonts.Regular(9), 1.4, bottom: MainSheetTop);

            var y = MainSheet(canvas, model.Member, model.Insurer, MainSheetTop);
            MyNumberSection(canvas, model, y + 6);
            QrSection(canvas, NoticeTexts.Portal(model), y + 6);
            CutOutCard(canvas, model.Member, model.Insurer);
            CutOutGuide(canvas, NoticeTexts.CutOutUse(model), model.Insurer);
            CommonBlocks.Footer(canvas, Title, model.DocumentId, model.Insurer, PageWidth, 287);
        }

        return new RenderResult(PdfFactory.ToBytes(document, model.DocumentId), canvas.Overflows);
    }

    private static double MainSheet(Canvas c, MemberInfo member, InsurerInfo insurer, double y)
    {
        const double label = 34, row = 8.5, value = Width - label;
        var x = Left;

        Cells.Label(c, x, y, label, row, "記号");
        Cells.Value(c, x + label, y, 40, row, member.SymbolNumber.Symbol, 12);
        Cells.Label(c, x + label + 40, y, 20, row, "番号");
        Cells.Value(c, x + label + 60, y, 46, row, member.SymbolNumber.Number, 12);
        Cells.Label(c, x + label + 106, y, 20, row, "枝番");
        Cells.Value(c, x + label + 126, y, 20, row, member.SymbolNumber.Branch, 12);
        y += row;

        Cells.Label(c, x, y, label, 7, "フリガナ");
        Cells.Value(c, x + label, y, value, 7, member.NameKana!, 9, 6);
        y += 7;
        Cells.Label(c, x, y, label, 11, "氏名");
        Cells.Value(c, x + label, y, value, 11, member.Name, 15, 8, bold: true);
        y += 11;

        Cells.Label(c, x, y, label, row, "生年月日");
        Cells.Value(c, x + label, y, 60, row, JapaneseDates.Format(member.BirthDate), 11);
        Cells.Label(c, x + label + 60, y, 20, row, "性別");
        Cells.Value(c, x + label + 80, y, 66, row, member.SexText, 11);
        y += row;

        Cells.Label(c, x, y, label, row, "本人・家族");
        Cells.Value(c, x + label, y, value, row, member.RoleText, 11);
        y += row;
        Cells.Label(c, x, y, label, row, "資格取得年月日");
        Cells.Value(c, x + label, y, value, row, JapaneseDates.Format(member.QualificationDate), 11);
        y += row;

        if (CommonBlocks.CopaymentLine(member.Copayment) is { } copayment)
        {
            Cells.Label(c, x, y, label, row, "一部負担金の割合");
            Cells.Value(c, x + label, y, value, row, copayment, 11);
            y += row;
        }

        Cells.Label(c, x, y, label, row, "保険者番号");
        Cells.Value(c, x + label, y, 40, row, insurer.InsurerNumber, 11);
        Cells.Label(c, x + label + 40, y, 20, row, "保険者名");
        Cells.Value(c, x + label + 60, y, value - 60, row, insurer.Name, 11);
        return y + row;
    }

    private static void MyNumberSection(Canvas c, NoticeModel model, double y)
    {
        const double width = 118;
        c.Text("個人番号（マイナンバー）の下4桁", Left, y, DocumentFonts.Bold(10));
        if (model.MyNumberLast4 is not { } last4)
        {
            // Nothing that could be mistaken for a number or a field to fill in: just the reason.
            c.Paragraph(NoticeTexts.NoMyNumberPrinted(model), Left, y + 6, width, DocumentFonts.Regular(9), 1.5, bottom: UpperBlocksBottom);
            return;
        }

        // Only the last 4 digits ever reach this document; the asterisks stand for the 8 digits not shown.
        c.Rect(Left, y + 5.5, 70, 11, 0.8);
        c.TextInCell($"＊＊＊＊ ＊＊＊＊ {last4}", Left, y + 5.5, 70, 11, 16, 12, bold: true, align: TextAlign.Center);
        c.Paragraph(
            "医療保険者等のデータベースに登録されている、あなたの個人番号（マイナンバー）の下4桁です。" +
            "ご自身の個人番号と一致しない場合は、お問い合わせ先までご連絡ください。",
            Left, y + 19.5, width, DocumentFonts.Regular(8), 1.45, bottom: UpperBlocksBottom);
    }

    private static void QrSection(Canvas c, string text, double y)
    {
        const double x = 140, size = 26;
        QrCodeGraphic.MynaPortal.Draw(c, x, y - 1, size);
        c.Text("マイナポータル", x + size + 1, y + 4, DocumentFonts.Bold(9));
        c.Text(QrCodeGraphic.MynaPortalUrl, x + size + 1, y + 9, DocumentFonts.Regular(7));
        c.Paragraph(text, x + 1.5, y + size, 195 - x - 1.5, DocumentFonts.Regular(7.5), 1.4, bottom: UpperBlocksBottom);
    }

    private static void CutOutCard(Canvas c, MemberInfo member, InsurerInfo insurer)
    {
        const double x = Left, y = CardTop, pad = 3, label = 21, row = 6;
        c.Text("－－－－ 切り取り線 －－－－", x + CardWidth / 2, y - 4, DocumentFonts.Regular(6.5), TextAlign.Center, Canvas.Muted);
        c.Rect(x, y, CardWidth, CardHeight, 0.7, dashed: true);
        c.Text(Title, x + pad, y + 2.5, DocumentFonts.Bold(8.5));
        c.Text(member.Role == MemberRole.Insured ? "本人" : "家族", x + CardWidth - pad, y + 2.8, DocumentFonts.Regular(7), TextAlign.Right);

        var top = y + 7.5;
        var inner = CardWidth - 2 * pad;
        c.Rect(x + pad, top, inner, row, 0.5);
        c.TextInCell(CommonBlocks.SymbolNumberLine(member.SymbolNumber), x + pad, top, inner, row, 8.5, 6);
        top += row;
        (string Label, string Value, double Height, double Pt)[] rows =
        [
            ("氏名", member.Name, 7.6, 9.5),
            ("生年月日", JapaneseDates.Format(member.BirthDate), row, 8.5),
            ("資格取得年月日", JapaneseDates.Format(member.QualificationDate), row, 8.5),
            ("保険者番号", insurer.InsurerNumber, row, 8.5),
            ("保険者名", insurer.Name, row, 8.5),
        ];
        foreach (var (name, value, height, pt) in rows)
        {
            Cells.Label(c, x + pad, top, label, height, name, 7);
            // A long name wraps onto two lines rather than shrinking below legibility.
            Cells.Value(c, x + pad + label, top, inner - label, height, value, pt, name == "氏名" ? 6.5 : 5.5,
                bold: name == "氏名", wrapBelowPt: name == "氏名" ? 8 : null);
            top += height;
        }

        c.Text("このお知らせのみでは受診できません。", x + CardWidth / 2, top + 1.6, DocumentFonts.Bold(7), TextAlign.Center);
    }

    private static void CutOutGuide(Canvas c, string text, InsurerInfo insurer)
    {
        const double x = 108, width = 195 - x;
        c.Text("点線で切り取ってご利用いただけます", x, CardTop, DocumentFonts.Bold(9));
        var contactTop = CardTop + CardHeight - 24;
        c.Paragraph(text, x, CardTop + 5.5, width, DocumentFonts.Regular(8.5), 1.45, bottom: contactTop - 1);
        CommonBlocks.Contact(c, insurer, x, contactTop, width);
    }
}
