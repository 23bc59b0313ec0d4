using System.Globalization;

namespace Hub.Domain.Submissions;

/// <summary>
/// The errors of the registration result (登録結果): what the employer is told about an accepted row that registration
/// refused, or that has not finished in time — in the same style as validation errors (stable code, the column at fault,
/// Japanese and English, cell values quoted), rendered from <see cref="SubmissionErrorCatalog"/>. Pure.
/// </summary>
/// <remarks>
/// Registration records only its code on the staged row; the values a message quotes come from the row itself (its
/// 社員番号, 被保険者番号, 枝番), never from other members' data. A code this class does not know (a newer registration
/// step) becomes REGISTRATION_REFUSED quoting it, so no refusal goes unreported.
/// </remarks>
public static class RegistrationErrors
{
    /// <summary>The error for <paramref name="record"/>'s row, refused at registration with <paramref name="code"/>.</summary>
    /// <param name="code">The staged row's rejection code (null if registration recorded none).</param>
    /// <param name="record">The accepted record (its My Number is never used).</param>
    /// <param name="insuredRowNotRegistered">
    /// For a dependant's UNKNOWN_INSURED: the row of the same submission with its insured person, when that row was not
    /// registered (the message then names it); otherwise null.
    /// </param>
    public static SubmissionError ForRejection(string? code, SubmissionRecord record, int? insuredRowNotRegistered = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        int row = record.RowNumber;
        var employee = Value(record.EmployeeId);
        switch (code)
        {
            case SubmissionErrorCodes.MyNumberBelongsToOtherMember:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.MyNumber);
            case SubmissionErrorCodes.MemberNotFound when record.RecordType == RecordType.Insured:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.EmployeeId, employee);
            case SubmissionErrorCodes.MemberNotFound:
                return SubmissionErrorCatalog.Create(code + ".dependant", row, SubmissionColumn.Action);
            case SubmissionErrorCodes.InsuredNumberMismatch when record.InsuredNumber is { } number:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.InsuredNumber, Value(number),
                    new MessageArg("employee", employee.Ja));
            case SubmissionErrorCodes.InsuredNumberTaken when record.InsuredNumber is { } number:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.InsuredNumber, Value(number));
            case SubmissionErrorCodes.BranchNumberTaken when record.BranchNumber is { } branch:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.BranchNumber, Value(branch));
            case SubmissionErrorCodes.BranchNumbersExhausted:
                return SubmissionErrorCatalog.Create(code, row, SubmissionColumn.BranchNumber);
            case SubmissionErrorCodes.UnknownInsured when insuredRowNotRegistered is { } insuredRow:
                var rows = insuredRow.ToString(CultureInfo.InvariantCulture);
                return SubmissionErrorCatalog.Create(code + ".registration_row", row, SubmissionColumn.EmployeeId, employee, new MessageArg("rows", rows));
            case SubmissionErrorCodes.UnknownInsured:
                return SubmissionErrorCatalog.Create(code + ".registration", row, SubmissionColumn.EmployeeId, employee);
            case SubmissionErrorCodes.EmployerNotRegistered:
                return SubmissionErrorCatalog.Create(code + ".registration", row, SubmissionColumn.EmployerCode, Value(record.EmployerCode));
            default:
                return SubmissionErrorCatalog.Create(SubmissionErrorCodes.RegistrationRefused, row, null, new MessageArg("code", SafeCode(code)));
        }
    }

    /// <summary>
    /// A code as it may appear in a message: codes are <c>[A-Z0-9_]</c> by convention, so anything else (which no
    /// registration step writes on purpose) becomes <c>?</c> rather than reach the employer's report; at most 40 characters.
    /// </summary>
    private static string SafeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "?";
        var text = SubmissionErrorCatalog.Quote(code);
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] is '_' or '.' or '-' or '…' ? source[i] : '?';
        });
    }

    /// <summary>A row whose registration has not finished <paramref name="after"/> its receipt: the insurer investigates.</summary>
    public static SubmissionError Pending(int row, TimeSpan after) =>
        SubmissionErrorCatalog.Create(SubmissionErrorCodes.RegistrationPending, row, null,
            new MessageArg("hours", Math.Max(1, (int)Math.Round(after.TotalHours)).ToString(CultureInfo.InvariantCulture)));

    private static MessageArg Value(string text) => new("value", SubmissionErrorCatalog.Quote(text));
}
