using System.Globalization;
using Hub.Domain.Dates;
using Hub.Domain.Identifiers;
using Hub.Domain.Text;

namespace Hub.Domain.Submissions;

/// <summary>
/// Validates one submission row against the column catalogue: normalises every cell, parses it, applies
/// the required / not-applicable table and the cross-field rules, and reports every problem in the row
/// (not only the first), at most one per column. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Checks that need other rows (MYNUMBER_DUPLICATE_IN_FILE, INSURED_DUPLICATE_IN_FILE, UNKNOWN_INSURED)
/// are made by <see cref="SubmissionFileValidator"/>. One instance reuses its working state from row to
/// row: use one per thread. Rules compare only values that parsed and passed their own checks, so one
/// wrong cell yields one error, not a cascade.
/// </remarks>
public sealed partial class SubmissionRowValidator
{
    private readonly SubmissionHeader _header;
    private readonly SubmissionValidationContext _context;
    private readonly RowState _state = new();

    /// <summary>Creates a validator for rows under <paramref name="header"/>.</summary>
    public SubmissionRowValidator(SubmissionHeader header, SubmissionValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(context);
        _header = header;
        _context = context;
    }

    /// <summary>The header rows are read with.</summary>
    public SubmissionHeader Header => _header;

    /// <summary>The validation context.</summary>
    public SubmissionValidationContext Context => _context;

    /// <summary>Validates one row (single-row checks only).</summary>
    /// <param name="rowNumber">The row number to report (for CSV the spreadsheet row, header = 1).</param>
    /// <param name="cells">The row's cells in header order; missing trailing cells count as empty.</param>
    public SubmissionRowResult Validate(int rowNumber, ReadOnlySpan<string?> cells) => Run(rowNumber, cells).ToResult();

    /// <summary>Normalises an employer code as the employer_code column is: half-width, trimmed, upper case.</summary>
    public static string NormalizeEmployerCode(string code)
    {
        string s = JapaneseTextNormalizer.Normalize(code);
        foreach (char c in s)
        {
            if (c is >= 'a' and <= 'z')
            {
                return s.ToUpperInvariant();
            }
        }

        return s;
    }

    /// <summary>Runs every single-row check and leaves the outcome in the (reused) state.</summary>
    internal RowState Run(int rowNumber, ReadOnlySpan<string?> cells)
    {
        var s = _state;
        s.Reset(rowNumber);
        CheckUnnamedCells(s, cells);

        ReadRecordType(s, cells);
        ReadAction(s, cells);
        ReadEmployerCode(s, cells);
        s.EmployeeId = ReadText(s, cells, SubmissionColumn.EmployeeId) ?? "";
        s.InsuredNumber = ReadDigits(s, cells, SubmissionColumn.InsuredNumber, pad: false);
        s.BranchNumber = ReadDigits(s, cells, SubmissionColumn.BranchNumber, pad: true);
        s.NameKanji = ReadText(s, cells, SubmissionColumn.NameKanji) ?? "";
        ReadKana(s, cells);
        ReadDate(s, cells, SubmissionColumn.BirthDate);
        s.Sex = ReadCode(s, cells, SubmissionColumn.Sex, SubmissionCodeLists.Sexes, SubmissionErrorCodes.SexInvalid);
        s.Relationship = ReadCode(s, cells, SubmissionColumn.Relationship, SubmissionCodeLists.Relationships, SubmissionErrorCodes.RelationshipInvalid);
        ReadMyNumber(s, cells);
        s.NoMyNumberReason = ReadCode(s, cells, SubmissionColumn.NoMyNumberReason, SubmissionCodeLists.NoMyNumberReasons, SubmissionErrorCodes.ValueInvalid);
        ReadDate(s, cells, SubmissionColumn.QualificationDate);
        ReadDate(s, cells, SubmissionColumn.LossDate);
        s.CardState = ReadCode(s, cells, SubmissionColumn.CardState, SubmissionCodeLists.CardStates, SubmissionErrorCodes.ValueInvalid);
        ReadDate(s, cells, SubmissionColumn.CardIssueDate);
        ReadDate(s, cells, SubmissionColumn.CardExpiryDate);
        ReadDate(s, cells, SubmissionColumn.EcertExpiryDate);
        ReadDate(s, cells, SubmissionColumn.DepartureDate);
        s.OverseasContinuationFiled = ReadCode(s, cells, SubmissionColumn.OverseasContinuationFiled, SubmissionCodeLists.YesNo, SubmissionErrorCodes.ValueInvalid);
        s.Nationality = ReadCode(s, cells, SubmissionColumn.Nationality, SubmissionCodeLists.Nationalities, SubmissionErrorCodes.ValueInvalid);
        s.CertificateRequested = ReadCode(s, cells, SubmissionColumn.CertificateRequest, SubmissionCodeLists.YesNo, SubmissionErrorCodes.ValueInvalid);
        s.CertificateRequestReason = ReadCode(s, cells, SubmissionColumn.CertificateRequestReason, SubmissionCodeLists.CertificateRequestReasons, SubmissionErrorCodes.ValueInvalid);
        s.CopayRatio = ReadCode(s, cells, SubmissionColumn.CopayRatio, SubmissionCodeLists.CopayRatios, SubmissionErrorCodes.ValueInvalid);
        ReadDate(s, cells, SubmissionColumn.CopayEffectiveDate);

        ApplyColumnUse(s);
        ApplyCrossFieldRules(s);
        return s;
    }

    private string? Cell(ReadOnlySpan<string?> cells, SubmissionColumn column)
    {
        int p = _header.PositionOf(column);
        return p >= 0 && p < cells.Length ? cells[p] : null;
    }

    private static bool IsBlank(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        foreach (char c in raw)
        {
            if (!JapaneseTextNormalizer.IsWhitespace(c) && c is not ('\u200B' or '\uFEFF'))
            {
                return false;
            }
        }

        return true;
    }

    private void CheckUnnamedCells(RowState s, ReadOnlySpan<string?> cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (_header.IsUnnamed(i) && !IsBlank(cells[i]))
            {
                s.Add(SubmissionErrorCodes.UnnamedColumnValue, null, new MessageArg("position", (i + 1).ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>Returns the cell when present and not too long; records Absent / Invalid otherwise.</summary>
    private string? Take(RowState s, ReadOnlySpan<string?> cells, SubmissionColumn column)
    {
        string? raw = Cell(cells, column);
        if (IsBlank(raw))
        {
            s.SetState(column, FieldState.Absent);
            return null;
        }

        var definition = SubmissionColumnCatalog.Get(column);
        int max = definition.MaxLength;
        if (raw!.Length > max)
        {
            int length = JapaneseTextNormalizer.Normalize(raw).Length;
            if (length > max)
            {
                Invalid(s, column, definition.Printed ? SubmissionErrorCodes.FieldTooLong + ".printed" : SubmissionErrorCodes.FieldTooLong,
                    new MessageArg("max", max.ToString(CultureInfo.InvariantCulture)),
                    new MessageArg("length", length.ToString(CultureInfo.InvariantCulture)));
                return null;
            }
        }

        s.SetState(column, FieldState.Valid);
        return raw;
    }

    private static void Invalid(RowState s, SubmissionColumn column, string templateId, params ReadOnlySpan<MessageArg> args)
    {
        s.SetState(column, FieldState.Invalid);
        s.Add(templateId, column, args);
    }

    private static MessageArg Shown(string raw) => new("value", SubmissionErrorCatalog.Quote(JapaneseTextNormalizer.Normalize(raw)));

    private void ReadRecordType(RowState s, ReadOnlySpan<string?> cells)
    {
        string? raw = Take(s, cells, SubmissionColumn.RecordType);
        if (raw is null)
        {
            if (s.Absent(SubmissionColumn.RecordType))
            {
                s.Add(SubmissionErrorCodes.Required, SubmissionColumn.RecordType);
            }

            return;
        }

        var list = SubmissionCodeLists.RecordTypes;
        if (list.TryParse(raw, out var recordType))
        {
            s.RecordType = recordType;
        }
        else
        {
            Invalid(s, SubmissionColumn.RecordType, SubmissionErrorCodes.RecordTypeInvalid, Shown(raw), new MessageArg("allowed", list.AllowedJa, list.AllowedEn));
        }
    }

    private void ReadAction(RowState s, ReadOnlySpan<string?> cells)
    {
        string? raw = Take(s, cells, SubmissionColumn.Action);
        if (raw is null)
        {
            if (s.Absent(SubmissionColumn.Action))
            {
                s.Add(SubmissionErrorCodes.Required, SubmissionColumn.Action);
            }

            return;
        }

        var insured = SubmissionCodeLists.InsuredActions;
        var dependant = SubmissionCodeLists.DependantActions;
        if (!s.Trusted(SubmissionColumn.RecordType))
        {
            // Without a record type the action cannot be pinned down; only refuse words that fit neither.
            if (!insured.TryParse(raw, out _) && !dependant.TryParse(raw, out _))
            {
                Invalid(s, SubmissionColumn.Action, SubmissionErrorCodes.ActionInvalid, Shown(raw), new MessageArg(
                    "allowed",
                    $"被保険者: {insured.AllowedJa}／被扶養者: {dependant.AllowedJa}",
                    $"insured: {insured.AllowedEn}; dependant: {dependant.AllowedEn}"));
            }

            return;
        }

        var (own, other) = s.RecordType == RecordType.Insured ? (insured, dependant) : (dependant, insured);
        if (own.TryParse(raw, out var action))
        {
            s.Action = action;
            return;
        }

        var allowed = new MessageArg("allowed", own.AllowedJa, own.AllowedEn);
        if (other.TryParse(raw, out _))
        {
            var entry = SubmissionCodeLists.RecordTypes.EntryOf(s.RecordType);
            Invalid(s, SubmissionColumn.Action, SubmissionErrorCodes.ActionInvalid + ".for_record_type", Shown(raw), allowed,
                new MessageArg("record_type", entry.LabelJa, entry.Code));
        }
        else
        {
            Invalid(s, SubmissionColumn.Action, SubmissionErrorCodes.ActionInvalid, Shown(raw), allowed);
        }
    }

    private void ReadEmployerCode(RowState s, ReadOnlySpan<string?> cells)
    {
        string? raw = Take(s, cells, SubmissionColumn.EmployerCode);
        if (raw is null)
        {
            return;
        }

        string code = NormalizeEmployerCode(raw);
        foreach (char c in code)
        {
            if (c is not (>= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
            {
                Invalid(s, SubmissionColumn.EmployerCode, SubmissionErrorCodes.ValueInvalid + ".code_format", Shown(raw));
                return;
            }
        }

        s.EmployerCode = code;
    }

    private string? ReadText(RowState s, ReadOnlySpan<string?> cells, SubmissionColumn column)
    {
        string? raw = Take(s, cells, column);
        if (raw is null)
        {
            return null;
        }

        string text = JapaneseTextNormalizer.Normalize(raw);
        foreach (char c in text)
        {
            if (SubmissionErrorCatalog.IsControlOrFormat(c))
            {
                Invalid(s, column, SubmissionErrorCodes.ValueInvalid + ".control_characters");
                return null;
            }

            // 外字: CP932's user-defined area (and its unassigned bytes 0xFD–0xFF) decode to the private use area.
            if (char.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse)
            {
                Invalid(s, column, SubmissionErrorCodes.ValueInvalid + ".private_use");
                return null;
            }
        }

        return text;
    }

    private string? ReadDigits(RowState s, ReadOnlySpan<string?> cells, SubmissionColumn column, bool pad)
    {
        string? raw = Take(s, cells, column);
        if (raw is null)
        {
            return null;
        }

        string text = JapaneseTextNormalizer.Normalize(raw);
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                Invalid(s, column, SubmissionErrorCodes.ValueInvalid + ".digits", Shown(raw),
                    new MessageArg("max", SubmissionColumnCatalog.Get(column).MaxLength.ToString(CultureInfo.InvariantCulture)));
                return null;
            }
        }

        if (pad)
        {
            return text.Length == 1 ? "0" + text : text; // 枝番 is always 2 digits.
        }

        // 番号 is a number: "000123" and "123" are the same person (Excel and HR systems differ on zero padding).
        string trimmed = text.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private void ReadKana(RowState s, ReadOnlySpan<string?> cells)
    {
        string? raw = Take(s, cells, SubmissionColumn.NameKana);
        if (raw is null)
        {
            return;
        }

        string kana = JapaneseTextNormalizer.NormalizeKana(raw);
        if (!KanaValidator.IsValid(kana))
        {
            Invalid(s, SubmissionColumn.NameKana, SubmissionErrorCodes.KanaInvalid,
                new MessageArg("chars", SubmissionErrorCatalog.Quote(KanaValidator.InvalidCharacters(kana))));
            return;
        }

        s.NameKana = kana;
    }

    private void ReadDate(RowState s, ReadOnlySpan<string?> cells, SubmissionColumn column)
    {
        string? raw = Take(s, cells, column);
        if (raw is null)
        {
            return;
        }

        var result = JapaneseDateParser.Parse(raw.Length <= JapaneseDateParser.MaxLength ? raw : JapaneseTextNormalizer.Normalize(raw));
        if (result.Success)
        {
            s.SetDate(column, result.Value);
            return;
        }

        switch (result.Error)
        {
            case DateParseError.NoSuchDay:
                Invalid(s, column, SubmissionErrorCodes.DateInvalid + ".no_such_day", Shown(raw));
                break;
            case DateParseError.EraInvalid when result.Era is { } era:
                Invalid(s, column, SubmissionErrorCodes.EraInvalid, Shown(raw), new MessageArg("era", era.Name, era.NameEn), EraRange(era));
                break;
            case DateParseError.EraInvalid:
                Invalid(s, column, SubmissionErrorCodes.EraInvalid + ".unknown_code", Shown(raw));
                break;
            default:
                Invalid(s, column, SubmissionErrorCodes.DateInvalid, Shown(raw));
                break;
        }
    }

    private static MessageArg EraRange(JapaneseEra era) => era.LastDay is { } last
        ? new MessageArg("range", $"{Ja(era.FirstDay)}から{Ja(last)}まで", $"{En(era.FirstDay)} to {En(last)}")
        : new MessageArg("range", $"{Ja(era.FirstDay)}から", $"from {En(era.FirstDay)}");

    private static string Ja(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    private static string En(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void ReadMyNumber(RowState s, ReadOnlySpan<string?> cells)
    {
        string? raw = Take(s, cells, SubmissionColumn.MyNumber);
        if (raw is null)
        {
            return;
        }

        if (MyNumber.TryParse(raw, out var number, out var error, out int digits, out bool otherCharacters))
        {
            s.MyNumber = number;
            return;
        }

        // Never quote the cell: it may be a real My Number with one typo.
        if (error == MyNumberError.CheckDigit)
        {
            Invalid(s, SubmissionColumn.MyNumber, SubmissionErrorCodes.MyNumberCheckDigit);
        }
        else if (otherCharacters)
        {
            Invalid(s, SubmissionColumn.MyNumber, SubmissionErrorCodes.MyNumberFormat + ".characters");
        }
        else
        {
            Invalid(s, SubmissionColumn.MyNumber, SubmissionErrorCodes.MyNumberFormat, new MessageArg("digits", digits.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private T ReadCode<T>(RowState s, ReadOnlySpan<string?> cells, SubmissionColumn column, CodeList<T> list, string errorCode)
        where T : struct
    {
        string? raw = Take(s, cells, column);
        if (raw is null)
        {
            return default;
        }

        if (list.TryParse(raw, out var value))
        {
            return value;
        }

        Invalid(s, column, errorCode, Shown(raw), new MessageArg("allowed", list.AllowedJa, list.AllowedEn));
        return default;
    }
}
