using System.Security.Cryptography;
using System.Text;
using Hub.Documents.Fonts;
using PdfSharp;
using PdfSharp.Fonts;

namespace Hub.Documents;

/// <summary>
/// The process-wide PDFsharp setup (font resolver and licence). PDFsharp keeps both in static state, so this
/// configures them once, thread-safely; later calls with equal options are no-ops and conflicting ones fail.
/// </summary>
public static class PdfRuntime
{
    private static readonly object Gate = new();
    private static volatile bool _configured;
    private static string? _fontsRegularPath;
    private static string? _licenseFingerprint;

    /// <summary>Configures PDFsharp for the renderers unless already done with the same fonts and licence.</summary>
    public static void EnsureConfigured(DocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fonts = FontDirectoryLocator.Locate(options.FontsDirectory);
        var fingerprint = Fingerprint(options.PdfSharpLicenseKey);

        lock (Gate)
        {
            if (_configured)
            {
                if (!string.Equals(_fontsRegularPath, fonts.RegularPath, StringComparison.Ordinal))
                    throw Conflict($"fonts already loaded from {_fontsRegularPath}, now asked for {fonts.RegularPath}",
                        $"フォントは既に {_fontsRegularPath} から読み込まれています（今回の指定: {fonts.RegularPath}）");
                if (!string.Equals(_licenseFingerprint, fingerprint, StringComparison.Ordinal))
                    throw Conflict("a different PDFsharp licence is already loaded in this process",
                        "このプロセスには既に別の PDFsharp ライセンスが読み込まれています");
                return;
            }

            PdfSharpLicensing.Apply(options.PdfSharpLicenseKey);

            var current = GlobalFontSettings.FontResolver;
            if (current is not null && current is not BizUdGothicFontResolver)
                throw Conflict($"another font resolver ({current.GetType().FullName}) is registered",
                    $"別のフォントリゾルバー（{current.GetType().FullName}）が登録されています");
            if (current is BizUdGothicFontResolver existing && existing.Files != fonts)
                throw Conflict($"fonts already loaded from {existing.Files.RegularPath}",
                    $"フォントは既に {existing.Files.RegularPath} から読み込まれています");
            if (current is null)
                GlobalFontSettings.FontResolver = new BizUdGothicFontResolver(fonts);

            _fontsRegularPath = fonts.RegularPath;
            _licenseFingerprint = fingerprint;
            _configured = true;
        }
    }

    // Only a hash of the key is kept, to compare later calls without holding the key itself.
    private static string Fingerprint(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "AGPL" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    private static DocumentException Conflict(string en, string ja) =>
        new(DocumentErrorCodes.RuntimeConflict, $"PDF runtime already configured: {en}.", $"PDF の実行環境は設定済みです: {ja}。");
}

/// <summary>Selects the PDFsharp licence: the commercial key when given, otherwise AGPL-3.0 (see LICENSING.md).</summary>
internal static class PdfSharpLicensing
{
    /// <summary>Loads <paramref name="licenseKey"/>, or selects the AGPL when it is null or blank.</summary>
    public static void Apply(string? licenseKey)
    {
        if (string.IsNullOrWhiteSpace(licenseKey))
        {
            PdfSharpLicense.SetAgplLicense();
            return;
        }

        try
        {
            PdfSharpLicense.LoadLicense(licenseKey.Trim());
        }
        catch (Exception e)
        {
            // The key is never echoed: it is a credential.
            throw new DocumentException(DocumentErrorCodes.LicenseInvalid,
                $"the PDFsharp licence key from configuration (PdfSharp:LicenseKey) was rejected: {e.GetType().Name}: {e.Message}",
                $"設定（PdfSharp:LicenseKey）の PDFsharp ライセンスキーが受け付けられませんでした: {e.GetType().Name}: {e.Message}",
                e);
        }
    }
}
