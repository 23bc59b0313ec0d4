using System.Globalization;
using Hub.Domain.Text;

namespace Hub.Domain.Submissions;

/// <summary>
/// The resolved header of a submission: which cell position holds which column.
/// </summary>
/// <remarks>
/// Header rules:
/// <list type="bullet">
/// <item>A header cell matches a column by canonical name, Japanese label or alias (see
/// <see cref="SubmissionColumnCatalog.TryMatchHeader"/>); columns may come in any order.</item>
/// <item>Columns required on every row must be present (MISSING_COLUMN); others may be left out, and a row
/// that needs one gets REQUIRED.</item>
/// <item>An unknown header is fatal (UNKNOWN_COLUMN): a misspelt optional column (say a certificate request)
/// would otherwise be dropped silently and decide wrongly whether someone gets a 資格確認書. Headers starting
/// with <c>#</c>, and the note column (備考), are accepted and ignored so employers can keep their own columns.</item>
/// <item>Two cells naming the same column are fatal (DUPLICATE_COLUMN): we could not know which one holds the truth.</item>
/// <item>Empty header cells are allowed (Excel often writes trailing ones); a value under one is reported per row (UNNAMED_COLUMN_VALUE).</item>
/// </list>
/// </remarks>
public sealed class SubmissionHeader
{
    private readonly int[] _positions;
    private readonly bool[] _unnamed;

    private SubmissionHeader(int[] positions, bool[] unnamed)
    {
        _positions = positions;
        _unnamed = unnamed;
    }

    /// <summary>Number of header cells.</summary>
    public int CellCount => _unnamed.Length;

    /// <summary>The 0-based cell position of a column, or -1 when the header lacks it.</summary>
    public int PositionOf(SubmissionColumn column) => _positions[(int)column];

    /// <summary>True when the header has the column.</summary>
    public bool Contains(SubmissionColumn column) => _positions[(int)column] >= 0;

    /// <summary>True when the header cell at this position is empty (values under it are errors).</summary>
    public bool IsUnnamed(int position) => position >= _unnamed.Length || _unnamed[position];

    /// <summary>Builds a header from known positions (e.g. JSON keys already mapped); positions of absent columns are -1.</summary>
    public static SubmissionHeader FromColumns(IReadOnlyList<SubmissionColumn> columnsInOrder)
    {
        ArgumentNullException.ThrowIfNull(columnsInOrder);
        var cells = new string?[columnsInOrder.Count];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = SubmissionColumnCatalog.Get(columnsInOrder[i]).Name;
        }

        var resolution = Resolve(cells);
        return resolution.Header ?? throw new ArgumentException(
            "Columns do not form a valid header: " + string.Join("; ", resolution.Errors.Select(e => e.MessageEn)), nameof(columnsInOrder));
    }

    /// <summary>
    /// Resolves the header row. Returns the header, or (when any problem is found) no header and every
    /// file-level problem: MISSING_COLUMN, UNKNOWN_COLUMN, DUPLICATE_COLUMN, FILE_EMPTY.
    /// </summary>
    public static SubmissionHeaderResolution Resolve(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var errors = new List<SubmissionError>();
        var positions = new int[SubmissionColumnCatalog.Count];
        Array.Fill(positions, -1);
        var seen = new List<int>?[SubmissionColumnCatalog.Count];
        var unnamed = new bool[cells.Count];
        bool anyName = false;

        for (int i = 0; i < cells.Count; i++)
        {
            string name = JapaneseTextNormalizer.Normalize(cells[i]);
            if (name.Length == 0)
            {
                unnamed[i] = true;
                continue;
            }

            anyName = true;
            if (name[0] == '#')
            {
                continue; // The employer's own column, ignored by request.
            }

            if (!SubmissionColumnCatalog.TryMatchHeader(name, out var column))
            {
                errors.Add(UnknownColumn(name));
                continue;
            }

            if (column == SubmissionColumn.Note)
            {
                continue; // Notes may repeat and are never read.
            }

            (seen[(int)column] ??= []).Add(i);
            if (positions[(int)column] < 0)
            {
                positions[(int)column] = i;
            }
        }

        if (!anyName)
        {
            errors.Add(SubmissionErrorCatalog.Create(SubmissionErrorCodes.FileEmpty + ".no_header", null, null));
            return new SubmissionHeaderResolution(null, errors);
        }

        foreach (var definition in SubmissionColumnCatalog.All)
        {
            var at = seen[(int)definition.Column];
            if (at is { Count: > 1 })
            {
                string list = string.Join(", ", at.Select(p => (p + 1).ToString(CultureInfo.InvariantCulture)));
                errors.Add(SubmissionErrorCatalog.Create(SubmissionErrorCodes.DuplicateColumn, null, definition.Column, new MessageArg("positions", list)));
            }
            else if (at is null && definition.RequiredInHeader)
            {
                errors.Add(SubmissionErrorCatalog.Create(SubmissionErrorCodes.MissingColumn, null, definition.Column,
                    new MessageArg("name", definition.Name), new MessageArg("label", definition.LabelJa)));
            }
        }

        return errors.Count == 0
            ? new SubmissionHeaderResolution(new SubmissionHeader(positions, unnamed), errors)
            : new SubmissionHeaderResolution(null, errors);
    }

    private static SubmissionError UnknownColumn(string name)
    {
        string quoted = SubmissionErrorCatalog.Quote(name);
        var suggestion = Suggest(name);
        var arg = suggestion is null
            ? new MessageArg("suggestion", "")
            : new MessageArg("suggestion", $"「{suggestion.LabelJa}」（{suggestion.Name}）の誤りではありませんか。", $"Did you mean {suggestion.Name} ({suggestion.LabelJa})? ");
        return SubmissionErrorCatalog.CreateForRawColumn(SubmissionErrorCodes.UnknownColumn, null, quoted, new MessageArg("value", quoted), arg);
    }

    /// <summary>The closest known column within a small edit distance, to suggest in UNKNOWN_COLUMN.</summary>
    private static SubmissionColumnDefinition? Suggest(string name)
    {
        string key = SubmissionColumnCatalog.HeaderKey(name);
        if (key.Length > CodeKey.MaxLength)
        {
            return null; // Nothing that long is a misspelt column name.
        }

        int best = int.MaxValue;
        SubmissionColumn? match = null;
        foreach (var (known, column) in SubmissionColumnCatalog.HeaderKeys)
        {
            int distance = EditDistance(key, known);
            int allowed = Math.Max(1, Math.Min(known.Length, key.Length) / 4);
            if (distance <= allowed && distance < best)
            {
                best = distance;
                match = column;
            }
        }

        return match is { } m && m != SubmissionColumn.Note ? SubmissionColumnCatalog.Get(m) : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>The outcome of <see cref="SubmissionHeader.Resolve"/>: a header, or the file-level errors that refuse the file.</summary>
/// <param name="Header">The header when there is no error.</param>
/// <param name="Errors">Every file-level problem found in the header (empty when valid).</param>
public sealed record SubmissionHeaderResolution(SubmissionHeader? Header, IReadOnlyList<SubmissionError> Errors)
{
    /// <summary>True when the header can be used.</summary>
    public bool IsValid => Header is not null;
}
