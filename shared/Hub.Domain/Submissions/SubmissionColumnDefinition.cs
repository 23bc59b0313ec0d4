namespace Hub.Domain.Submissions;

/// <summary>Everything the hub knows about one column: names, meaning, value kind and when it is required.</summary>
public sealed record SubmissionColumnDefinition
{
    // Order of the use matrix: insured enroll/update/withdraw, dependant add/update/remove.
    private readonly ColumnUse[] _use;

    internal SubmissionColumnDefinition(
        SubmissionColumn column,
        string name,
        string labelJa,
        string descriptionJa,
        string descriptionEn,
        SubmissionValueKind kind,
        int maxLength,
        ColumnUse[] use,
        string[] aliases,
        ICodeList? codeList = null,
        string? conditionJa = null,
        string? conditionEn = null,
        string? exampleValue = null,
        bool printed = false)
    {
        if (use.Length != Combinations.Count)
        {
            throw new ArgumentException("One use per record type and action.", nameof(use));
        }

        Column = column;
        Name = name;
        LabelJa = labelJa;
        DescriptionJa = descriptionJa;
        DescriptionEn = descriptionEn;
        Kind = kind;
        MaxLength = maxLength;
        _use = use;
        Aliases = aliases;
        CodeList = codeList;
        ConditionJa = conditionJa;
        ConditionEn = conditionEn;
        ExampleValue = exampleValue;
        Printed = printed;
    }

    /// <summary>The six record type / action combinations, in the order of <see cref="UseFor"/>'s table.</summary>
    public static IReadOnlyList<(RecordType RecordType, SubmissionAction Action)> Combinations { get; } =
    [
        (RecordType.Insured, SubmissionAction.Enroll),
        (RecordType.Insured, SubmissionAction.Update),
        (RecordType.Insured, SubmissionAction.Withdraw),
        (RecordType.Dependant, SubmissionAction.Add),
        (RecordType.Dependant, SubmissionAction.Update),
        (RecordType.Dependant, SubmissionAction.Remove),
    ];

    /// <summary>The column.</summary>
    public SubmissionColumn Column { get; }

    /// <summary>Canonical header name (snake_case English), e.g. <c>my_number</c>.</summary>
    public string Name { get; }

    /// <summary>Japanese header name used in templates and messages, e.g. 個人番号.</summary>
    public string LabelJa { get; }

    /// <summary>What the column holds, in Japanese.</summary>
    public string DescriptionJa { get; }

    /// <summary>What the column holds, in English.</summary>
    public string DescriptionEn { get; }

    /// <summary>How cells are read.</summary>
    public SubmissionValueKind Kind { get; }

    /// <summary>Maximum length in characters after normalisation (FIELD_TOO_LONG beyond).</summary>
    public int MaxLength { get; }

    /// <summary>Other accepted header names (Japanese aliases); the label and the canonical name are always accepted.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The code list of a <see cref="SubmissionValueKind.Code"/> column (for action: see <see cref="SubmissionCodeLists"/>).</summary>
    public ICodeList? CodeList { get; }

    /// <summary>A condition beyond the use table, in Japanese (e.g. required only when another column is filled).</summary>
    public string? ConditionJa { get; }

    /// <summary>A condition beyond the use table, in English.</summary>
    public string? ConditionEn { get; }

    /// <summary>An example value for documentation and templates.</summary>
    public string? ExampleValue { get; }

    /// <summary>
    /// Printed on the 資格情報のお知らせ and the 資格確認書 as written: <see cref="MaxLength"/> is what those documents can
    /// hold (Hub.Documents checks the same limits), so a longer value is refused here rather than fail the document later.
    /// </summary>
    public bool Printed { get; }

    /// <summary>True when every record type and action requires the column, so the header must contain it (MISSING_COLUMN otherwise).</summary>
    public bool RequiredInHeader => Array.TrueForAll(_use, u => u == ColumnUse.Required);

    /// <summary>Whether the column must, may or must not hold a value for this record type and action.</summary>
    public ColumnUse UseFor(RecordType recordType, SubmissionAction action) => _use[IndexOf(recordType, action)];

    /// <summary>The index of a combination in <see cref="Combinations"/>.</summary>
    /// <exception cref="ArgumentException">The action does not apply to the record type.</exception>
    public static int IndexOf(RecordType recordType, SubmissionAction action) => (recordType, action) switch
    {
        (RecordType.Insured, SubmissionAction.Enroll) => 0,
        (RecordType.Insured, SubmissionAction.Update) => 1,
        (RecordType.Insured, SubmissionAction.Withdraw) => 2,
        (RecordType.Dependant, SubmissionAction.Add) => 3,
        (RecordType.Dependant, SubmissionAction.Update) => 4,
        (RecordType.Dependant, SubmissionAction.Remove) => 5,
        _ => throw new ArgumentException($"{action} does not apply to {recordType}."),
    };
}
