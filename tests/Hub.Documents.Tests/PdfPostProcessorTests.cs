using System.Text;
using Hub.Documents.Layout;
using Hub.Documents.Rendering;

namespace Hub.Documents.Tests;

public sealed class PdfPostProcessorTests
{
    public PdfPostProcessorTests() => PdfRuntime.EnsureConfigured(TestData.Options);

    [Fact]
    public void PDFsharps_own_compression_lacks_the_zlib_trailer_so_the_hub_compresses_itself()
    {
        // Why PdfPostProcessor compresses: PDFsharp 6.5's FlateDecode output makes qpdf warn.
        var compressedByPdfSharp = Save("資格確認書 test", compress: true);

        var (_, output) = PdfTools.Check(compressedByPdfSharp);

        Assert.Contains("input stream is complete but output may still be valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_clean_compressed_and_reads_the_same()
    {
        var raw = Save("資格確認書 ABC 123 令和元年", compress: false);

        var processed = PdfPostProcessor.Process(raw, "seed");

        PdfAssert.WellFormed(processed);
        Assert.Equal(PdfTools.Text(raw), PdfTools.Text(processed));
        Assert.True(processed.Length < raw.Length / 3, $"{processed.Length} of {raw.Length} bytes");
        var text = Encoding.Latin1.GetString(processed);
        Assert.Contains("/CIDToGIDMap ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/CIDToGIDMap/Identity", text, StringComparison.Ordinal);
        Assert.Contains("<x:xmpmeta", text, StringComparison.Ordinal); // XMP stays readable
    }

    [Fact]
    public void The_embedded_font_holds_only_the_glyphs_used()
    {
        var raw = Save("あいう", compress: false);

        var processed = PdfPostProcessor.Process(raw, "seed");

        // The Identity-mapped subset PDFsharp writes carries entries for all 12,638 glyphs; the compact one four.
        var length1 = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(processed), @"/Length1 (\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Single();
        Assert.True(length1 < 10_000, $"font of {length1} bytes");
    }

    [Fact]
    public void Equal_input_and_seed_give_equal_bytes_and_the_seed_changes_ids()
    {
        var a1 = PdfPostProcessor.Process(Save("同じ内容", compress: false), "seed-a");
        var a2 = PdfPostProcessor.Process(Save("同じ内容", compress: false), "seed-a");
        var b = PdfPostProcessor.Process(Save("同じ内容", compress: false), "seed-b");

        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
    }

    [Theory]
    [InlineData("not a pdf at all")]
    [InlineData("%PDF-1.7\nxref\n0 2\n0000000000 65535 f \n0000000099 00000 n \ntrailer\n<</Size 2>>\nstartxref\n9\n%%EOF\n")]
    [InlineData("%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n999999\n%%EOF\n")]
    public void Unexpected_input_is_an_error_not_a_silent_pass(string input)
    {
        Assert.Throws<InvalidDataException>(() => PdfPostProcessor.Process(Encoding.ASCII.GetBytes(input), "seed"));
    }

    [Fact]
    public void Already_compressed_streams_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => PdfPostProcessor.Process(Save("圧縮済み", compress: true), "seed"));
    }

    [Theory]
    [InlineData("<</W[2[500]35[500 600]]>>", new[] { 2, 35, 36 })]
    [InlineData("<</W[10 12 1000 20[250]]>>", new[] { 10, 11, 12, 20 })]
    [InlineData("<</W[]>>", new int[0])]
    public void Reads_used_CIDs_from_both_forms_of_the_width_array(string cidFont, int[] expected)
    {
        Assert.Equal(expected.ToHashSet(), PdfPostProcessor.UsedCids(cidFont));
    }

    private static byte[] Save(string text, bool compress)
    {
        using var document = PdfFactory.Create(TestData.Options, "test", "test", "T-1");
        document.Options.NoCompression = !compress;
        document.Options.CompressContentStreams = compress;
        var (_, graphics, canvas) = PdfFactory.AddPage(document, 100, 100);
        using (graphics)
            canvas.Text(text, 10, 10, DocumentFonts.Regular(12));
        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        return buffer.ToArray();
    }
}
