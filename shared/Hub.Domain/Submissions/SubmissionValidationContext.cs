namespace Hub.Domain.Submissions;

/// <summary>
/// What validation needs to know beyond the file: whose upload folder it is, today's date in Japan and a
/// pure lookup of registered insured persons (the caller loads or caches them; validation does no I/O).
/// </summary>
public sealed class SubmissionValidationContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="employerCode">The employer of the upload folder (<c>submissions/{employerCode}/…</c>).</param>
    /// <param name="today">Today's date in Japan (UTC+9), read from the caller's clock.</param>
    /// <param name="isInsuredRegistered">True when an insured person with this reference is registered (and not withdrawn).</param>
    /// <param name="options">Plausibility limits; <see cref="SubmissionValidationOptions.Default"/> when null.</param>
    public SubmissionValidationContext(string employerCode, DateOnly today, Func<InsuredReference, bool> isInsuredRegistered, SubmissionValidationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(employerCode);
        ArgumentNullException.ThrowIfNull(isInsuredRegistered);
        EmployerCode = SubmissionRowValidator.NormalizeEmployerCode(employerCode);
        Today = today;
        IsInsuredRegistered = isInsuredRegistered;
        Options = options ?? SubmissionValidationOptions.Default;
    }

    /// <summary>The upload folder's employer code, normalised like the employer_code column.</summary>
    public string EmployerCode { get; }

    /// <summary>Today's date in Japan.</summary>
    public DateOnly Today { get; }

    /// <summary>The registered-insured lookup.</summary>
    public Func<InsuredReference, bool> IsInsuredRegistered { get; }

    /// <summary>Plausibility limits.</summary>
    public SubmissionValidationOptions Options { get; }
}
