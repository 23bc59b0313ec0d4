using System.Text;

namespace Hub.Core.Ingestion.Reporting;

/// <summary>
/// Writes CSV cells that open safely in Excel: every cell is quoted (inner quotes doubled), and a cell starting
/// with a character that makes a spreadsheet evaluate it (<c>= + - @</c>, tab, CR, and their full-width forms) is
/// prefixed with an apostrophe so it shows as text (OWASP "CSV injection"). Applied to every cell, since a
/// report quotes what employers wrote (a header named <c>=HYPERLINK(…)</c> comes back in UNKNOWN_COLUMN).
/// </summary>
public static class CsvCells
{
    /// <summary>Whether a cell would be taken as a formula (or a DDE/command payload) by a spreadsheet.</summary>
    public static bool NeedsNeutralising(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    /// <summary>The cell as text safe to open: apostrophe-prefixed if needed.</summary>
    public static string Neutralise(string value) => NeedsNeutralising(value) ? "'" + value : value;

    /// <summary>Appends one quoted, neutralised cell.</summary>
    public static void Append(StringBuilder line, string? value)
    {
        line.Append('"');
        if (!string.IsNullOrEmpty(value))
        {
            if (NeedsNeutralising(value)) line.Append('\'');
            foreach (var c in value)
            {
                if (c == '"') line.Append('"');
                line.Append(c);
            }
        }

        line.Append('"');
    }

    /// <summary>Appends a record of cells, comma-separated and ended with CRLF (what Excel writes and reads).</summary>
    public static void AppendRecord(StringBuilder text, params ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append(',');
            Append(text, cells[i]);
        }

        text.Append("\r\n");
    }
}
