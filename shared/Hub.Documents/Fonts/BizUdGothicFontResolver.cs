using PdfSharp.Fonts;

namespace Hub.Documents.Fonts;

/// <summary>
/// Serves BIZ UDGothic Regular and Bold to PDFsharp. Japanese has no italic; italic requests get the upright face.
/// Unknown families resolve to null so a typo fails loudly instead of rendering in a fallback font.
/// </summary>
internal sealed class BizUdGothicFontResolver(FontFiles files) : IFontResolver
{
    /// <summary>The family name the renderers ask for.</summary>
    public const string FamilyName = "BIZ UDGothic";

    private const string RegularFace = "BIZUDGothic-Regular";
    private const string BoldFace = "BIZUDGothic-Bold";

    // PDFsharp caches the parsed typeface per face name; these only guard against a repeated read of ~4.5 MB.
    private readonly Lazy<byte[]> _regular = new(() => File.ReadAllBytes(files.RegularPath));
    private readonly Lazy<byte[]> _bold = new(() => File.ReadAllBytes(files.BoldPath));

    public FontFiles Files => files;

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(isBold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular.Value,
        BoldFace => _bold.Value,
        _ => null,
    };
}
