using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Members;

/// <summary>
/// Identifiers of members and their documents. A member id is opaque and stable: the SHA-256 of the
/// member's identity key at first registration (never of the My Number) — insured person: employer code +
/// 社員番号; dependant: employer code + the insured's 社員番号 + 生年月日 + フリガナ. Being deterministic, a
/// redelivered or concurrently processed row always finds (or creates) the same member.
/// </summary>
public static class MemberIds
{
    /// <summary>Member ids look like <c>m</c> + 24 lowercase hex digits.</summary>
    public const int Length = 25;

    /// <summary>The member id of the insured person with <paramref name="employeeId"/> at <paramref name="employerCode"/>.</summary>
    public static string ForInsured(string employerCode, string employeeId) =>
        "m" + Hash($"member/insured\n{employerCode}\n{employeeId}", 12);

    /// <summary>The member id of a dependant first registered with these facts.</summary>
    public static string ForDependant(string employerCode, string insuredEmployeeId, DateOnly birthDate, string nameKana) =>
        "m" + Hash($"member/dependant\n{employerCode}\n{insuredEmployeeId}\n{birthDate:yyyy-MM-dd}\n{KanaKey(nameKana)}", 12);

    /// <summary>Whether <paramref name="text"/> has the shape of a member id.</summary>
    public static bool IsValid(string? text) =>
        text is { Length: Length } && text[0] == 'm' && text.Skip(1).All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The 資格情報のお知らせ id of a member's notice version (deterministic: a redelivery overwrites the same blob).</summary>
    public static string NoticeId(string memberId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"N-{memberId[1..]}-{version:D3}");

    /// <summary>The 資格確認書 id of a member's <paramref name="number"/>-th certificate.</summary>
    public static string CertificateId(string memberId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"C-{memberId[1..]}-{number:D3}");

    /// <summary>A table-key-safe hash (hex) of any text, e.g. an employee id or an operation id.</summary>
    public static string KeyHash(string text) => Hash(text, 12);

    /// <summary>Kana compared for identity: spaces (half- and full-width) removed.</summary>
    public static string KanaKey(string kana) => kana.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);

    private static string Hash(string text, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));
}
