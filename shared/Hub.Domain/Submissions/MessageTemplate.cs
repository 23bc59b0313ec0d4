namespace Hub.Domain.Submissions;

/// <summary>
/// One message of an error code, in Japanese and English. Placeholders are <c>{name}</c>; <c>{column}</c> is
/// the column's Japanese label in Japanese and its canonical name in English.
/// </summary>
/// <param name="Id">The code, or the code and a variant after a dot (e.g. <c>DATE_OUT_OF_RANGE.future_birth</c>).</param>
/// <param name="Ja">The Japanese template.</param>
/// <param name="En">The English template.</param>
public sealed record MessageTemplate(string Id, string Ja, string En)
{
    /// <summary>Set when the message is given at another stage than its code's scope (e.g. by registration); null otherwise.</summary>
    public SubmissionErrorScope? Scope { get; init; }

    /// <summary>The error code this message belongs to.</summary>
    public string Code => Id.IndexOf('.', StringComparison.Ordinal) is var i and >= 0 ? Id[..i] : Id;
}

/// <summary>A value for a message placeholder, possibly different per language.</summary>
/// <param name="Name">The placeholder name without braces.</param>
/// <param name="Ja">The value in Japanese messages.</param>
/// <param name="En">The value in English messages.</param>
public readonly record struct MessageArg(string Name, string Ja, string En)
{
    /// <summary>A value that is the same in both languages.</summary>
    public MessageArg(string name, string value)
        : this(name, value, value)
    {
    }
}
