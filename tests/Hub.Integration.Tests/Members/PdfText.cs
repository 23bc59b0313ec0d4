using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hub.Integration.Tests.Members;

/// <summary>Text of a PDF as <c>pdftotext</c> (poppler) extracts it; <c>./hub test</c> installs the tool.</summary>
internal static partial class PdfText
{
    /// <summary>The text with runs of whitespace collapsed to one space.</summary>
    public static string Flat(byte[] pdf) => Whitespace().Replace(Extract(pdf), " ");

    /// <summary>The text in reading order with the layout kept.</summary>
    public static string Extract(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hub-member-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            foreach (var arg in new[] { "-layout", file, "-" }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            var text = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("pdftotext did not finish in 30 s");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"pdftotext failed ({process.ExitCode}): {error.Result}");
            return text.Result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
