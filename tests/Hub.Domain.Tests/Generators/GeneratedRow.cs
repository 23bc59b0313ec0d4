using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Generators;

/// <summary>
/// A generated submission row: the header and cells as an employer might write them, the record the hub
/// must produce from them, and the world it is validated in (today, upload folder, registered insureds).
/// </summary>
public sealed record GeneratedRow(
    int Seed,
    DateOnly Today,
    string EmployerCode,
    IReadOnlyList<string> Header,
    IReadOnlyList<string?> Cells,
    SubmissionRecord Expected,
    IReadOnlySet<string> RegisteredEmployeeIds)
{
    /// <summary>The row number rows are generated with.</summary>
    public const int RowNumber = 2;

    /// <summary>A context whose lookup answers from <see cref="RegisteredEmployeeIds"/>.</summary>
    public SubmissionValidationContext Context() =>
        new(EmployerCode, Today, reference => RegisteredEmployeeIds.Contains(reference.EmployeeId));

    /// <summary>The resolved header (throws if the generator produced an invalid one).</summary>
    public SubmissionHeader ResolveHeader()
    {
        var resolution = SubmissionHeader.Resolve(Header);
        return resolution.Header ?? throw new InvalidOperationException(
            $"Seed {Seed}: generated header is invalid: {string.Join("; ", resolution.Errors.Select(e => e.MessageEn))}");
    }

    /// <summary>The cell position of a column, or -1.</summary>
    public int PositionOf(SubmissionColumn column) => ResolveHeader().PositionOf(column);

    /// <summary>The raw cell of a column (null when the header lacks it).</summary>
    public string? Cell(SubmissionColumn column)
    {
        int p = PositionOf(column);
        return p >= 0 ? Cells[p] : null;
    }

    /// <summary>A copy with one cell replaced (the column must be in the header).</summary>
    public GeneratedRow With(SubmissionColumn column, string? value)
    {
        int p = PositionOf(column);
        if (p < 0)
        {
            throw new InvalidOperationException($"{column} is not in the header.");
        }

        var cells = Cells.ToArray();
        cells[p] = value;
        return this with { Cells = cells };
    }

    /// <summary>A copy with one more cell after the last (under no header).</summary>
    public GeneratedRow WithExtraCell(string value) => this with { Cells = [.. Cells, value] };

    /// <summary>Validates the row alone as a one-row file (both passes).</summary>
    public SubmissionRowResult ValidateAsFile() =>
        SubmissionFileValidator.ValidateAll(ResolveHeader(), Context(), [(RowNumber, Cells.ToArray())])[0];

    /// <inheritdoc/>
    public override string ToString() =>
        $"seed {Seed}, today {Today:yyyy-MM-dd}, employer {EmployerCode}\n  {string.Join(" | ", Header)}\n  {string.Join(" | ", Cells)}";
}
