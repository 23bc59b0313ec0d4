namespace Hub.Domain.Submissions;

/// <summary>One value of a code list as documented: its stable code, labels, and every other spelling accepted.</summary>
/// <param name="Code">The stable code, written in results and messages (e.g. <c>not_registered</c>).</param>
/// <param name="LabelJa">The Japanese label (e.g. 保険証利用登録なし).</param>
/// <param name="LabelEn">The English label.</param>
/// <param name="Aliases">Other accepted spellings (Japanese words, short codes); matching ignores width, case, spaces, hyphens and underscores.</param>
public sealed record CodeListEntry(string Code, string LabelJa, string LabelEn, IReadOnlyList<string> Aliases);
