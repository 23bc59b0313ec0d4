using Hub.Documents.Formatting;
using Hub.Documents.Layout;
using Hub.Documents.Models;
using Hub.Documents.Rendering;

namespace Hub.Documents;

/// <summary>
/// Renders an A4 reminder letter asking a member to act (card or e-certificate expiring, grace ending, overseas
/// departure without 国外継続利用申請, certificate expiring). Thread-safe; create once and reuse.
/// </summary>
public sealed class ReminderLetterRenderer
{
    private const double PageWidth = 210, PageHeight = 297, Left = 15, Width = 180, ClosingNoteTop = 244;

    private readonly DocumentOptions _options;

    /// <summary>Configures PDFsharp (fonts, licence) once per process; throws <see cref="DocumentException"/> when fonts are missing.</summary>
    public ReminderLetterRenderer(DocumentOptions options)
    {
        PdfRuntime.EnsureConfigured(options);
        _options = options;
    }

    /// <summary>Renders the letter as PDF bytes.</summary>
    public byte[] Render(ReminderLetterModel model) => RenderWithDiagnostics(model).Pdf;

    /// <summary>Renders the letter into <paramref name="destination"/> (left open).</summary>
    public void Render(ReminderLetterModel model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Render(model));
    }

    internal RenderResult RenderWithDiagnostics(ReminderLetterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        FontCoverage.Require(model.PrintedTexts());
        var content = ReminderTexts.For(model);
        using var document = PdfFactory.Create(_options, content.Title, model.Insurer.Name, model.DocumentId);
        var (_, graphics, c) = PdfFactory.AddPage(document, PageWidth, PageHeight);
        using (graphics)
        {
            CommonBlocks.Recipient(c, model.Recipient);
            CommonBlocks.Sender(c, "発行日", model.IssueDate, model.Insurer);

            c.TextInCell(content.Title, Left, 54, Width, 10, 17, 12, bold: true, align: TextAlign.Center);
            var y = 67.0;
            c.Text("対象の方", Left, y + 0.5, DocumentFonts.Bold(10));
            c.TextInCell($"{model.MemberName} 様", Left + 18, y - 1, Width - 18, 6.5, 11, 8, bold: true, padding: 0);
            c.Text(CommonBlocks.SymbolNumberLine(model.SymbolNumber), Left + 18, y + 6, DocumentFonts.Regular(9));
            y += 13;
            y = c.Paragraph(content.Lead, Left, y, Width, DocumentFonts.Regular(10.5), 1.6) + 3;

            foreach (var (label, value, emphasis) in content.Dates)
            {
                Cells.Label(c, Left, y, 70, 9, label, 9.5);
                Cells.Value(c, Left + 70, y, Width - 70, 9, value, emphasis ? 13 : 11, 8, bold: emphasis);
                y += 9;
            }

            y += 8;
            c.Text("必要な手続き", Left, y, DocumentFonts.Bold(11));
            y += 7;
            var body = DocumentFonts.Regular(10);
            foreach (var action in content.Actions)
            {
                c.Text("●", Left + 1, y, DocumentFonts.Regular(7), TextAlign.Left);
                y = c.Paragraph(action, Left + 6, y - 0.6, Width - 6, body, 1.55) + 2;
            }

            y += 5;
            c.Text("手続きをされなかった場合", Left, y, DocumentFonts.Bold(11));
            y += 7;
            // Everything above ends clear of the closing note.
            c.Paragraph(content.Consequence, Left, y, Width, body, 1.55, bottom: ClosingNoteTop - 1);

            c.Paragraph(
                "このお知らせは、保険者が把握している情報に基づいてお送りしています。すでに手続きがお済みの場合は、行き違いですのでご容赦ください。",
                Left, ClosingNoteTop, Width, DocumentFonts.Regular(8.5), 1.45, Canvas.Muted);
            CommonBlocks.Contact(c, model.Insurer, Left, 258, Width);
            CommonBlocks.Footer(c, "お知らせ", model.DocumentId, model.Insurer, PageWidth, 287);
        }

        return new RenderResult(PdfFactory.ToBytes(document, model.DocumentId), c.Overflows);
    }
}
