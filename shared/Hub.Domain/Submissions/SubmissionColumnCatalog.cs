using System.Collections.Frozen;

namespace Hub.Domain.Submissions;

/// <summary>
/// The column catalogue of the submission format, as data in one place: header names and aliases,
/// meaning, value kind, length limits and required/optional/not-applicable per record type and action.
/// The validator, the header resolver, the documentation and the templates all read it.
/// </summary>
public static class SubmissionColumnCatalog
{
    private const ColumnUse R = ColumnUse.Required;
    private const ColumnUse O = ColumnUse.Optional;
    private const ColumnUse N = ColumnUse.NotApplicable;

    // Use tables: insured enroll, update, withdraw | dependant add, update, remove.
    private static readonly ColumnUse[] AlwaysRequired = [R, R, R, R, R, R];
    private static readonly ColumnUse[] AlwaysOptional = [O, O, O, O, O, O];
    private static readonly ColumnUse[] RequiredOnJoin = [R, O, O, R, O, O];

    /// <summary>The longest 氏名 the documents print (Hub.Documents: MemberInfo.Name, the reminder letter's 氏名 and 宛名).</summary>
    public const int NameMaxLength = 40;

    /// <summary>The longest フリガナ the 資格情報のお知らせ prints (Hub.Documents: MemberInfo.NameKana).</summary>
    public const int NameKanaMaxLength = 60;

    private static readonly SubmissionColumnDefinition[] Definitions =
    [
        new(SubmissionColumn.RecordType, "record_type", "対象区分",
            "被保険者(insured)か被扶養者(dependant)か。", "Whether the row is about the insured person or a dependant.",
            SubmissionValueKind.Code, 20, AlwaysRequired, ["対象区分", "区分", "本人家族区分", "本人・家族区分"],
            SubmissionCodeLists.RecordTypes, exampleValue: "insured"),
        new(SubmissionColumn.Action, "action", "異動区分",
            "被保険者: 資格取得(enroll)・変更(update)・資格喪失(withdraw)。被扶養者: 該当(add)・変更(update)・非該当(remove)。短縮コード 1・2・3 も可。",
            "Insured: enroll / update / withdraw. Dependant: add / update / remove. Short codes 1 / 2 / 3 are accepted.",
            SubmissionValueKind.Code, 20, AlwaysRequired, ["異動区分", "届出区分", "手続区分"],
            exampleValue: "enroll"),
        new(SubmissionColumn.EmployerCode, "employer_code", "事業所記号",
            "事業所記号。アップロード先フォルダの事業所と一致すること。", "The employer's code; must match the upload folder.",
            SubmissionValueKind.Text, 16, AlwaysRequired, ["事業所記号", "記号", "事業所コード"],
            exampleValue: "E0001"),
        new(SubmissionColumn.EmployeeId, "employee_id", "社員番号",
            "被保険者の社員番号。被扶養者の行では、その被保険者の社員番号。", "The insured employee's id; on a dependant row, the id of the insured person they depend on.",
            SubmissionValueKind.Text, 32, AlwaysRequired, ["社員番号", "従業員番号", "社員コード", "職員番号"],
            exampleValue: "A00123"),
        new(SubmissionColumn.InsuredNumber, "insured_number", "被保険者番号",
            "記号・番号の「番号」（数字）。資格取得時は空欄可（健保組合が付番）。", "The 番号 of 記号・番号 (digits); may be empty on enroll (the insurer assigns it).",
            SubmissionValueKind.Digits, 10, AlwaysOptional, ["被保険者番号", "番号"],
            exampleValue: "1234"),
        new(SubmissionColumn.BranchNumber, "branch_number", "枝番",
            "枝番（2桁）。分かる場合のみ。", "The 2-digit branch number (枝番), when known.",
            SubmissionValueKind.Digits, 2, AlwaysOptional, ["枝番", "枝番号"],
            exampleValue: "00"),
        new(SubmissionColumn.NameKanji, "name_kanji", "氏名",
            "氏名（漢字。外国籍の方はアルファベット可）。資格情報のお知らせ・資格確認書に印字するため40文字以内。",
            "Full name (kanji; alphabet for foreign names). At most 40 characters, as printed on the 資格情報のお知らせ and the 資格確認書.",
            SubmissionValueKind.Text, NameMaxLength, AlwaysRequired, ["氏名", "漢字氏名", "氏名漢字", "氏名(漢字)", "名前"],
            exampleValue: "山田 太郎", printed: true),
        new(SubmissionColumn.NameKana, "name_kana", "フリガナ",
            "氏名のフリガナ（全角カタカナ。半角カナ・ひらがなは全角カタカナに変換）。資格情報のお知らせに印字するため60文字以内。",
            "Reading of the name in full-width katakana (half-width kana and hiragana are converted). At most 60 characters, as printed on the 資格情報のお知らせ.",
            SubmissionValueKind.Kana, NameKanaMaxLength, AlwaysRequired, ["フリガナ", "ふりがな", "カナ氏名", "氏名カナ", "氏名(カナ)", "氏名(フリガナ)", "カナ"],
            exampleValue: "ヤマダ タロウ", printed: true),
        new(SubmissionColumn.BirthDate, "birth_date", "生年月日",
            "生年月日（西暦・和暦・元号コード+YYMMDD）。", "Date of birth (Gregorian, 和暦, or era code + YYMMDD).",
            SubmissionValueKind.Date, 40, AlwaysRequired, ["生年月日", "誕生日"],
            exampleValue: "1985-04-01"),
        new(SubmissionColumn.Sex, "sex", "性別",
            "1(男)・2(女)。", "1 (male) or 2 (female).",
            SubmissionValueKind.Code, 10, RequiredOnJoin, ["性別"],
            SubmissionCodeLists.Sexes, exampleValue: "1"),
        new(SubmissionColumn.Relationship, "relationship", "続柄",
            "被扶養者の続柄。被保険者の行では空欄または「本人」。", "A dependant's relationship to the insured person; on insured rows empty or 本人 (self).",
            SubmissionValueKind.Code, 20, [N, N, N, R, O, O], ["続柄", "続き柄"],
            SubmissionCodeLists.Relationships,
            conditionJa: "被保険者の行では「本人」のみ入力可。", conditionEn: "On insured rows only self (本人) is accepted.",
            exampleValue: "child"),
        new(SubmissionColumn.MyNumber, "my_number", "個人番号",
            "個人番号（12桁。ハイフン・空白は無視）。", "My Number (12 digits; hyphens and spaces are ignored).",
            SubmissionValueKind.MyNumber, 40, RequiredOnJoin, ["個人番号", "マイナンバー", "個人番号(マイナンバー)"],
            conditionJa: "個人番号が付番されていない場合のみ空欄にし、個人番号なし理由を入力する。",
            conditionEn: "Leave empty only when no number is assigned, and fill no_my_number_reason instead.",
            exampleValue: "123456789018"),
        new(SubmissionColumn.NoMyNumberReason, "no_my_number_reason", "個人番号なし理由",
            "個人番号が付番されていない理由（海外出生の子など）。", "Why no My Number is assigned (e.g. a child born abroad).",
            SubmissionValueKind.Code, 40, AlwaysOptional, ["個人番号なし理由", "マイナンバーなし理由", "個人番号未付番理由"],
            SubmissionCodeLists.NoMyNumberReasons,
            conditionJa: "個人番号を入力した行では空欄。", conditionEn: "Must be empty when my_number is given.",
            exampleValue: "born_abroad"),
        new(SubmissionColumn.QualificationDate, "qualification_date", "資格取得年月日",
            "資格取得年月日（被扶養者は認定年月日）。", "Date the qualification starts (for dependants, the date they became dependants).",
            SubmissionValueKind.Date, 40, RequiredOnJoin, ["資格取得年月日", "資格取得日", "取得年月日", "該当年月日", "認定年月日", "被扶養者認定日"],
            exampleValue: "2026-04-01"),
        new(SubmissionColumn.LossDate, "loss_date", "資格喪失年月日",
            "資格喪失年月日（退職日の翌日など。被扶養者は非該当年月日）。", "Date the qualification ends (e.g. the day after the last working day; for dependants, the date they stop being dependants).",
            SubmissionValueKind.Date, 40, [N, O, R, N, O, R], ["資格喪失年月日", "資格喪失日", "喪失年月日", "非該当年月日"],
            exampleValue: "2026-10-01"),
        new(SubmissionColumn.CardState, "card_state", "マイナンバーカード状況",
            "マイナンバーカードの状況。", "State of the My Number card.",
            SubmissionValueKind.Code, 40, RequiredOnJoin, ["マイナンバーカード状況", "マイナンバーカード", "カード状況", "保険証利用登録"],
            SubmissionCodeLists.CardStates,
            conditionJa: "個人番号なしの場合は none(未取得) のみ。", conditionEn: "Only none when no My Number is assigned.",
            exampleValue: "registered"),
        new(SubmissionColumn.CardIssueDate, "card_issue_date", "カード交付日",
            "マイナンバーカードの交付日（有効期限の代わりに入力可。有効期限は健保組合が計算）。", "Card issue date (may replace the expiry dates, which are then computed).",
            SubmissionValueKind.Date, 40, AlwaysOptional, ["カード交付日", "マイナンバーカード交付日", "カード発行日"],
            conditionJa: "カード状況が none(未取得) の場合は空欄。", conditionEn: "Must be empty when card_state is none.",
            exampleValue: "2022-06-15"),
        new(SubmissionColumn.CardExpiryDate, "card_expiry_date", "カード有効期限",
            "マイナンバーカードの有効期限。", "Card expiry date.",
            SubmissionValueKind.Date, 40, AlwaysOptional, ["カード有効期限", "マイナンバーカード有効期限"],
            conditionJa: "カード状況が none(未取得) の場合は空欄。", conditionEn: "Must be empty when card_state is none.",
            exampleValue: "2032-04-01"),
        new(SubmissionColumn.EcertExpiryDate, "ecert_expiry_date", "電子証明書有効期限",
            "電子証明書の有効期限（カードの有効期限を超えない）。", "E-certificate expiry date (never after the card's).",
            SubmissionValueKind.Date, 40, AlwaysOptional, ["電子証明書有効期限", "電子証明書の有効期限"],
            conditionJa: "カード状況が none(未取得) の場合は空欄。", conditionEn: "Must be empty when card_state is none.",
            exampleValue: "2027-04-01"),
        new(SubmissionColumn.DepartureDate, "departure_date", "出国予定日",
            "国外転出の予定日。", "Planned date of moving abroad.",
            SubmissionValueKind.Date, 40, AlwaysOptional, ["出国予定日", "国外転出予定日", "出国日"],
            conditionJa: "国外継続利用申請が「あり」の場合は必須。", conditionEn: "Required when overseas_continuation_filed is yes.",
            exampleValue: "2027-01-15"),
        new(SubmissionColumn.OverseasContinuationFiled, "overseas_continuation_filed", "国外継続利用申請",
            "国外継続利用申請を出国日の前日までに提出したか。", "Whether 国外継続利用申請 was filed (no later than the day before departure).",
            SubmissionValueKind.Code, 10, AlwaysOptional, ["国外継続利用申請", "国外継続利用申請済"],
            SubmissionCodeLists.YesNo,
            conditionJa: "外国籍の方は「あり」にできない。", conditionEn: "Cannot be yes for a foreign national.",
            exampleValue: "no"),
        new(SubmissionColumn.Nationality, "nationality", "国籍区分",
            "日本国籍(japanese)・外国籍(foreign)。", "japanese or foreign.",
            SubmissionValueKind.Code, 20, AlwaysOptional, ["国籍区分", "国籍"],
            SubmissionCodeLists.Nationalities,
            conditionJa: "出国予定日を入力した場合は必須。", conditionEn: "Required when departure_date is given.",
            exampleValue: "japanese"),
        new(SubmissionColumn.CertificateRequest, "certificate_request", "資格確認書交付申請",
            "マイナ保険証を持つ方が資格確認書の交付を申請するか。", "Whether a member holding マイナ保険証 applies for a 資格確認書.",
            SubmissionValueKind.Code, 10, AlwaysOptional, ["資格確認書交付申請", "資格確認書申請"],
            SubmissionCodeLists.YesNo, exampleValue: "no"),
        new(SubmissionColumn.CertificateRequestReason, "certificate_request_reason", "資格確認書申請理由",
            "資格確認書交付申請の理由。", "Why the 資格確認書 is applied for.",
            SubmissionValueKind.Code, 40, AlwaysOptional, ["資格確認書申請理由", "資格確認書交付申請理由", "交付申請理由", "申請理由"],
            SubmissionCodeLists.CertificateRequestReasons,
            conditionJa: "資格確認書交付申請が「あり」の場合は必須、それ以外は空欄。", conditionEn: "Required when certificate_request is yes; otherwise empty.",
            exampleValue: "care_needs"),
        new(SubmissionColumn.CopayRatio, "copay_ratio", "一部負担金の割合",
            "70歳から74歳の方の一部負担金の割合（2 または 3）。", "Co-payment ratio for ages 70–74 (2 or 3 割).",
            SubmissionValueKind.Code, 10, AlwaysOptional, ["一部負担金の割合", "一部負担金割合", "負担割合"],
            SubmissionCodeLists.CopayRatios,
            conditionJa: "発効期日（空欄なら本日）時点で70歳から74歳の方のみ。発効期日を入力した場合は必須。",
            conditionEn: "Only for people aged 70–74 on the effective date (today when empty); required when copay_effective_date is given.",
            exampleValue: "2"),
        new(SubmissionColumn.CopayEffectiveDate, "copay_effective_date", "負担割合発効期日",
            "一部負担金の割合の発効期日。", "Date the co-payment ratio takes effect.",
            SubmissionValueKind.Date, 40, AlwaysOptional, ["負担割合発効期日", "負担割合発効日", "発効期日", "一部負担金の割合発効期日"],
            exampleValue: "2026-12-01"),
        new(SubmissionColumn.Note, "note", "備考",
            "事業所用のメモ。健保組合では使用しません。", "A free note for the employer; the hub ignores it.",
            SubmissionValueKind.Ignored, int.MaxValue, AlwaysOptional, ["備考", "メモ", "memo", "remarks"]),
    ];

    private static readonly FrozenDictionary<string, SubmissionColumn> HeaderIndex = BuildHeaderIndex();

    /// <summary>Every column in template order (indexable by <see cref="SubmissionColumn"/>).</summary>
    public static IReadOnlyList<SubmissionColumnDefinition> All => Definitions;

    /// <summary>The definition of a column.</summary>
    public static SubmissionColumnDefinition Get(SubmissionColumn column) => Definitions[(int)column];

    /// <summary>Number of columns.</summary>
    public static int Count => Definitions.Length;

    /// <summary>
    /// The column a header cell names, matching the canonical name, the Japanese label or an alias after
    /// normalisation (width, case, spaces, hyphens/underscores, a trailing <c>*</c>/<c>※</c> or
    /// <c>(必須)</c>/<c>(任意)</c> marker). False for an unknown name.
    /// </summary>
    public static bool TryMatchHeader(string headerCell, out SubmissionColumn column) =>
        HeaderIndex.TryGetValue(HeaderKey(headerCell), out column);

    /// <summary>The normalised lookup key of a header name.</summary>
    internal static string HeaderKey(string headerCell)
    {
        string key = CodeKey.Of(headerCell);
        foreach (string marker in (ReadOnlySpan<string>)["*", "※", "(必須)", "(任意)", "(required)", "(optional)"])
        {
            if (key.Length > marker.Length && key.EndsWith(marker, StringComparison.Ordinal))
            {
                key = key[..^marker.Length];
            }
        }

        return key;
    }

    /// <summary>Every accepted header spelling with its column (canonical names, labels, aliases), for suggestions and docs.</summary>
    internal static IEnumerable<(string Key, SubmissionColumn Column)> HeaderKeys => HeaderIndex.Select(kv => (kv.Key, kv.Value));

    private static FrozenDictionary<string, SubmissionColumn> BuildHeaderIndex()
    {
        var index = new Dictionary<string, SubmissionColumn>(StringComparer.Ordinal);
        for (int i = 0; i < Definitions.Length; i++)
        {
            var d = Definitions[i];
            if ((int)d.Column != i)
            {
                throw new InvalidOperationException($"Column catalogue out of order at {d.Name}.");
            }

            foreach (string name in d.Aliases.Prepend(d.LabelJa).Prepend(d.Name))
            {
                string key = CodeKey.Of(name);
                if (index.TryGetValue(key, out var existing) && existing != d.Column)
                {
                    throw new InvalidOperationException($"Header name '{name}' is ambiguous ({existing}, {d.Column}).");
                }

                index[key] = d.Column;
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
