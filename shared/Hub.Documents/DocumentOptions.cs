namespace Hub.Documents;

/// <summary>
/// Process-wide settings of the PDF renderers, usually bound from configuration
/// (e.g. <c>Documents__FontsDirectory</c>, <c>PdfSharp__LicenseKey</c>).
/// </summary>
public sealed record DocumentOptions
{
    /// <summary>
    /// Folder holding the BIZ UDGothic TTFs. When null: <c>HUB_FONTS_DIR</c>, then <c>fonts/</c> next to the
    /// assembly, then <c>node_modules/@expo-google-fonts/biz-udgothic</c> above the current or base directory.
    /// </summary>
    public string? FontsDirectory { get; init; }

    /// <summary>
    /// PDFsharp commercial licence key. When null or empty the AGPL-3.0 licence is selected (see LICENSING.md).
    /// </summary>
    public string? PdfSharpLicenseKey { get; init; }

    /// <summary>
    /// Creation time written into every PDF. When null the current time is used; set it for byte-identical
    /// output from equal input (tests, reproducible batches).
    /// </summary>
    public DateTimeOffset? FixedCreationTime { get; init; }
}
