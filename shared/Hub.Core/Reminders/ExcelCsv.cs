using System.Text;

namespace Hub.Core.Reminders;

/// <summary>
/// CSV that Excel (Japanese) opens correctly and safely: UTF-8 with a BOM (without it Excel reads Shift_JIS and shows
/// mojibake), CRLF line ends, every cell quoted (quotes doubled), line breaks inside a cell turned into spaces, and
/// formula injection neutralised — a cell starting with <c>= + - @</c>, a tab or a carriage return (or their
/// full-width forms) gets a leading <c>'</c>, so Excel shows it as text instead of evaluating it.
/// </summary>
public static class ExcelCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file: header row, then the rows.</summary>
    public static byte[] Build(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        AppendRow(text, headers);
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
                throw new ArgumentException($"A row has {row.Count} cells for {headers.Count} headers.", nameof(rows));
            AppendRow(text, row);
        }
        return [.. Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A cell as written (quoted, neutralised).</summary>
    public static string Cell(string? value)
    {
        var text = (value ?? "").Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        if (text.Length > 0 && StartsFormula(value![0])) text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Whether Excel would treat a cell starting with <paramref name="first"/> as a formula.</summary>
    public static bool StartsFormula(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    private static void AppendRow(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Cell(cells[i]));
        }
        text.Append("\r\n");
    }
}
