namespace Hub.Documents.Models;

/// <summary>資格情報のお知らせ: sent when the insurer has registered the member's My Number.</summary>
public sealed record NoticeModel
{
    /// <summary>文書番号 (the notice id), printed in small type.</summary>
    public required string DocumentId { get; init; }

    /// <summary>交付年月日.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>The insurer.</summary>
    public required InsurerInfo Insurer { get; init; }

    /// <summary>宛先; null when the notice is handed over without mailing.</summary>
    public MailingAddress? Recipient { get; init; }

    /// <summary>The member; <see cref="MemberInfo.NameKana"/> is required here.</summary>
    public required MemberInfo Member { get; init; }

    /// <summary>
    /// The last 4 digits of the My Number registered in the 医療保険者等向け中間サーバー, or null when the number is
    /// unverified or absent (nothing is printed then). Never the full number.
    /// </summary>
    public string? MyNumberLast4 { get; init; }

    /// <summary>
    /// No My Number is assigned to the member at all (e.g. a child born abroad): the notice explains that instead of asking
    /// for a number the member does not have. Requires <see cref="MyNumberLast4"/> null. Default false.
    /// </summary>
    public bool MyNumberNotAssigned { get; init; }

    /// <summary>
    /// What the member shows to receive care: decides the notice's guidance at the top and beside the cut-out. Default
    /// <see cref="Models.CareDocument.Unspecified"/> (both are named); a member without a My Number cannot use マイナ保険証.
    /// </summary>
    public CareDocument CareDocument { get; init; } = CareDocument.Unspecified;

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
        Member.PrintedTexts().Concat(Insurer.PrintedTexts()).Concat(Recipient?.PrintedTexts() ?? []);

    /// <summary>Checks every field; throws <see cref="DocumentException"/> with the first problem.</summary>
    public void Validate()
    {
        FieldRules.DocumentId(DocumentId);
        ArgumentNullException.ThrowIfNull(Insurer);
        ArgumentNullException.ThrowIfNull(Member);
        Insurer.Validate();
        Recipient?.Validate();
        Member.Validate(kanaRequired: true);
        if (MyNumberLast4 is not null)
            FieldRules.Digits(MyNumberLast4, "MyNumberLast4", "マイナンバー下4桁", 4, 4);
        if (!Enum.IsDefined(CareDocument))
            throw FieldRules.Invalid("CareDocument", "受診時に提示するもの", $"has unknown value {(int)CareDocument}", $"の値（{(int)CareDocument}）が不正です");
        if (MyNumberNotAssigned && MyNumberLast4 is not null)
            throw FieldRules.Invalid("MyNumberLast4", "マイナンバー下4桁", "must be empty when no My Number is assigned",
                "は個人番号が付番されていない場合は指定できません");
        if (MyNumberNotAssigned && CareDocument == CareDocument.MynaHokensho)
            throw FieldRules.Invalid("CareDocument", "受診時に提示するもの", "cannot be MynaHokensho when no My Number is assigned",
                "は個人番号が付番されていない場合にマイナ保険証にはできません");
        FieldRules.NotAfter(Member.BirthDate, "Member.BirthDate", "生年月日", IssueDate, "IssueDate", "交付年月日");
    }
}
