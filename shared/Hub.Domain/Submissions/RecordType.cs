namespace Hub.Domain.Submissions;

/// <summary>Who a submission row is about.</summary>
public enum RecordType
{
    /// <summary>被保険者: the insured employee (code <c>insured</c>).</summary>
    Insured = 1,

    /// <summary>被扶養者: a dependant of an insured employee (code <c>dependant</c>).</summary>
    Dependant = 2,
}
