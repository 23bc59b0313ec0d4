using System.Text.RegularExpressions;

namespace Hub.Documents.Tests;

/// <summary>Checks every rendered document must pass.</summary>
internal static partial class PdfAssert
{
    /// <summary>qpdf finds nothing to complain about, and the only font is BIZ UDGothic, embedded as a Unicode subset.</summary>
    public static void WellFormed(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "not a PDF");
        var (exitCode, output) = PdfTools.Check(pdf);
        Assert.True(exitCode == 0, $"qpdf --check exited {exitCode}: {output}");
        Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);

        var fonts = PdfTools.Fonts(pdf);
        var font = Assert.Single(fonts);
        Assert.Matches("^[A-Z]{6}\\+BIZ UDGothic", font.Name);
        Assert.True(font.Embedded, "font not embedded");
        Assert.True(font.Subset, "font not subset");
        Assert.True(font.Unicode, "font has no ToUnicode map");
    }

    /// <summary>
    /// Every expected text is in the extracted text (whitespace-normalised); a phrase a paragraph wrapped across lines
    /// also matches with the line break removed.
    /// </summary>
    public static void ContainsAll(string flatText, params string[] expected)
    {
        var compact = flatText.Replace(" ", "", StringComparison.Ordinal);
        var missing = expected
            .Where(e => !flatText.Contains(e, StringComparison.Ordinal) && !compact.Contains(e.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"missing from the PDF text: {string.Join(" | ", missing)}\n--- text ---\n{flatText}");
    }

    /// <summary>No 12-digit run anywhere in the text, and the given My Number not even when its digits are spread out.</summary>
    public static void NoFullMyNumber(string text, string myNumber)
    {
        Assert.DoesNotMatch(TwelveDigits(), text);
        var digitsOnly = new string(text.Where(char.IsAsciiDigit).ToArray());
        Assert.DoesNotContain(myNumber, digitsOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(myNumber[..8], text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex TwelveDigits();
}
