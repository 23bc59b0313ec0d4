namespace Hub.Documents.Layout;

/// <summary>Bordered label and value cells of the form-like tables on notices and certificates.</summary>
internal static class Cells
{
    public static void Label(Canvas canvas, double x, double y, double w, double h, string text, double pt = 9)
    {
        canvas.Rect(x, y, w, h, 0.5, fill: Canvas.LabelFill);
        canvas.TextInCell(text, x, y, w, h, pt, 5.5, align: TextAlign.Center, padding: 0.8);
    }

    public static void Value(Canvas canvas, double x, double y, double w, double h, string text, double pt, double minPt = 6,
        bool bold = false, TextAlign align = TextAlign.Left, bool wrapFirst = false, double? wrapBelowPt = null)
    {
        canvas.Rect(x, y, w, h, 0.5);
        canvas.TextInCell(text, x, y, w, h, pt, minPt, bold, align, wrapFirst: wrapFirst, wrapBelowPt: wrapBelowPt);
    }
}
