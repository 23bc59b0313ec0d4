using PdfSharp.Drawing;
using QRCoder;

namespace Hub.Documents.Layout;

/// <summary>
/// A QR code drawn as vector rectangles (one per horizontal run of dark modules): no bitmap, a few hundred bytes
/// in the content stream, sharp at any zoom. The module matrix is computed once per URL and reused.
/// </summary>
internal sealed class QrCodeGraphic
{
    /// <summary>マイナポータル, where members see their 資格情報.</summary>
    public const string MynaPortalUrl = "https://myna.go.jp/";

    private static readonly Lazy<QrCodeGraphic> LazyMynaPortal = new(() => new QrCodeGraphic(MynaPortalUrl));

    private QrCodeGraphic(string content)
    {
        Content = content;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        // QRCoder includes the 4-module quiet zone in the matrix; the caller keeps the area around it white.
        var matrix = data.ModuleMatrix;
        ModuleCount = matrix.Count;
        var runs = new List<(int Row, int Column, int Length)>();
        for (var row = 0; row < ModuleCount; row++)
        {
            var column = 0;
            while (column < ModuleCount)
            {
                if (!matrix[row][column])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < ModuleCount && matrix[row][column])
                    column++;
                runs.Add((row, start, column - start));
            }
        }

        Runs = runs;
        Dark = matrix.Select(r => Enumerable.Range(0, ModuleCount).Select(c => r[c]).ToArray()).ToArray();
    }

    /// <summary>The code for マイナポータル.</summary>
    public static QrCodeGraphic MynaPortal => LazyMynaPortal.Value;

    /// <summary>The encoded text.</summary>
    public string Content { get; }

    /// <summary>Modules per side, quiet zone included.</summary>
    public int ModuleCount { get; }

    /// <summary>Dark modules by [row][column].</summary>
    public bool[][] Dark { get; }

    /// <summary>Horizontal runs of dark modules.</summary>
    public IReadOnlyList<(int Row, int Column, int Length)> Runs { get; }

    /// <summary>Draws the code (quiet zone included) as a square of <paramref name="size"/> mm at (x, y).</summary>
    public void Draw(Canvas canvas, double x, double y, double size)
    {
        var module = Canvas.Pt(size) / ModuleCount;
        var ox = Canvas.Pt(x);
        var oy = Canvas.Pt(y);
        var rects = new XRect[Runs.Count];
        for (var i = 0; i < rects.Length; i++)
        {
            var (row, column, length) = Runs[i];
            // A hair of vertical overlap hides the seams some viewers show between adjacent rows.
            rects[i] = new XRect(ox + column * module, oy + row * module, length * module, module + 0.01);
        }

        canvas.FillRectangles(Canvas.Ink, rects);
    }
}
