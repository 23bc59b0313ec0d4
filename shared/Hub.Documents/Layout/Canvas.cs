using System.Collections.Concurrent;
using PdfSharp.Drawing;

namespace Hub.Documents.Layout;

/// <summary>Horizontal text alignment.</summary>
internal enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Drawing on a PDF page in millimetres from the top-left corner, with the few text operations the documents
/// need: single lines, shrink-to-fit, and wrapped paragraphs with basic 禁則 (line-start prohibitions).
/// </summary>
internal sealed class Canvas(XGraphics graphics)
{
    private readonly List<string> _overflows = [];

    public const double PtPerMm = 72 / 25.4;

    public static readonly XBrush Ink = XBrushes.Black;
    public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
    public static readonly XBrush LabelFill = new XSolidBrush(XColor.FromArgb(0xEE, 0xEE, 0xEE));

    // Characters a Japanese line must not start with (行頭禁則).
    private const string NoLineStart = "、。，．,.)）」』】〕〉》〙ー・：:；;？?！!ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ～";
    private static readonly ConcurrentDictionary<(XFont Font, int CodePoint), double> CharWidths = new();
    private static readonly ConcurrentDictionary<(double Width, bool Dashed), XPen> Pens = new();

    public static double Pt(double mm) => mm * PtPerMm;

    public static double Mm(double pt) => pt / PtPerMm;

    /// <summary>Width of <paramref name="text"/> in millimetres.</summary>
    public double Width(string text, XFont font) => Mm(graphics.MeasureString(text, font).Width);

    /// <summary>One line of text whose em box starts at <paramref name="top"/>.</summary>
    public void Text(string text, double x, double top, XFont font, TextAlign align = TextAlign.Left, XBrush? brush = null)
    {
        var format = align switch
        {
            TextAlign.Center => XStringFormats.BaseLineCenter,
            TextAlign.Right => XStringFormats.BaseLineRight,
            _ => XStringFormats.BaseLineLeft,
        };
        graphics.DrawString(text, font, brush ?? Ink, Pt(x), Pt(top) + Ascent(font), format);
    }

    /// <summary>
    /// Text centred vertically in a cell. By default it is shrunk from <paramref name="preferredPt"/> down to
    /// <paramref name="minPt"/> to stay on one line (names, numbers) and wrapped only at the minimum size as a last
    /// resort; with <paramref name="wrapFirst"/> it wraps at the largest size whose lines fit the height (addresses);
    /// with <paramref name="wrapBelowPt"/> it stays on one line down to that size and wraps beyond (long names).
    /// Returns false when even that overflows the cell (the text is then drawn anyway so nothing is silently lost,
    /// and recorded in <see cref="Overflows"/>).
    /// </summary>
    public bool TextInCell(string text, double x, double y, double width, double height, double preferredPt, double minPt,
        bool bold = false, TextAlign align = TextAlign.Left, double padding = 1.5, bool wrapFirst = false, double? wrapBelowPt = null)
    {
        var inner = width - 2 * padding;
        if (wrapBelowPt is { } threshold && Width(text, DocumentFonts.Get(threshold, bold)) > inner)
            wrapFirst = true;
        var (font, lines) = wrapFirst ? WrapToFit(text, inner, height, preferredPt, minPt, bold) : ShrinkToFit(text, inner, preferredPt, minPt, bold);
        var lineHeight = Mm(font.Size) * 1.2;
        var blockHeight = lineHeight * (lines.Count - 1) + Mm(font.Size);
        var top = y + (height - blockHeight) / 2;
        var tx = align switch
        {
            TextAlign.Center => x + width / 2,
            TextAlign.Right => x + width - padding,
            _ => x + padding,
        };
        foreach (var line in lines)
        {
            Text(line, tx, top, font, align);
            top += lineHeight;
        }

        if (blockHeight > height + 0.01)
            _overflows.Add(text);
        return blockHeight <= height + 0.01;
    }

    /// <summary>Texts that did not fit their cell even when shrunk and wrapped (a layout bug if non-empty).</summary>
    public IReadOnlyList<string> Overflows => _overflows;

    /// <summary>The largest size from <paramref name="preferredPt"/> down to <paramref name="minPt"/> (0.5 pt steps) that fits.</summary>
    public XFont Fit(string text, double width, double preferredPt, double minPt, bool bold = false)
    {
        for (var size = preferredPt; size > minPt; size -= 0.5)
        {
            var font = DocumentFonts.Get(size, bold);
            if (Width(text, font) <= width)
                return font;
        }

        return DocumentFonts.Get(minPt, bold);
    }

    private (XFont Font, IReadOnlyList<string> Lines) ShrinkToFit(string text, double width, double preferredPt, double minPt, bool bold)
    {
        var font = Fit(text, width, preferredPt, minPt, bold);
        return (font, text.Contains('\n') || Width(text, font) > width ? Wrap(text, font, width) : [text]);
    }

    private (XFont Font, IReadOnlyList<string> Lines) WrapToFit(string text, double width, double height, double preferredPt, double minPt, bool bold)
    {
        for (var size = preferredPt; size > minPt; size -= 0.5)
        {
            var font = DocumentFonts.Get(size, bold);
            var lines = Wrap(text, font, width);
            if (Mm(size) * (1.2 * (lines.Count - 1) + 1) <= height - 1.2) // keep 0.6 mm clear of the borders
                return (font, lines);
        }

        var smallest = DocumentFonts.Get(minPt, bold);
        return (smallest, Wrap(text, smallest, width));
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/> mm; honours explicit newlines.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
            WrapParagraph(paragraph, font, Pt(width), lines);
        return lines;
    }

    /// <summary>
    /// A wrapped paragraph starting at <paramref name="top"/>; returns the y just below it. When its last line would reach
    /// below <paramref name="bottom"/> (the next block's top) it is still drawn, and recorded in <see cref="Overflows"/>.
    /// </summary>
    public double Paragraph(string text, double x, double top, double width, XFont font, double lineSpacing = 1.5, XBrush? brush = null,
        double? bottom = null)
    {
        var lineHeight = Mm(font.Size) * lineSpacing;
        var lastLineBottom = top;
        foreach (var line in Wrap(text, font, width))
        {
            Text(line, x, top, font, TextAlign.Left, brush);
            lastLineBottom = top + Mm(font.Size);
            top += lineHeight;
        }

        if (bottom is { } limit && lastLineBottom > limit + 0.01)
            _overflows.Add(text);
        return top;
    }

    public void Line(double x1, double y1, double x2, double y2, double widthPt = 0.5, bool dashed = false) =>
        graphics.DrawLine(Pen(widthPt, dashed), Pt(x1), Pt(y1), Pt(x2), Pt(y2));

    public void Rect(double x, double y, double w, double h, double widthPt = 0.5, bool dashed = false, XBrush? fill = null)
    {
        var rect = new XRect(Pt(x), Pt(y), Pt(w), Pt(h));
        if (fill is null)
            graphics.DrawRectangle(Pen(widthPt, dashed), rect);
        else if (widthPt <= 0)
            graphics.DrawRectangle(fill, rect);
        else
            graphics.DrawRectangle(Pen(widthPt, dashed), fill, rect);
    }

    /// <summary>Fills many rectangles (in points, already placed) with one operation.</summary>
    public void FillRectangles(XBrush brush, XRect[] rectanglesPt) => graphics.DrawRectangles(brush, rectanglesPt);

    // Baseline offset for a given em box top: BIZ UDGothic's ascent is 0.88 em of the 1 em box.
    private static double Ascent(XFont font) => font.Size * 0.88;

    private static XPen Pen(double widthPt, bool dashed) =>
        Pens.GetOrAdd((widthPt, dashed), static key => new XPen(XColors.Black, key.Width)
        {
            DashStyle = key.Dashed ? XDashStyle.Dash : XDashStyle.Solid,
        });

    /// <summary>Width in points of the character (one or two UTF-16 units) at <paramref name="index"/>.</summary>
    private double CharWidth(XFont font, string text, int index) =>
        CharWidths.GetOrAdd((font, char.ConvertToUtf32(text, index)), static (key, g) => g.MeasureString(char.ConvertFromUtf32(key.CodePoint), key.Font).Width, graphics);

    /// <summary>UTF-16 units of the character at <paramref name="index"/>: 2 for a surrogate pair (e.g. 𠀋), else 1.</summary>
    private static int Units(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    private void WrapParagraph(string text, XFont font, double widthPt, List<string> lines)
    {
        if (text.Length == 0)
        {
            lines.Add("");
            return;
        }

        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var used = 0.0;
            while (end < text.Length && used + CharWidth(font, text, end) <= widthPt)
            {
                used += CharWidth(font, text, end);
                end += Units(text, end);
            }
            if (end == text.Length)
            {
                lines.Add(text[start..]);
                return;
            }

            if (end == start)
                end = start + Units(text, start); // a single character wider than the line: place it anyway
            var breakAt = BreakPosition(text, start, end);
            // Where the line holds a space (address parts, ASCII words), break there unless it wastes most of the line.
            var space = text.LastIndexOfAny([' ', '\u3000'], breakAt - 1, breakAt - start);
            if (space > start + (end - start) / 2)
                breakAt = space + 1;
            lines.Add(text[start..breakAt].TrimEnd(' ', '\u3000'));
            start = breakAt;
            while (start < text.Length && text[start] is ' ' or '\u3000')
                start++;
        }
    }

    /// <summary>Where to end the line that fits up to <paramref name="end"/> (a character boundary).</summary>
    private static int BreakPosition(string text, int start, int end)
    {
        var at = end;
        // Keep ASCII words and numbers whole (dates, phone numbers, URLs) when they fit on a line of their own.
        while (at > start && IsWordChar(text[at]) && IsWordChar(text[at - 1]))
            at--;
        if (at == start)
            at = end;
        // Pull the previous character down rather than start a line with a prohibited one.
        while (at > start + 1 && at < text.Length && NoLineStart.Contains(text[at]))
        {
            at--;
            if (char.IsLowSurrogate(text[at]))
                at--; // never between the halves of a surrogate pair
        }

        return at > start ? at : end;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or ':' or '.' or '_' or '@' or '%';
}
