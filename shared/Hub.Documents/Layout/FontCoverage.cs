using System.Collections.Concurrent;
using System.Globalization;
using PdfSharp.Fonts;

namespace Hub.Documents.Layout;

/// <summary>
/// Refuses text the font cannot print. BIZ UDGothic covers JIS X 0213 but not every kanji (e.g. 𠮷 U+20BB7);
/// PDFsharp would silently print the .notdef box instead, which on a name is worse than a clear error upstream.
/// </summary>
internal static class FontCoverage
{
    private static readonly ConcurrentDictionary<int, bool> Printable = new();

    /// <summary>Throws DOC_UNPRINTABLE_CHARACTER naming the field and the first character the font lacks.</summary>
    public static void Require(IEnumerable<(string? Text, string Field, string Label)> texts)
    {
        foreach (var (text, field, label) in texts)
        {
            if (text is null)
                continue;
            for (var i = 0; i < text.Length; i++)
            {
                var codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[++i]) : text[i];
                if (codePoint is ' ' or '\u3000' || Printable.GetOrAdd(codePoint, HasGlyph))
                    continue;
                var shown = char.IsSurrogate((char)codePoint) && codePoint <= 0xFFFF ? "?" : char.ConvertFromUtf32(codePoint);
                var hex = codePoint.ToString("X4", CultureInfo.InvariantCulture);
                throw new DocumentException(DocumentErrorCodes.UnprintableCharacter,
                    $"{field} contains U+{hex} ({shown}), which the document font (BIZ UDGothic) cannot print; replace it with a printable character",
                    $"{label}に印字できない文字 U+{hex}（{shown}）が含まれています。印字できる文字に置き換えてください");
            }
        }
    }

    private static bool HasGlyph(int codePoint) =>
        !(codePoint <= 0xFFFF && char.IsSurrogate((char)codePoint)) && GlyphHelper.GlyphIndexFromCodePoint(codePoint, DocumentFonts.Regular(10)) != 0;
}
