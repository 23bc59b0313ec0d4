using System.Collections.Concurrent;
using Hub.Documents.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Hub.Documents.Layout;

/// <summary>
/// XFont instances by size and weight, shared across documents (an XFont is immutable once created; PDFsharp
/// keeps the per-document embedding separately). Unicode encoding so Japanese text stays extractable.
/// </summary>
internal static class DocumentFonts
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
    private static readonly ConcurrentDictionary<(double Size, bool Bold), XFont> Cache = new();

    public static XFont Regular(double sizePt) => Get(sizePt, bold: false);

    public static XFont Bold(double sizePt) => Get(sizePt, bold: true);

    public static XFont Get(double sizePt, bool bold) =>
        Cache.GetOrAdd((Math.Round(sizePt, 2), bold), static key =>
            new XFont(BizUdGothicFontResolver.FamilyName, key.Size, key.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode));
}
