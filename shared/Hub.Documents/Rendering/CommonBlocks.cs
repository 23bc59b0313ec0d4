using Hub.Documents.Formatting;
using Hub.Documents.Layout;
using Hub.Documents.Models;

namespace Hub.Documents.Rendering;

/// <summary>Blocks shared by the A4 documents: address window, sender, contact box and footer.</summary>
internal static class CommonBlocks
{
    /// <summary>The recipient in the window-envelope position (長形3号 window: about 20 mm from the left and top).</summary>
    public static void Recipient(Canvas canvas, MailingAddress? recipient, double x = 20, double y = 20, double width = 90)
    {
        if (recipient is null)
            return;
        var top = y;
        if (recipient.PostalCode is not null)
        {
            canvas.Text(PostalCodes.Format(recipient.PostalCode), x, top, DocumentFonts.Regular(10));
            top += 5.5;
        }

        foreach (var line in new[] { recipient.Address, recipient.AddressLine2 })
        {
            if (line is null)
                continue;
            canvas.TextInCell(line, x - 1.5, top - 0.5, width, 5, 10, 7);
            top += 5;
        }

        top += 2;
        canvas.TextInCell($"{recipient.Name} 様", x - 1.5, top, width, 8, 13, 8.5);
    }

    /// <summary>交付年月日 and the insurer's name, right-aligned at the top.</summary>
    public static void Sender(Canvas canvas, string dateLabel, DateOnly date, InsurerInfo insurer, double right = 195, double y = 20)
    {
        canvas.Text($"{dateLabel} {JapaneseDates.Format(date)}", right, y, DocumentFonts.Regular(10), TextAlign.Right);
        canvas.TextInCell(insurer.Name, right - 80, y + 6, 80, 6, 11, 8, align: TextAlign.Right, padding: 0);
    }

    /// <summary>お問い合わせ先 box (24 mm high): insurer name, address, phone with the desk's name, hours.</summary>
    public static void Contact(Canvas canvas, InsurerInfo insurer, double x, double y, double width)
    {
        canvas.Rect(x, y, width, 24, 0.6);
        canvas.Text("お問い合わせ先", x + 3, y + 2, DocumentFonts.Bold(8.5));
        var inner = width - 3;
        canvas.TextInCell(insurer.Name, x + 1.5, y + 5.6, inner, 4.6, 9.5, 6.5, bold: true);
        canvas.TextInCell($"{PostalCodes.Format(insurer.PostalCode)} {insurer.Address}", x + 1.5, y + 10.2, inner, 4.2, 8.5, 6);
        var phone = insurer.ContactName is null ? $"電話 {insurer.Phone}" : $"電話 {insurer.Phone}（{insurer.ContactName}）";
        canvas.TextInCell(phone, x + 1.5, y + 14.4, inner, 4.2, 8.5, 6);
        if (insurer.ContactHours is not null)
            canvas.TextInCell($"受付時間 {insurer.ContactHours}", x + 1.5, y + 18.6, inner, 4.2, 8.5, 6);
    }

    /// <summary>Small print at the foot of the page: the document id (for enquiries) and the insurer number.</summary>
    public static void Footer(Canvas canvas, string documentKind, string documentId, InsurerInfo insurer, double pageWidth, double y)
    {
        var font = DocumentFonts.Regular(6.5);
        canvas.Text($"保険者番号 {insurer.InsurerNumber}", 15, y, font, TextAlign.Left, Canvas.Muted);
        canvas.Text($"{documentKind} 文書番号 {documentId}", pageWidth - 15, y, font, TextAlign.Right, Canvas.Muted);
    }

    /// <summary>記号・番号・枝番 on one line.</summary>
    public static string SymbolNumberLine(SymbolNumber number) =>
        $"記号 {number.Symbol}　番号 {number.Number}　枝番 {number.Branch}";

    /// <summary>負担割合 with its 発効期日, or null when not printed.</summary>
    public static string? CopaymentLine(HighAgeCopayment? copayment) =>
        copayment is null ? null : $"{copayment.RateText}（発効期日 {JapaneseDates.Format(copayment.EffectiveFrom)}）";
}
