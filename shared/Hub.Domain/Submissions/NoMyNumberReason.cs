namespace Hub.Domain.Submissions;

/// <summary>
/// 個人番号なし理由: why a row has no My Number. Only for people to whom no number has been assigned; a number
/// the employee has not handed over yet is not a reason (submit the row once it is available).
/// </summary>
public enum NoMyNumberReason
{
    /// <summary>海外出生 (code <c>born_abroad</c>): e.g. a child born abroad, never resident in Japan.</summary>
    BornAbroad = 1,

    /// <summary>住民票なし (code <c>no_resident_record</c>): never registered as a resident, so never assigned.</summary>
    NoResidentRecord = 2,

    /// <summary>その他 (code <c>other</c>): another reason no number is assigned.</summary>
    Other = 9,
}
