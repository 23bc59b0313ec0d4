using System.Globalization;
using Hub.Core.Employers;
using Hub.Domain.Submissions;

namespace Hub.Core.Ingestion;

/// <summary>
/// Checks an upload's path before anything else reads it. The trigger path <c>submissions/{employer}/{name}</c>
/// matches greedily, so <c>E0001/sub/x.csv</c> arrives as employer <c>E0001/sub</c>: the employer part must be exactly
/// one well-formed employer code (no sub-folders, no <c>..</c>), and the name a plain file name: not empty, not
/// <c>.</c>/<c>..</c>, no <c>\</c>, no control or invisible formatting characters (bidi overrides can disguise
/// <c>txt.exe</c> as <c>exe.txt</c>), at most <see cref="MaxNameLength"/> characters. A refused upload is
/// quarantined unread (FILE_NAME_INVALID).
/// </summary>
public static class SubmissionBlobPath
{
    /// <summary>The longest accepted file name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Null when the path is acceptable; otherwise the FILE_NAME_INVALID error to report.</summary>
    public static SubmissionError? Check(string employerFolder, string fileName)
    {
        var path = employerFolder + "/" + fileName;
        if (employerFolder.Contains('/', StringComparison.Ordinal) || employerFolder.Contains('\\', StringComparison.Ordinal))
            return Refuse(path, "事業所フォルダの下にサブフォルダは使用できません", "sub-folders are not allowed below the employer folder");
        if (!EmployerRegistry.IsValidCode(employerFolder))
            return Refuse(path, "フォルダ名が事業所記号（英数字とハイフン16文字以内）ではありません", "the folder name is not an employer code (up to 16 letters, digits or hyphens)");
        if (fileName.Length == 0 || fileName.Trim().Length == 0)
            return Refuse(path, "ファイル名がありません", "the file name is empty");
        if (fileName.Length > MaxNameLength)
            return Refuse(path, "ファイル名が長すぎます", "the file name is too long");
        if (fileName is "." or ".." || fileName.Contains('\\', StringComparison.Ordinal) || fileName.Contains('/', StringComparison.Ordinal))
            return Refuse(path, "ファイル名に「.」「..」や「\\」「/」は使用できません", "'.', '..', '\\' and '/' are not allowed in the file name");
        foreach (var c in fileName)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                return Refuse(path, "ファイル名に制御文字や見えない書式文字が含まれています", "the file name contains control or invisible formatting characters");
        }

        return null;
    }

    private static SubmissionError Refuse(string path, string ja, string en) => SubmissionFileErrors.FileNameInvalid(path, ja, en, MaxNameLength);
}
