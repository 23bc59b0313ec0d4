namespace Hub.Documents.Rendering;

/// <summary>A rendered PDF and the texts that overflowed their cells (empty unless the layout is wrong).</summary>
internal sealed record RenderResult(byte[] Pdf, IReadOnlyList<string> Overflows);
