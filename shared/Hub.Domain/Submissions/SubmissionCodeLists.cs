namespace Hub.Domain.Submissions;

/// <summary>
/// Every code list of the submission format, as data: the validator parses with them and the
/// documentation and templates are generated from them.
/// </summary>
public static class SubmissionCodeLists
{
    /// <summary>record_type: 被保険者 / 被扶養者.</summary>
    public static CodeList<RecordType> RecordTypes { get; } = new(
        "record_type",
        (RecordType.Insured, "insured", "被保険者", "insured person", ["被保険者", "本人", "1", "i"]),
        (RecordType.Dependant, "dependant", "被扶養者", "dependant", ["dependent", "被扶養者", "家族", "扶養", "2", "d"]));

    /// <summary>action on insured rows: 資格取得 / 変更 / 資格喪失 (short codes 1 / 2 / 3).</summary>
    public static CodeList<SubmissionAction> InsuredActions { get; } = new(
        "action_insured",
        (SubmissionAction.Enroll, "enroll", "資格取得", "enrolment", ["enrol", "1", "資格取得", "取得", "加入"]),
        (SubmissionAction.Update, "update", "変更", "change of details", ["2", "変更", "訂正"]),
        (SubmissionAction.Withdraw, "withdraw", "資格喪失", "withdrawal", ["3", "資格喪失", "喪失", "脱退"]));

    /// <summary>action on dependant rows: 該当 / 変更 / 非該当 (short codes 1 / 2 / 3).</summary>
    public static CodeList<SubmissionAction> DependantActions { get; } = new(
        "action_dependant",
        (SubmissionAction.Add, "add", "該当", "dependant added", ["1", "該当", "追加", "扶養追加"]),
        (SubmissionAction.Update, "update", "変更", "change of details", ["2", "変更", "訂正"]),
        (SubmissionAction.Remove, "remove", "非該当", "dependant removed", ["3", "非該当", "削除", "扶養削除"]));

    /// <summary>sex: 1 男 / 2 女.</summary>
    public static CodeList<Sex> Sexes { get; } = new(
        "sex",
        (Sex.Male, "1", "男", "male", ["男", "男性", "m", "male"]),
        (Sex.Female, "2", "女", "female", ["女", "女性", "f", "female"]));

    /// <summary>relationship (続柄) of a dependant to the insured person; <c>self</c> (本人) only on insured rows.</summary>
    public static CodeList<Relationship> Relationships { get; } = new(
        "relationship",
        (Relationship.Self, "self", "本人", "the insured person (insured rows only)", ["本人"]),
        (Relationship.Spouse, "spouse", "配偶者", "spouse", ["配偶者", "夫", "妻"]),
        (Relationship.Child, "child", "子", "child", ["子", "長男", "長女", "次男", "二男", "次女", "二女", "三男", "三女", "四男", "四女", "五男", "五女", "養子", "養女", "実子"]),
        (Relationship.Father, "father", "父", "father", ["父", "実父", "養父"]),
        (Relationship.Mother, "mother", "母", "mother", ["母", "実母", "養母"]),
        (Relationship.Grandchild, "grandchild", "孫", "grandchild", ["孫"]),
        (Relationship.Sibling, "sibling", "兄弟姉妹", "brother or sister", ["兄弟姉妹", "兄", "弟", "姉", "妹"]),
        (Relationship.Grandparent, "grandparent", "祖父母", "grandparent", ["祖父母", "祖父", "祖母"]),
        (Relationship.Other, "other", "その他", "other relative", ["その他", "義父", "義母", "叔父", "叔母", "伯父", "伯母", "甥", "姪", "曾孫", "曽孫"]));

    /// <summary>card_state: the My Number card as the employer reports it.</summary>
    public static CodeList<CardState> CardStates { get; } = new(
        "card_state",
        (CardState.None, "none", "未取得", "no My Number card", ["未取得", "なし", "カードなし", "未交付"]),
        (CardState.NotRegistered, "not_registered", "保険証利用登録なし", "card not registered for insurance use", ["保険証利用登録なし", "利用登録なし", "未登録", "登録なし"]),
        (CardState.Registered, "registered", "登録済", "registered for insurance use (マイナ保険証)", ["登録済", "登録済み", "利用登録済", "利用登録済み", "保険証利用登録済", "保険証利用登録済み"]),
        (CardState.Returned, "returned", "返納", "card returned", ["返納", "返納済", "返納済み"]),
        (CardState.RegistrationCancelled, "cancelled", "登録解除", "insurance-use registration cancelled", ["canceled", "登録解除", "利用登録解除", "解除"]));

    /// <summary>nationality: japanese / foreign.</summary>
    public static CodeList<Nationality> Nationalities { get; } = new(
        "nationality",
        (Nationality.Japanese, "japanese", "日本国籍", "Japanese national", ["日本", "日本国籍", "jp", "jpn", "japan"]),
        (Nationality.Foreign, "foreign", "外国籍", "foreign national", ["外国", "外国籍", "外国人"]));

    /// <summary>Yes/no columns (overseas_continuation_filed, certificate_request).</summary>
    public static CodeList<bool> YesNo { get; } = new(
        "yes_no",
        (true, "yes", "あり", "yes", ["y", "true", "1", "はい", "有", "あり", "済", "提出済", "申請済", "申請あり", "○", "〇", "◯"]),
        (false, "no", "なし", "no", ["n", "false", "0", "いいえ", "無", "なし", "未", "未提出", "申請なし", "×"]));

    /// <summary>certificate_request_reason: why a 資格確認書 is applied for.</summary>
    public static CodeList<CertificateRequestReason> CertificateRequestReasons { get; } = new(
        "certificate_request_reason",
        (CertificateRequestReason.CareNeeds, "care_needs", "要介護等", "care needs (要介護・介助等)", ["要介護等", "要介護", "介助", "要介護・介助", "要介護・介助等"]),
        (CertificateRequestReason.LostCard, "lost_card", "紛失", "card lost", ["紛失", "カード紛失"]),
        (CertificateRequestReason.CardRenewal, "card_renewal", "更新中", "card being renewed", ["更新中", "更新手続中", "更新手続き中"]),
        (CertificateRequestReason.Other, "other", "その他", "other", ["その他"]));

    /// <summary>no_my_number_reason: why no My Number is assigned.</summary>
    public static CodeList<NoMyNumberReason> NoMyNumberReasons { get; } = new(
        "no_my_number_reason",
        (NoMyNumberReason.BornAbroad, "born_abroad", "海外出生", "born abroad, no number assigned", ["海外出生"]),
        (NoMyNumberReason.NoResidentRecord, "no_resident_record", "住民票なし", "never registered as a resident", ["住民票なし", "住民登録なし"]),
        (NoMyNumberReason.Other, "other", "その他", "other reason no number is assigned", ["その他"]));

    /// <summary>copay_ratio: 2割 / 3割 (ages 70–74).</summary>
    public static CodeList<CopayRatio> CopayRatios { get; } = new(
        "copay_ratio",
        (CopayRatio.TwentyPercent, "2", "2割", "20%", ["2割", "20%", "0.2"]),
        (CopayRatio.ThirtyPercent, "3", "3割", "30%", ["3割", "30%", "0.3"]));

    /// <summary>Every code list, for documentation.</summary>
    public static IReadOnlyList<ICodeList> All { get; } =
    [
        RecordTypes, InsuredActions, DependantActions, Sexes, Relationships, CardStates, Nationalities, YesNo,
        CertificateRequestReasons, NoMyNumberReasons, CopayRatios,
    ];
}
