using System.Security.Cryptography;
using System.Text;
using Hub.Documents.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Hub.Documents.Rendering;

/// <summary>Creates documents with consistent metadata and saves them.</summary>
internal static class PdfFactory
{
    public const string Creator = "Hub.Documents";

    public static PdfDocument Create(DocumentOptions options, string title, string author, string documentId)
    {
        var document = new PdfDocument();
        // PdfPostProcessor compresses every stream itself (with a proper zlib trailer) after compacting the font.
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        document.Language = "ja-JP";
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Subject = $"{title} {documentId}";
        document.Info.Creator = Creator;
        // UTC so PDFsharp writes a correct offset (it treats an unspecified kind as UTC).
        var created = (options.FixedCreationTime ?? DateTimeOffset.UtcNow).UtcDateTime;
        document.Info.CreationDate = created;
        document.Info.ModificationDate = created;
        document.ViewerPreferences.DisplayDocTitle = true;

        // The trailer /ID is random by default; derive it from the document id so equal input gives equal bytes.
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}|{documentId}")), 0, 16);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        return document;
    }

    /// <summary>Adds a page of the given size in millimetres and returns its canvas.</summary>
    public static (PdfPage Page, XGraphics Graphics, Canvas Canvas) AddPage(PdfDocument document, double widthMm, double heightMm)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(widthMm);
        page.Height = XUnit.FromMillimeter(heightMm);
        var graphics = XGraphics.FromPdfPage(page);
        return (page, graphics, new Canvas(graphics));
    }

    /// <summary>Saves the document and finishes it (compact font, compression; see <see cref="PdfPostProcessor"/>).</summary>
    public static byte[] ToBytes(PdfDocument document, string documentId)
    {
        using var buffer = new MemoryStream(256 * 1024);
        document.Save(buffer, false);
        try
        {
            return PdfPostProcessor.Process(buffer.ToArray(), documentId);
        }
        catch (InvalidDataException e)
        {
            throw new DocumentException(DocumentErrorCodes.RenderFailed, $"could not finish the PDF {documentId}: {e.Message}",
                $"PDF（{documentId}）の生成を完了できませんでした: {e.Message}", e);
        }
    }
}
