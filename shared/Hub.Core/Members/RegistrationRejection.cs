using Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>Why registration refused an accepted row: a stable code and the reason in Japanese and English.</summary>
/// <param name="Code">Stable code (e.g. MYNUMBER_BELONGS_TO_OTHER_MEMBER).</param>
/// <param name="MessageJa">What is wrong and what to do, in Japanese.</param>
/// <param name="MessageEn">The same in English.</param>
public sealed record RegistrationRejection(string Code, string MessageJa, string MessageEn);

/// <summary>The registration-time rejections (docs/members.md lists them). Messages never contain personal data.</summary>
public static class RegistrationRejections
{
    /// <summary>The My Number is registered for another member who is still insured.</summary>
    public static RegistrationRejection MyNumberBelongsToOtherMember()
    {
        var template = SubmissionErrorCatalog.Template(SubmissionErrorCodes.MyNumberBelongsToOtherMember);
        return new(SubmissionErrorCodes.MyNumberBelongsToOtherMember, template.Ja, template.En);
    }

    /// <summary>A dependant's insured person is not registered (or no longer insured, for an addition).</summary>
    public static RegistrationRejection UnknownInsured(bool withdrawn) => withdrawn
        ? new(SubmissionErrorCodes.UnknownInsured,
            "被保険者は既に資格を喪失しているため、被扶養者を追加できません。",
            "The insured person is no longer insured, so no dependant can be added.")
        : new(SubmissionErrorCodes.UnknownInsured,
            "対象の被保険者が登録されていません（同じファイルの被保険者の行が登録できなかった可能性があります）。被保険者を先に登録してください。",
            "The insured person is not registered (their row in the same file may have been refused); register the insured person first.");

    /// <summary>An update or withdrawal for a member the hub does not know.</summary>
    public static RegistrationRejection MemberNotFound(RecordType type) => type == RecordType.Insured
        ? new("MEMBER_NOT_FOUND",
            "この社員番号の被保険者は登録されていません。新しく加入する場合は異動区分を資格取得(enroll)にしてください。",
            "No insured person with this employee_id is registered; for a new member use action enroll.")
        : new("MEMBER_NOT_FOUND",
            "この被扶養者は登録されていません（個人番号・枝番・生年月日とフリガナのいずれでも特定できません）。新しく追加する場合は異動区分を該当(add)にしてください。",
            "This dependant is not registered (not identified by My Number, branch number, or birth date and kana); to add one use action add.");

    /// <summary>The 番号 the row gives differs from the one on record.</summary>
    public static RegistrationRejection InsuredNumberMismatch(string onRecord) => new("INSURED_NUMBER_MISMATCH",
        $"被保険者番号が登録済みの番号（{onRecord}）と一致しません。番号を確認するか、空欄にしてください。",
        $"insured_number does not match the number on record ({onRecord}); check it or leave it empty.");

    /// <summary>The 番号 the row asks for is held by another insured person.</summary>
    public static RegistrationRejection InsuredNumberTaken(string number) => new("INSURED_NUMBER_TAKEN",
        $"被保険者番号 {number} は既に別の被保険者に付番されています。番号を確認するか、空欄にしてください（健保組合が付番します）。",
        $"Insured number {number} is already held by another insured person; check it or leave it empty (the society assigns one).");

    /// <summary>The 枝番 the row asks for is held by another person of the household.</summary>
    public static RegistrationRejection BranchNumberTaken(string branch) => new("BRANCH_NUMBER_TAKEN",
        $"枝番 {branch} はこの記号・番号の別の方に付番されています。枝番を確認するか、空欄にしてください。",
        $"Branch number {branch} is already held by another person of this household; check it or leave it empty.");

    /// <summary>The 枝番 rule could not give a number (from a <see cref="Hub.Domain.Members.RuleException"/>).</summary>
    public static RegistrationRejection FromRule(Hub.Domain.Members.RuleError error) => new(error.Code, error.MessageJa, error.MessageEn);

    /// <summary>The employer of the row is no longer registered.</summary>
    public static RegistrationRejection EmployerNotRegistered(string code) => new("EMPLOYER_NOT_REGISTERED",
        $"事業所「{code}」は登録されていません。",
        $"Employer '{code}' is not registered.");
}
