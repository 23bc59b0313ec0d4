using Hub.Documents.Formatting;
using Hub.Documents.Layout;
using Hub.Documents.Models;
using Hub.Documents.Rendering;

namespace Hub.Documents;

/// <summary>
/// Renders the 資格確認書 as a postcard (はがき, 100 × 148 mm) or an A4 letter. Thread-safe; create once and reuse.
/// </summary>
public sealed class CertificateRenderer
{
    private const string Title = "資格確認書";

    private static readonly string[] Notes =
    [
        "医療機関等を受診するときは、この資格確認書を窓口で提示してください。",
        "資格を喪失したとき（退職、後期高齢者医療制度への移行など）は、この資格確認書は使用できません。速やかに保険者へ返却してください。",
        "有効期限を過ぎた資格確認書は使用できません。",
        "記載事項に変更があったときは、勤務先を通じて保険者に届け出てください。",
    ];

    private readonly DocumentOptions _options;

    /// <summary>Configures PDFsharp (fonts, licence) once per process; throws <see cref="DocumentException"/> when fonts are missing.</summary>
    public CertificateRenderer(DocumentOptions options)
    {
        PdfRuntime.EnsureConfigured(options);
        _options = options;
    }

    /// <summary>Renders the certificate in the given layout as PDF bytes.</summary>
    public byte[] Render(CertificateModel model, CertificateLayout layout) => RenderWithDiagnostics(model, layout).Pdf;

    /// <summary>Renders the certificate into <paramref name="destination"/> (left open).</summary>
    public void Render(CertificateModel model, CertificateLayout layout, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Render(model, layout));
    }

    internal RenderResult RenderWithDiagnostics(CertificateModel model, CertificateLayout layout)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        FontCoverage.Require(model.PrintedTexts());
        using var document = PdfFactory.Create(_options, Title, model.Insurer.Name, model.DocumentId);
        var (_, graphics, canvas) = layout switch
        {
            CertificateLayout.Postcard => PdfFactory.AddPage(document, 100, 148),
            CertificateLayout.A4 => PdfFactory.AddPage(document, 210, 297),
            _ => throw new DocumentException(DocumentErrorCodes.InvalidField, $"unknown certificate layout {(int)layout}",
                $"資格確認書の様式（{(int)layout}）が不正です"),
        };
        using (graphics)
        {
            if (layout == CertificateLayout.Postcard)
                DrawPostcard(canvas, model);
            else
                DrawA4(canvas, model);
        }

        return new RenderResult(PdfFactory.ToBytes(document, model.DocumentId), canvas.Overflows);
    }

    private static void DrawPostcard(Canvas c, CertificateModel model)
    {
        const double x = 7, width = 86, label = 24, row = 7.6;
        var member = model.Member;
        c.Text(Title, 50, 6, DocumentFonts.Bold(18), TextAlign.Center);
        c.Line(x, 14.5, x + width, 14.5, 1.2);
        c.Text(member.RoleText, x + width, 16, DocumentFonts.Regular(7.5), TextAlign.Right);

        var y = 20.0;
        SymbolNumberRow(c, member.SymbolNumber, x, y, [10, 24, 10, 26, 8, 8], row, 10, 8);
        y += row;
        if (member.NameKana is not null)
        {
            Cells.Label(c, x, y, label, 5.5, "フリガナ", 7);
            Cells.Value(c, x + label, y, width - label, 5.5, member.NameKana, 7.5, 5);
            y += 5.5;
        }

        Cells.Label(c, x, y, label, 10, "氏名", 8);
        Cells.Value(c, x + label, y, width - label, 10, member.Name, 13, 6.5, bold: true, wrapBelowPt: 9);
        y += 10;
        Cells.Label(c, x, y, label, row, "生年月日", 8);
        Cells.Value(c, x + label, y, 34, row, JapaneseDates.Format(member.BirthDate), 9.5, 7);
        Cells.Label(c, x + label + 34, y, 10, row, "性別", 8);
        Cells.Value(c, x + label + 44, y, width - label - 44, row, member.SexText, 9.5, 7);
        y += row;
        foreach (var (name, value, emphasis) in DateRows(model))
        {
            Cells.Label(c, x, y, label, row, name, 8);
            Cells.Value(c, x + label, y, width - label, row, value, emphasis ? 10.5 : 9.5, 6.5, bold: emphasis);
            y += row;
        }

        y += 2;
        Cells.Label(c, x, y, label, row, "保険者番号", 8);
        Cells.Value(c, x + label, y, width - label, row, model.Insurer.InsurerNumber, 9.5);
        y += row;
        Cells.Label(c, x, y, label, row, "保険者名称", 8);
        Cells.Value(c, x + label, y, width - label, row, model.Insurer.Name, 9.5, 6.5);
        y += row;
        Cells.Label(c, x, y, label, 11, "所在地", 8);
        Cells.Value(c, x + label, y, width - label, 11,
            $"{PostalCodes.Format(model.Insurer.PostalCode)} {model.Insurer.Address}\n電話 {model.Insurer.Phone}", 7.5, 5.5, wrapFirst: true);
        y += 11 + 2.5;

        c.Text("注意事項", x, y, DocumentFonts.Bold(7));
        y += 3.6;
        for (var i = 0; i < Notes.Length; i++)
            y = NumberedNote(c, i + 1, Notes[i], x, y, width, DocumentFonts.Regular(6.3), 1.35);

        c.Text($"文書番号 {model.DocumentId}", x + width, 143.5, DocumentFonts.Regular(5.5), TextAlign.Right, Canvas.Muted);
    }

    private static void DrawA4(Canvas c, CertificateModel model)
    {
        const double x = 15, width = 180, label = 38, row = 9;
        var member = model.Member;
        CommonBlocks.Recipient(c, model.Recipient);
        CommonBlocks.Sender(c, "交付年月日", model.IssueDate, model.Insurer);

        c.Text(Title, 105, 56, DocumentFonts.Bold(24), TextAlign.Center);
        c.Paragraph(
            "あなたの健康保険の資格確認書をお送りします。\n医療機関等を受診するときは、この資格確認書を窓口で提示してください。",
            x, 68, width, DocumentFonts.Regular(10), 1.5);

        var y = 82.0;
        var blockTop = y;
        SymbolNumberRow(c, member.SymbolNumber, x, y, [label, 40, 20, 46, 20, 16], row, 12, 9);
        y += row;
        if (member.NameKana is not null)
        {
            Cells.Label(c, x, y, label, 7, "フリガナ", 9);
            Cells.Value(c, x + label, y, width - label, 7, member.NameKana, 9, 6);
            y += 7;
        }

        Cells.Label(c, x, y, label, 12, "氏名", 9);
        Cells.Value(c, x + label, y, width - label, 12, member.Name, 16, 8, bold: true);
        y += 12;
        Cells.Label(c, x, y, label, row, "生年月日", 9);
        Cells.Value(c, x + label, y, 62, row, JapaneseDates.Format(member.BirthDate), 11);
        Cells.Label(c, x + label + 62, y, 20, row, "性別", 9);
        Cells.Value(c, x + label + 82, y, width - label - 82, row, member.SexText, 11);
        y += row;
        Cells.Label(c, x, y, label, row, "本人・家族", 9);
        Cells.Value(c, x + label, y, width - label, row, member.RoleText, 11);
        y += row;
        foreach (var (name, value, emphasis) in DateRows(model))
        {
            Cells.Label(c, x, y, label, row, name, 9);
            Cells.Value(c, x + label, y, width - label, row, value, emphasis ? 13 : 11, 7, bold: emphasis);
            y += row;
        }

        Cells.Label(c, x, y, label, row, "保険者番号", 9);
        Cells.Value(c, x + label, y, width - label, row, model.Insurer.InsurerNumber, 11);
        y += row;
        Cells.Label(c, x, y, label, row, "保険者名称", 9);
        Cells.Value(c, x + label, y, width - label, row, model.Insurer.Name, 11, 7);
        y += row;
        Cells.Label(c, x, y, label, row, "保険者所在地", 9);
        Cells.Value(c, x + label, y, width - label, row, $"{PostalCodes.Format(model.Insurer.PostalCode)} {model.Insurer.Address}", 10, 7);
        y += row;
        c.Rect(x, blockTop, width, y - blockTop, 1.5); // heavy frame: the certificate proper, as distinct from the letter
        y += 8;

        c.Text("注意事項", x, y, DocumentFonts.Bold(10));
        y += 6;
        for (var i = 0; i < Notes.Length; i++)
            y = NumberedNote(c, i + 1, Notes[i], x, y, width, DocumentFonts.Regular(9), 1.5) + 1;

        CommonBlocks.Contact(c, model.Insurer, x, 258, width);
        CommonBlocks.Footer(c, Title, model.DocumentId, model.Insurer, 210, 287);
    }

    /// <summary>資格取得年月日, 一部負担金の割合 (70–74), 交付年月日 and 有効期限 (emphasised).</summary>
    private static IEnumerable<(string Label, string Value, bool Emphasis)> DateRows(CertificateModel model)
    {
        yield return ("資格取得年月日", JapaneseDates.Format(model.Member.QualificationDate), false);
        if (CommonBlocks.CopaymentLine(model.Member.Copayment) is { } copayment)
            yield return ("一部負担金の割合", copayment, false);
        yield return ("交付年月日", JapaneseDates.Format(model.IssueDate), false);
        yield return ("有効期限", JapaneseDates.Format(model.ValidUntil), true);
    }

    private static void SymbolNumberRow(Canvas c, SymbolNumber number, double x, double y, double[] widths, double height, double pt, double labelPt)
    {
        var labels = new[] { "記号", "番号", "枝番" };
        var values = new[] { number.Symbol, number.Number, number.Branch };
        for (var i = 0; i < 3; i++)
        {
            Cells.Label(c, x, y, widths[2 * i], height, labels[i], labelPt);
            x += widths[2 * i];
            Cells.Value(c, x, y, widths[2 * i + 1], height, values[i], pt, 6, align: TextAlign.Center);
            x += widths[2 * i + 1];
        }
    }

    private static double NumberedNote(Canvas c, int number, string text, double x, double y, double width, PdfSharp.Drawing.XFont font, double spacing)
    {
        var marker = $"{(char)('①' + number - 1)}";
        c.Text(marker, x, y, font);
        var indent = Canvas.Mm(font.Size) * 1.2;
        return c.Paragraph(text, x + indent, y, width - indent, font, spacing);
    }
}
