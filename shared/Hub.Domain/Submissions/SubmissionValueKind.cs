namespace Hub.Domain.Submissions;

/// <summary>How a column's cells are read.</summary>
public enum SubmissionValueKind
{
    /// <summary>Free text, normalised (width, whitespace); control characters refused.</summary>
    Text,

    /// <summary>フリガナ: normalised as kana (hiragana → katakana), then full-width katakana only.</summary>
    Kana,

    /// <summary>Digits only (full-width accepted).</summary>
    Digits,

    /// <summary>A date in any form <see cref="Dates.JapaneseDateParser"/> accepts.</summary>
    Date,

    /// <summary>A value of the column's code list.</summary>
    Code,

    /// <summary>A My Number (12 digits with check digit; spaces and hyphens ignored).</summary>
    MyNumber,

    /// <summary>Ignored by the hub (free notes).</summary>
    Ignored,
}
