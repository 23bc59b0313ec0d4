using Hub.Documents;
using Hub.Documents.Models;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Sub = Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>Maps a member onto the document models (資格情報のお知らせ, 資格確認書). Pure.</summary>
public static class MemberDocuments
{
    /// <summary>
    /// The notice model; <paramref name="myNumberLast4"/> is null when no number is registered (nothing is printed then).
    /// The notice names what the member shows at the counter (<see cref="CareDocumentOn"/>).
    /// </summary>
    /// <exception cref="DocumentException">The member lacks a printed field.</exception>
    public static NoticeModel Notice(Member member, string noticeId, DateOnly issueDate, InsurerInfo insurer, string? myNumberLast4,
        ReminderSettings? reminders = null) => new()
    {
        DocumentId = noticeId,
        IssueDate = issueDate,
        Insurer = insurer,
        Recipient = new MailingAddress { Name = member.NameKanji },
        Member = Info(member, issueDate),
        MyNumberLast4 = myNumberLast4,
        MyNumberNotAssigned = member.NoMyNumberReason is not null && myNumberLast4 is null,
        CareDocument = CareDocumentOn(member, issueDate, reminders),
    };

    /// <summary>
    /// What the member shows at the counter on <paramref name="day"/>: the 資格確認書 when they need one, マイナ保険証 when
    /// their card is registered and valid (or in its grace), else unspecified (the notice then names both).
    /// </summary>
    public static CareDocument CareDocumentOn(Member member, DateOnly day, ReminderSettings? reminders = null)
    {
        try
        {
            var decision = CertificateEligibility.Decide(MemberFactsMapper.Facts(member), day, reminders);
            return decision.Required ? CareDocument.Certificate
                : decision.Reason is CertificateReason.RegisteredValid or CertificateReason.InGracePeriod ? CareDocument.MynaHokensho
                : CareDocument.Unspecified;
        }
        catch (RuleException)
        {
            return CareDocument.Unspecified;
        }
    }

    /// <summary>The certificate model.</summary>
    /// <exception cref="DocumentException">The member lacks a printed field.</exception>
    public static CertificateModel Certificate(Member member, string certificateId, CertificateValidity validity, InsurerInfo insurer) => new()
    {
        DocumentId = certificateId,
        IssueDate = validity.IssuedOn,
        ValidUntil = validity.ValidUntil,
        Insurer = insurer,
        Recipient = new MailingAddress { Name = member.NameKanji },
        Member = Info(member, validity.IssuedOn),
    };

    /// <summary>The printed member fields as of <paramref name="issueDate"/> (負担割合 only for ages 70–74).</summary>
    public static MemberInfo Info(Member member, DateOnly issueDate) => new()
    {
        SymbolNumber = new SymbolNumber(member.Symbol, member.InsuredNumber, member.BranchNumber),
        Name = member.NameKanji,
        NameKana = member.NameKana,
        BirthDate = member.BirthDate,
        Sex = member.Sex switch
        {
            Sub.Sex.Male => Sex.Male,
            Sub.Sex.Female => Sex.Female,
            _ => throw Missing("Member.Sex", "性別"),
        },
        Role = member.Role == Sub.RecordType.Insured ? MemberRole.Insured : MemberRole.Dependent,
        QualificationDate = member.QualificationDate ?? throw Missing("Member.QualificationDate", "資格取得年月日"),
        Copayment = Copayment(member, issueDate),
    };

    /// <summary>
    /// 一部負担金の割合 and its 発効期日 to print: the reported ratio for members aged 70–74, effective from the latest of
    /// the 70–74 start, the reported 発効期日 (a future 発効期日 is printed as such) and the 資格取得年月日.
    /// </summary>
    public static HighAgeCopayment? Copayment(Member member, DateOnly issueDate)
    {
        if (member.CopayRatio is not { } ratio) return null;
        var on = member.CopayEffectiveDate is { } effective && effective > issueDate ? effective : issueDate;
        var status = CopayRule.On(member.BirthDate, on, (CopayRatio)(int)ratio, member.CopayEffectiveDate);
        if (status is null) return null;
        // The ratio cannot apply here before the member joined: a 70-year-old enrolling today is effective from the 資格取得年月日.
        var from = member.QualificationDate is { } joined && joined > status.EffectiveFrom ? joined : status.EffectiveFrom;
        return new HighAgeCopayment(status.Ratio == CopayRatio.ThirtyPercent ? CopaymentRate.ThirtyPercent : CopaymentRate.TwentyPercent, from);
    }

    private static DocumentException Missing(string field, string label) =>
        new(DocumentErrorCodes.InvalidField, $"{field} is not on record", $"{label}が登録されていません");
}
