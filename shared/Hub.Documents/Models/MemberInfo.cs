namespace Hub.Documents.Models;

/// <summary>The member (加入者) fields printed on the 資格情報のお知らせ and the 資格確認書.</summary>
public sealed record MemberInfo
{
    /// <summary>記号・番号・枝番.</summary>
    public required SymbolNumber SymbolNumber { get; init; }

    /// <summary>氏名 (at most 40 characters).</summary>
    public required string Name { get; init; }

    /// <summary>フリガナ in katakana (at most 60 characters); required on the notice, optional on the certificate.</summary>
    public string? NameKana { get; init; }

    /// <summary>生年月日.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>性別.</summary>
    public required Sex Sex { get; init; }

    /// <summary>本人 (被保険者) or 家族 (被扶養者).</summary>
    public required MemberRole Role { get; init; }

    /// <summary>資格取得年月日.</summary>
    public required DateOnly QualificationDate { get; init; }

    /// <summary>一部負担金の割合 and 発効期日; only for ages 70–74, otherwise null.</summary>
    public HighAgeCopayment? Copayment { get; init; }

    /// <summary>性別 as printed.</summary>
    public string SexText => Sex switch
    {
        Sex.Male => "男性",
        Sex.Female => "女性",
        _ => throw FieldRules.Invalid("Member.Sex", "性別", $"has unknown value {(int)Sex}", $"の値（{(int)Sex}）が不正です"),
    };

    /// <summary>本人・家族 as printed.</summary>
    public string RoleText => Role switch
    {
        MemberRole.Insured => "本人（被保険者）",
        MemberRole.Dependent => "家族（被扶養者）",
        _ => throw FieldRules.Invalid("Member.Role", "本人・家族", $"has unknown value {(int)Role}", $"の値（{(int)Role}）が不正です"),
    };

    internal IEnumerable<(string? Text, string Field, string Label)> PrintedTexts() =>
    [
        (SymbolNumber.Symbol, "Symbol", "記号"), (Name, "Member.Name", "氏名"), (NameKana, "Member.NameKana", "フリガナ"),
    ];

    internal void Validate(bool kanaRequired)
    {
        ArgumentNullException.ThrowIfNull(SymbolNumber);
        SymbolNumber.Validate();
        FieldRules.Text(Name, "Member.Name", "氏名", 40);
        if (kanaRequired || NameKana is not null)
        {
            FieldRules.Text(NameKana, "Member.NameKana", "フリガナ", 60);
            if (!NameKana!.All(IsKanaChar))
                throw FieldRules.Invalid("Member.NameKana", "フリガナ", "must be full-width katakana", "は全角カタカナで指定してください");
        }

        _ = SexText;
        _ = RoleText;
        FieldRules.NotAfter(BirthDate, "Member.BirthDate", "生年月日", QualificationDate, "Member.QualificationDate", "資格取得年月日");
        Copayment?.Validate(BirthDate);
    }

    // Full-width katakana (incl. ー and ・) and spaces; half-width kana is normalised upstream, not here.
    private static bool IsKanaChar(char c) => c is (>= '\u30A1' and <= '\u30FC') or ' ' or '\u3000';
}
