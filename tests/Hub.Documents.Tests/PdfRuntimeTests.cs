using Hub.Documents.Fonts;

namespace Hub.Documents.Tests;

public sealed class PdfRuntimeTests
{
    [Fact]
    public void Configuring_again_with_the_same_options_is_a_no_op_even_concurrently()
    {
        var options = TestData.Options;
        Parallel.For(0, 16, _ => PdfRuntime.EnsureConfigured(options));

        // Still renders: the font resolver and licence were not replaced or reset.
        PdfAssert.WellFormed(new NoticeRenderer(options).Render(TestData.Notice));
    }

    [Fact]
    public void A_different_fonts_directory_later_in_the_process_is_a_conflict()
    {
        PdfRuntime.EnsureConfigured(TestData.Options);
        var copy = Directory.CreateTempSubdirectory("hub-fonts-copy-").FullName;
        try
        {
            File.Copy(FontDirectoryLocator.Locate(null).RegularPath, Path.Combine(copy, "BIZUDGothic-Regular.ttf"));

            var error = Assert.Throws<DocumentException>(() => new NoticeRenderer(TestData.Options with { FontsDirectory = copy }));

            Assert.Equal(DocumentErrorCodes.RuntimeConflict, error.Code);
            Assert.Contains(copy, error.MessageEn, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_licence_key_after_the_AGPL_was_selected_is_a_conflict_and_not_echoed()
    {
        PdfRuntime.EnsureConfigured(TestData.Options);
        const string key = "not-a-real-key-0123456789";

        var error = Assert.Throws<DocumentException>(() => PdfRuntime.EnsureConfigured(TestData.Options with { PdfSharpLicenseKey = key }));

        Assert.Equal(DocumentErrorCodes.RuntimeConflict, error.Code);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_licence_key_is_a_clear_error_and_never_echoed()
    {
        const string key = "bm90LWEtcmVhbC1wZGZzaGFycC1saWNlbnNlLWtleQ==";
        try
        {
            var error = Assert.Throws<DocumentException>(() => PdfSharpLicensing.Apply(key));

            Assert.Equal(DocumentErrorCodes.LicenseInvalid, error.Code);
            Assert.Contains("PdfSharp:LicenseKey", error.MessageEn, StringComparison.Ordinal);
            Assert.Contains("ライセンスキー", error.MessageJa, StringComparison.Ordinal);
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            PdfSharpLicensing.Apply(null); // back to the AGPL the other tests render under
        }

        PdfAssert.WellFormed(new NoticeRenderer(TestData.Options).Render(TestData.Notice));
    }

    [Fact]
    public void Without_a_key_the_documents_are_produced_under_the_AGPL()
    {
        var pdf = new NoticeRenderer(TestData.Options).Render(TestData.Notice);

        Assert.Contains("(AGPL license)", System.Text.Encoding.Latin1.GetString(pdf).Replace("\\(", "(", StringComparison.Ordinal).Replace("\\)", ")", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
