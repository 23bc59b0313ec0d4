namespace Hub.Domain.Dates;

/// <summary>The outcome of <see cref="JapaneseDateParser.Parse(ReadOnlySpan{char})"/>.</summary>
/// <param name="Value">The date when <see cref="Success"/>.</param>
/// <param name="Error">Why parsing failed, or <see cref="DateParseError.None"/>.</param>
/// <param name="Era">The era the text named, when it named one (lets a message state the era's range).</param>
public readonly record struct DateParseResult(DateOnly Value, DateParseError Error, JapaneseEra? Era)
{
    /// <summary>True when the text is a valid date.</summary>
    public bool Success => Error == DateParseError.None;
}
