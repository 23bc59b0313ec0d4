namespace Hub.Domain.Submissions;

/// <summary>Where an error is decided and what it rejects.</summary>
public enum SubmissionErrorScope
{
    /// <summary>The whole file is refused before any row is processed.</summary>
    File,

    /// <summary>One row is rejected during validation; the others go on.</summary>
    Row,

    /// <summary>One accepted row is rejected later by the registration step.</summary>
    Registration,
}
