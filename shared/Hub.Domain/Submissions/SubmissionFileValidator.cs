using System.Globalization;
using System.Runtime.InteropServices;

namespace Hub.Domain.Submissions;

/// <summary>
/// Validates a whole file in two streaming passes, adding the checks that need other rows:
/// MYNUMBER_DUPLICATE_IN_FILE, INSURED_DUPLICATE_IN_FILE and UNKNOWN_INSURED.
/// </summary>
/// <remarks>
/// Pass 1 (<see cref="Collect"/> for every row, then <see cref="CompleteCollection"/>) keeps only compact keys:
/// the rows of each My Number (as a 64-bit value, in memory only) and of each insured employee id, and whether
/// each insured enrol row passes its own checks. Pass 2 (<see cref="Validate"/> for every row, re-read from the
/// source) produces the verdicts. A 100k-row file therefore never sits in memory, and the verdict on a row never
/// depends on whether a later row has been read yet.
/// <para>Policies: every row sharing a My Number is rejected, since we cannot know which is right; every insured
/// row sharing an employee id is rejected, since rows are registered in parallel and their order is not kept.
/// A dependant is accepted when its insured person is registered (<see cref="SubmissionValidationContext.IsInsuredRegistered"/>)
/// or enrolled by an insured row of this file that is itself accepted.</para>
/// Not thread-safe; one instance per file.
/// </remarks>
public sealed class SubmissionFileValidator
{
    private readonly SubmissionRowValidator _rows;
    private readonly SubmissionValidationContext _context;
    // Pass 1 keeps per row at most a dictionary entry of a few dozen bytes; the lists of rows sharing a key exist only
    // for the (rare) keys that are shared.
    private readonly Dictionary<long, int> _firstRowByMyNumber = [];
    private readonly Dictionary<long, List<int>> _rowsByDuplicatedMyNumber = [];
    private readonly Dictionary<string, InsuredRow> _insuredRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _rowsByDuplicatedEmployeeId = new(StringComparer.Ordinal);
    private bool _collectionComplete;

    /// <summary>Creates a validator for one file.</summary>
    public SubmissionFileValidator(SubmissionHeader header, SubmissionValidationContext context)
    {
        _rows = new SubmissionRowValidator(header, context);
        _context = context;
    }

    /// <summary>True once <see cref="CompleteCollection"/> has run (pass 2 may start).</summary>
    public bool IsCollectionComplete => _collectionComplete;

    /// <summary>Rows seen in pass 1.</summary>
    public int CollectedRows { get; private set; }

    /// <summary>Pass 1: notes what the cross-row checks need from one row.</summary>
    public void Collect(int rowNumber, ReadOnlySpan<string?> cells)
    {
        if (IsCollectionComplete)
        {
            throw new InvalidOperationException("Collection is complete; call Validate for pass 2.");
        }

        var s = _rows.Run(rowNumber, cells);
        CollectedRows++;
        if (s.State(SubmissionColumn.MyNumber) == FieldState.Valid)
        {
            long key = s.MyNumber.InMemoryKey;
            if (!_firstRowByMyNumber.TryAdd(key, rowNumber))
            {
                if (!_rowsByDuplicatedMyNumber.TryGetValue(key, out var rows))
                {
                    rows = [_firstRowByMyNumber[key]];
                    _rowsByDuplicatedMyNumber[key] = rows;
                }

                rows.Add(rowNumber);
            }
        }

        if (s.Trusted(SubmissionColumn.RecordType) && s.RecordType == RecordType.Insured && s.Trusted(SubmissionColumn.EmployeeId))
        {
            bool enrols = !s.HasErrors && s.Action == SubmissionAction.Enroll;
            SubmissionAction? action = !s.HasErrors ? s.Action : null;
            long myNumberKey = s.State(SubmissionColumn.MyNumber) == FieldState.Valid ? s.MyNumber.InMemoryKey : 0;
            if (_insuredRows.TryGetValue(s.EmployeeId, out var existing))
            {
                if (!_rowsByDuplicatedEmployeeId.TryGetValue(s.EmployeeId, out var rows))
                {
                    rows = [existing.FirstRow];
                    _rowsByDuplicatedEmployeeId[s.EmployeeId] = rows;
                }

                rows.Add(rowNumber);
            }
            else
            {
                _insuredRows[s.EmployeeId] = new InsuredRow(rowNumber, enrols, action, myNumberKey, s.InsuredNumber);
            }
        }
    }

    /// <summary>Ends pass 1: settles which insured persons this file enrols successfully.</summary>
    public void CompleteCollection()
    {
        foreach (var employeeId in _insuredRows.Keys)
        {
            ref var row = ref CollectionsMarshal.GetValueRefOrNullRef(_insuredRows, employeeId);
            row.EnrolledInFile = row.Enrols && !_rowsByDuplicatedEmployeeId.ContainsKey(employeeId)
                && (row.MyNumberKey == 0 || !_rowsByDuplicatedMyNumber.ContainsKey(row.MyNumberKey));
        }

        _collectionComplete = true;
    }

    /// <summary>Pass 2: the verdict on one row, with every single-row and cross-row problem.</summary>
    /// <exception cref="InvalidOperationException"><see cref="CompleteCollection"/> has not run.</exception>
    public SubmissionRowResult Validate(int rowNumber, ReadOnlySpan<string?> cells)
    {
        if (!_collectionComplete)
        {
            throw new InvalidOperationException("Call CompleteCollection after pass 1 before Validate.");
        }

        var s = _rows.Run(rowNumber, cells);

        if (s.State(SubmissionColumn.MyNumber) == FieldState.Valid
            && _rowsByDuplicatedMyNumber.TryGetValue(s.MyNumber.InMemoryKey, out var sameNumber))
        {
            s.Add(SubmissionErrorCodes.MyNumberDuplicateInFile, SubmissionColumn.MyNumber, OtherRows(sameNumber, rowNumber));
        }

        if (s.Trusted(SubmissionColumn.RecordType) && s.Trusted(SubmissionColumn.EmployeeId))
        {
            var reference = new InsuredReference(_context.EmployerCode, s.EmployeeId, s.InsuredNumber);
            var shownId = new MessageArg("value", SubmissionErrorCatalog.Quote(s.EmployeeId));
            if (s.RecordType == RecordType.Insured)
            {
                if (_rowsByDuplicatedEmployeeId.TryGetValue(s.EmployeeId, out var sameEmployee))
                {
                    s.Add(SubmissionErrorCodes.InsuredDuplicateInFile, SubmissionColumn.EmployeeId, OtherRows(sameEmployee, rowNumber));
                }

                if (s.Trusted(SubmissionColumn.Action) && s.Action is SubmissionAction.Update or SubmissionAction.Withdraw
                    && !_context.IsInsuredRegistered(reference))
                {
                    s.Add(SubmissionErrorCodes.UnknownInsured + ".insured", SubmissionColumn.EmployeeId, shownId);
                }
            }
            else if (!IsEnrolledInFile(s.EmployeeId, s.InsuredNumber) && !_context.IsInsuredRegistered(reference))
            {
                if (RejectedInsuredRows(s.EmployeeId) is { } insuredRows)
                {
                    // The insured person is in this file, but their row is rejected: say which row to fix first.
                    s.Add(SubmissionErrorCodes.UnknownInsured + ".insured_row", SubmissionColumn.EmployeeId, shownId, insuredRows);
                }
                else
                {
                    s.Add(SubmissionErrorCodes.UnknownInsured, SubmissionColumn.EmployeeId, shownId);
                }
            }
        }

        return s.ToResult();
    }

    /// <summary>
    /// Convenience for small in-memory files and tests: runs both passes over <paramref name="rows"/>
    /// (enumerated twice) and returns every verdict in order.
    /// </summary>
    public static IReadOnlyList<SubmissionRowResult> ValidateAll(
        SubmissionHeader header, SubmissionValidationContext context, IEnumerable<(int RowNumber, string?[] Cells)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var validator = new SubmissionFileValidator(header, context);
        foreach (var (rowNumber, cells) in rows)
        {
            validator.Collect(rowNumber, cells);
        }

        validator.CompleteCollection();
        var results = new List<SubmissionRowResult>();
        foreach (var (rowNumber, cells) in rows)
        {
            results.Add(validator.Validate(rowNumber, cells));
        }

        return results;
    }

    private bool IsEnrolledInFile(string employeeId, string? insuredNumber)
    {
        if (!_insuredRows.TryGetValue(employeeId, out var insured) || !insured.EnrolledInFile)
        {
            return false;
        }

        // When both rows give a 被保険者番号 they must agree, or the dependant points at someone else.
        return insuredNumber is null || insured.InsuredNumber is null || insuredNumber == insured.InsuredNumber;
    }

    /// <summary>
    /// The rows of an employee id's insured person in this file when they are rejected (their verdict, as
    /// <see cref="Validate"/> gives it: own errors, a shared employee id or My Number, or a change of someone not
    /// registered); null when the file has no such row or it is accepted.
    /// </summary>
    private MessageArg? RejectedInsuredRows(string employeeId)
    {
        if (!_insuredRows.TryGetValue(employeeId, out var insured))
        {
            return null;
        }

        if (_rowsByDuplicatedEmployeeId.TryGetValue(employeeId, out var all))
        {
            return OtherRows(all, 0);
        }

        bool rejected = insured.Action is null
            || (insured.MyNumberKey != 0 && _rowsByDuplicatedMyNumber.ContainsKey(insured.MyNumberKey))
            || (insured.Action is SubmissionAction.Update or SubmissionAction.Withdraw
                && !_context.IsInsuredRegistered(new InsuredReference(_context.EmployerCode, employeeId, insured.InsuredNumber)));
        return rejected ? new MessageArg("rows", insured.FirstRow.ToString(CultureInfo.InvariantCulture)) : null;
    }

    private static MessageArg OtherRows(List<int> rows, int self)
    {
        var others = new List<string>(rows.Count);
        foreach (int row in rows)
        {
            if (row != self)
            {
                others.Add(row.ToString(CultureInfo.InvariantCulture));
            }
        }

        return new MessageArg("rows", string.Join("、", others), string.Join(", ", others));
    }

    /// <summary>
    /// The first insured row of an employee id: whether it enrols on its own, its action (null when the row has errors of
    /// its own), its My Number key and 番号.
    /// </summary>
    private struct InsuredRow(int firstRow, bool enrols, SubmissionAction? action, long myNumberKey, string? insuredNumber)
    {
        public readonly int FirstRow = firstRow;
        public readonly bool Enrols = enrols;
        public readonly SubmissionAction? Action = action;
        public readonly long MyNumberKey = myNumberKey;
        public readonly string? InsuredNumber = insuredNumber;

        /// <summary>Set by CompleteCollection: the only insured row of its employee id, enrolling, and accepted.</summary>
        public bool EnrolledInFile;
    }
}
