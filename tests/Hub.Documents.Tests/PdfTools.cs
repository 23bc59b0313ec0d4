using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hub.Documents.Tests;

/// <summary>Runs the poppler and qpdf command-line tools on rendered PDFs (installed by <c>./hub test</c>).</summary>
internal static partial class PdfTools
{
    /// <summary>Text of the PDF as <c>pdftotext -layout</c> extracts it.</summary>
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-layout", "{file}", "-").StdOut;

    /// <summary>The text with every run of whitespace collapsed to one space, for substring assertions.</summary>
    public static string FlatText(byte[] pdf) => Whitespace().Replace(Text(pdf), " ");

    /// <summary>
    /// The text in drawing order (<c>pdftotext -raw</c>), whitespace collapsed: a paragraph's lines follow each other even
    /// where the page has two columns side by side (which <c>-layout</c> interleaves).
    /// </summary>
    public static string FlowText(byte[] pdf) => Whitespace().Replace(Run("pdftotext", pdf, "-raw", "{file}", "-").StdOut, " ");

    /// <summary><c>qpdf --check</c>: exit code and output.</summary>
    public static (int ExitCode, string Output) Check(byte[] pdf)
    {
        var result = Run("qpdf", pdf, "--check", "{file}");
        return (result.ExitCode, result.StdOut + result.StdErr);
    }

    /// <summary>Rows of <c>pdffonts</c>: name, type, encoding, emb, sub, uni.</summary>
    public static IReadOnlyList<FontRow> Fonts(byte[] pdf)
    {
        var lines = Run("pdffonts", pdf, "{file}").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Skip(2).Select(line =>
        {
            // The name may contain spaces ("BIZ UDGothic"); the flag columns are at the end.
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var n = cells.Length;
            return new FontRow(line[..line.IndexOf("CID", StringComparison.Ordinal)].Trim(), cells[n - 5] == "yes", cells[n - 4] == "yes", cells[n - 3] == "yes");
        }).ToList();
    }

    /// <summary>Number of raster images (<c>pdfimages -list</c>).</summary>
    public static int ImageCount(byte[] pdf) =>
        Run("pdfimages", pdf, "-list", "{file}").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;

    /// <summary>Page count (<c>qpdf --show-npages</c>).</summary>
    public static int Pages(byte[] pdf) => int.Parse(Run("qpdf", pdf, "--show-npages", "{file}").StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static (int ExitCode, string StdOut, string StdErr) Run(string tool, byte[] pdf, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hub-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (var arg in args)
                start.ArgumentList.Add(arg == "{file}" ? file : arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish in 30 s");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One font of <c>pdffonts</c>.</summary>
internal sealed record FontRow(string Name, bool Embedded, bool Subset, bool Unicode);
