namespace Hub.Documents.Fonts;

/// <summary>The BIZ UDGothic face the documents use, as an absolute file path.</summary>
/// <param name="RegularPath">BIZ UDGothic Regular (400). Bold is simulated from it (see <see cref="BizUdGothicFontResolver"/>).</param>
public sealed record FontFiles(string RegularPath);
