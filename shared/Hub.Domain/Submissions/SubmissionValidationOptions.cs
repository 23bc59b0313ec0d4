namespace Hub.Domain.Submissions;

/// <summary>Plausibility limits for dates; the defaults suit a 健保組合 and can be tightened by configuration.</summary>
public sealed record SubmissionValidationOptions
{
    /// <summary>The defaults.</summary>
    public static SubmissionValidationOptions Default { get; } = new();

    /// <summary>Oldest plausible age in years at <c>today</c> (DATE_OUT_OF_RANGE beyond). Default 150.</summary>
    public int MaxAgeYears { get; init; } = 150;

    /// <summary>How far ahead qualification, loss, departure and copay dates may lie, in days. Default 366 (submissions ahead of a start date).</summary>
    public int FutureWindowDays { get; init; } = 366;

    /// <summary>No My Number card was issued before this day (2016-01-01).</summary>
    public DateOnly CardIssueStart { get; init; } = new(2016, 1, 1);

    /// <summary>A card expires by its 10th birthday after issue, so at most this many years after issue. Default 11.</summary>
    public int MaxCardValidityYears { get; init; } = 11;

    /// <summary>An e-certificate expires by its 5th birthday after issue, so at most this many years after issue. Default 6.</summary>
    public int MaxEcertValidityYears { get; init; } = 6;
}
