namespace Hub.Documents.Fonts;

/// <summary>The two BIZ UDGothic faces the documents use, as absolute file paths.</summary>
/// <param name="RegularPath">BIZ UDGothic Regular (400).</param>
/// <param name="BoldPath">BIZ UDGothic Bold (700).</param>
public sealed record FontFiles(string RegularPath, string BoldPath);
