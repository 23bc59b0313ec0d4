using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Domain.Eligibility;
using Sub = Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>Maps a stored member onto the domain's facts (eligibility, reminders) and fingerprints its printed fields.</summary>
public static class MemberFactsMapper
{
    /// <summary>What eligibility and reminder rules need to know about <paramref name="member"/>.</summary>
    public static MemberFacts Facts(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new MemberFacts
        {
            BirthDate = member.BirthDate,
            // A number that was deleted after the retention period was still assigned.
            HasMyNumber = member.NoMyNumberReason is null,
            CardState = Map(member.CardState),
            CardIssuedOn = member.CardIssueDate,
            CardExpiresOn = member.CardExpiryDate,
            ECertExpiresOn = member.EcertExpiryDate,
            DepartureDate = member.DepartureDate,
            ContinuationFiledOn = member.OverseasContinuationFiled == true ? member.ContinuationFiledOn : null,
            Nationality = member.Nationality == Nationality.Foreign ? Nationality.Foreign : Nationality.Japanese,
            Application = Application(member),
            QualificationLostOn = member.LossDate,
            // A certificate once issued stays in the member's hands until its 有効期限, whatever later decisions say.
            CertificateValidUntil = member.CertificateId is not null ? member.CertificateValidUntil : null,
        };
    }

    /// <summary>The pending 資格確認書 application. "Other" reasons count as 要介護・介助等 (…等: any circumstance that prevents using the card).</summary>
    public static CertificateApplication Application(Member member) =>
        member.CertificateRequested != true ? CertificateApplication.None : member.CertificateRequestReason switch
        {
            Sub.CertificateRequestReason.LostCard => CertificateApplication.LostCard,
            Sub.CertificateRequestReason.CardRenewal => CertificateApplication.CardRenewal,
            _ => CertificateApplication.CareNeeds,
        };

    /// <summary>The employer-reported card state as the eligibility rules see it (none when not reported).</summary>
    public static CardState Map(CardState? state) => state ?? CardState.None;

    /// <summary>
    /// Fingerprint of what the 資格情報のお知らせ prints about the member: 記号・番号・枝番, 氏名, フリガナ, 生年月日,
    /// 性別, 本人・家族, 資格取得年月日, 負担割合 and the registered My Number (its last 4 digits). A change means a reissue.
    /// </summary>
    public static string NoticeFingerprint(Member member) => Fingerprint(CertificateFingerprint(member), member.MyNumberHash ?? "-");

    /// <summary>Fingerprint of what the 資格確認書 prints about the member (the notice's fields without the My Number).</summary>
    public static string CertificateFingerprint(Member member) => Fingerprint(
        member.Symbol, member.InsuredNumber, member.BranchNumber, member.NameKanji, member.NameKana,
        member.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), member.Sex?.ToString() ?? "-", member.Role.ToString(),
        member.QualificationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
        member.CopayRatio?.ToString() ?? "-", member.CopayEffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-");

    private static string Fingerprint(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))).AsSpan(0, 12));
}

/// <summary>The values of <see cref="Member.CertificateStatus"/>.</summary>
public static class CertificateStatuses
{
    /// <summary>A certificate was issued for the latest decision.</summary>
    public const string Issued = "issued";

    /// <summary>A certificate is needed and the one the member holds still serves.</summary>
    public const string Held = "held";

    /// <summary>No certificate is needed.</summary>
    public const string NotRequired = "not_required";

    /// <summary>The decision or the rendering failed on the member's data (the reason is recorded).</summary>
    public const string Failed = "failed";
}
