namespace Hub.Domain.Submissions;

/// <summary>国籍区分: matters for overseas transfer (foreign nationals cannot keep the card abroad).</summary>
/// <remarks>Same members as <c>Hub.Domain.Eligibility.Nationality</c>.</remarks>
public enum Nationality
{
    /// <summary>日本国籍 (code <c>japanese</c>).</summary>
    Japanese,

    /// <summary>外国籍 (code <c>foreign</c>).</summary>
    Foreign,
}
