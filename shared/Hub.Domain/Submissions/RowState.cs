using Hub.Domain.Identifiers;

namespace Hub.Domain.Submissions;

/// <summary>The working state of one row during validation; reused row after row to avoid allocation.</summary>
internal sealed class RowState
{
    private static readonly int ColumnCount = SubmissionColumnCatalog.Count;

    private readonly FieldState[] _states = new FieldState[ColumnCount];
    private readonly bool[] _hasError = new bool[ColumnCount];
    private readonly DateOnly[] _dates = new DateOnly[ColumnCount];
    private List<(int Order, SubmissionError Error)>? _errors;

    public int RowNumber { get; private set; }

    public RecordType RecordType { get; set; }

    /// <summary>The action; meaningful only when the record type is known too.</summary>
    public SubmissionAction Action { get; set; }

    public string EmployerCode { get; set; } = "";

    public string EmployeeId { get; set; } = "";

    public string? InsuredNumber { get; set; }

    public string? BranchNumber { get; set; }

    public string NameKanji { get; set; } = "";

    public string NameKana { get; set; } = "";

    public Sex Sex { get; set; }

    public Relationship Relationship { get; set; }

    public MyNumber MyNumber { get; set; }

    public NoMyNumberReason NoMyNumberReason { get; set; }

    public CardState CardState { get; set; }

    public bool OverseasContinuationFiled { get; set; }

    public Nationality Nationality { get; set; }

    public bool CertificateRequested { get; set; }

    public CertificateRequestReason CertificateRequestReason { get; set; }

    public CopayRatio CopayRatio { get; set; }

    public bool HasErrors => _errors is { Count: > 0 };

    public void Reset(int rowNumber)
    {
        RowNumber = rowNumber;
        Array.Clear(_states);
        Array.Clear(_hasError);
        _errors = null;
        EmployerCode = EmployeeId = NameKanji = NameKana = "";
        InsuredNumber = BranchNumber = null;
        MyNumber = default;
    }

    public FieldState State(SubmissionColumn column) => _states[(int)column];

    public void SetState(SubmissionColumn column, FieldState state) => _states[(int)column] = state;

    public bool Present(SubmissionColumn column) => _states[(int)column] != FieldState.Absent;

    public bool Absent(SubmissionColumn column) => _states[(int)column] == FieldState.Absent;

    public bool HasError(SubmissionColumn column) => _hasError[(int)column];

    /// <summary>Parsed and not flagged by any rule: safe to compare other values against.</summary>
    public bool Trusted(SubmissionColumn column) => _states[(int)column] == FieldState.Valid && !_hasError[(int)column];

    public DateOnly Date(SubmissionColumn column) => _dates[(int)column];

    public void SetDate(SubmissionColumn column, DateOnly value) => _dates[(int)column] = value;

    public DateOnly? DateOrNull(SubmissionColumn column) => Trusted(column) ? _dates[(int)column] : null;

    /// <summary>Reports an error against a column (or the row when null) and marks the column as erroneous.</summary>
    public void Add(string templateId, SubmissionColumn? column, params ReadOnlySpan<MessageArg> args)
    {
        int order = -1;
        if (column is { } c)
        {
            _hasError[(int)c] = true;
            order = (int)c;
        }

        (_errors ??= []).Add((order, SubmissionErrorCatalog.Create(templateId, RowNumber, column, args)));
    }

    /// <summary>The errors in column order (row-level errors first), stable within a column.</summary>
    public IReadOnlyList<SubmissionError>? SortedErrors()
    {
        if (_errors is null)
        {
            return null;
        }

        return _errors.Select((e, i) => (e.Order, Index: i, e.Error))
            .OrderBy(e => e.Order).ThenBy(e => e.Index)
            .Select(e => e.Error)
            .ToArray();
    }

    public SubmissionRowResult ToResult()
    {
        if (HasErrors)
        {
            // What identifies the row for HR, as far as it could be read: the 社員番号 and 対象区分 of the rejected row.
            bool typed = State(SubmissionColumn.RecordType) == FieldState.Valid;
            return new SubmissionRowResult(RowNumber, null, SortedErrors(),
                State(SubmissionColumn.EmployeeId) == FieldState.Valid ? EmployeeId : null,
                typed ? RecordType : null,
                typed && State(SubmissionColumn.Action) == FieldState.Valid ? Action : null);
        }

        return new SubmissionRowResult(RowNumber, ToRecord(), null);
    }

    private SubmissionRecord ToRecord() => new()
    {
        RowNumber = RowNumber,
        RecordType = RecordType,
        Action = Action,
        EmployerCode = EmployerCode,
        EmployeeId = EmployeeId,
        InsuredNumber = InsuredNumber,
        BranchNumber = BranchNumber,
        NameKanji = NameKanji,
        NameKana = NameKana,
        BirthDate = Date(SubmissionColumn.BirthDate),
        Sex = Present(SubmissionColumn.Sex) ? Sex : null,
        Relationship = Present(SubmissionColumn.Relationship) ? Relationship : null,
        MyNumber = Present(SubmissionColumn.MyNumber) ? MyNumber : null,
        NoMyNumberReason = Present(SubmissionColumn.NoMyNumberReason) ? NoMyNumberReason : null,
        QualificationDate = DateOrNull(SubmissionColumn.QualificationDate),
        LossDate = DateOrNull(SubmissionColumn.LossDate),
        CardState = Present(SubmissionColumn.CardState) ? CardState : null,
        CardIssueDate = DateOrNull(SubmissionColumn.CardIssueDate),
        CardExpiryDate = DateOrNull(SubmissionColumn.CardExpiryDate),
        EcertExpiryDate = DateOrNull(SubmissionColumn.EcertExpiryDate),
        DepartureDate = DateOrNull(SubmissionColumn.DepartureDate),
        OverseasContinuationFiled = Present(SubmissionColumn.OverseasContinuationFiled) ? OverseasContinuationFiled : null,
        Nationality = Present(SubmissionColumn.Nationality) ? Nationality : null,
        CertificateRequested = Present(SubmissionColumn.CertificateRequest) ? CertificateRequested : null,
        CertificateRequestReason = Present(SubmissionColumn.CertificateRequestReason) ? CertificateRequestReason : null,
        CopayRatio = Present(SubmissionColumn.CopayRatio) ? CopayRatio : null,
        CopayEffectiveDate = DateOrNull(SubmissionColumn.CopayEffectiveDate),
    };
}
