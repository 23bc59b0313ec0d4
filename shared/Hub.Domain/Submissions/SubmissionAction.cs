namespace Hub.Domain.Submissions;

/// <summary>What a submission row asks for. Which actions a row may carry depends on its <see cref="RecordType"/>.</summary>
public enum SubmissionAction
{
    /// <summary>資格取得: an insured person joins (insured rows; code <c>enroll</c>, short code 1).</summary>
    Enroll = 1,

    /// <summary>変更: details change (both record types; code <c>update</c>, short code 2). Empty optional fields mean "unchanged".</summary>
    Update = 2,

    /// <summary>資格喪失: an insured person leaves (insured rows; code <c>withdraw</c>, short code 3).</summary>
    Withdraw = 3,

    /// <summary>被扶養者 該当: a dependant is added (dependant rows; code <c>add</c>, short code 1).</summary>
    Add = 11,

    /// <summary>被扶養者 非該当: a dependant is removed (dependant rows; code <c>remove</c>, short code 3).</summary>
    Remove = 13,
}
