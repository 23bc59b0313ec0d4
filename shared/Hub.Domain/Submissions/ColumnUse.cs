namespace Hub.Domain.Submissions;

/// <summary>Whether a column must, may or must not hold a value for a record type and action.</summary>
public enum ColumnUse
{
    /// <summary>May be empty (on <see cref="SubmissionAction.Update"/>, empty means "unchanged").</summary>
    Optional = 0,

    /// <summary>Must hold a value (REQUIRED otherwise).</summary>
    Required = 1,

    /// <summary>Must be empty (FIELD_NOT_APPLICABLE otherwise).</summary>
    NotApplicable = 2,
}
