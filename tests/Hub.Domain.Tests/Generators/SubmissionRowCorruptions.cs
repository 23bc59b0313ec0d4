using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Generators;

/// <summary>One change to one cell of a valid row, and the single error it must cause.</summary>
/// <param name="Description">What is done, for failure messages.</param>
/// <param name="Column">The column the error must name (null for a row-level error).</param>
/// <param name="ExpectedCode">The only error code the row may then have.</param>
/// <param name="Apply">Makes the corrupted row.</param>
public sealed record Corruption(string Description, SubmissionColumn? Column, string ExpectedCode, Func<GeneratedRow, GeneratedRow> Apply)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Description} → {ExpectedCode} on {Column?.ToString() ?? "(row)"}";
}

/// <summary>
/// Every way to corrupt exactly one field of a generated valid row, each with the one error code (and column)
/// it must produce: invalid values, emptied required values, values where they do not apply, and values that
/// contradict another column (reported on the column the rule names).
/// </summary>
public static class SubmissionRowCorruptions
{
    /// <summary>A valid row and one of its corruptions.</summary>
    public static Gen<(GeneratedRow Row, Corruption Corruption)> CorruptedRows { get; } =
        SubmissionRowGenerator.ValidRows.SelectMany(row => Gen.Elements(For(row).ToArray()).Select(c => (row, c)));

    /// <summary>Every corruption applicable to <paramref name="row"/>.</summary>
    public static IReadOnlyList<Corruption> For(GeneratedRow row)
    {
        var list = new List<Corruption>();
        var e = row.Expected;
        bool insured = e.RecordType == RecordType.Insured;
        bool joins = e.Action is SubmissionAction.Enroll or SubmissionAction.Add;
        bool leaves = e.Action is SubmissionAction.Withdraw or SubmissionAction.Remove;
        var today = row.Today;

        void Add(string what, SubmissionColumn column, string? value, string code, SubmissionColumn? reported = null)
        {
            if (row.PositionOf(column) >= 0)
            {
                list.Add(new Corruption($"{column} := '{value}' ({what})", reported ?? column, code, r => r.With(column, value)));
            }
        }

        bool Present(SubmissionColumn column) => !string.IsNullOrWhiteSpace(row.Cell(column));

        void Empty(SubmissionColumn column, SubmissionColumn? reported = null)
        {
            if (Present(column))
            {
                Add("emptied", column, "", SubmissionErrorCodes.Required, reported);
            }
        }

        // Always present.
        Add("unknown", SubmissionColumn.RecordType, "unknown", SubmissionErrorCodes.RecordTypeInvalid);
        Empty(SubmissionColumn.RecordType);
        Add("unknown", SubmissionColumn.Action, "zzz", SubmissionErrorCodes.ActionInvalid);
        Add("other record type's action", SubmissionColumn.Action, insured ? "非該当" : "資格喪失", SubmissionErrorCodes.ActionInvalid);
        Empty(SubmissionColumn.Action);
        Add("another employer", SubmissionColumn.EmployerCode, "Z9999", SubmissionErrorCodes.EmployerMismatch);
        Add("bad characters", SubmissionColumn.EmployerCode, "E00 01!", SubmissionErrorCodes.ValueInvalid);
        Empty(SubmissionColumn.EmployerCode);
        Add("too long", SubmissionColumn.EmployeeId, new string('X', 33), SubmissionErrorCodes.FieldTooLong);
        Add("control character", SubmissionColumn.EmployeeId, "A\u0001B", SubmissionErrorCodes.ValueInvalid);
        Empty(SubmissionColumn.EmployeeId);
        if (!(insured && e.Action == SubmissionAction.Enroll))
        {
            Add("nobody registered", SubmissionColumn.EmployeeId, "Z99999", SubmissionErrorCodes.UnknownInsured);
        }

        Add("too long", SubmissionColumn.NameKanji, new string('山', 101), SubmissionErrorCodes.FieldTooLong);
        Add("control character", SubmissionColumn.NameKanji, "山田\u0007太郎", SubmissionErrorCodes.ValueInvalid);
        Empty(SubmissionColumn.NameKanji);
        Add("romaji", SubmissionColumn.NameKana, "yamada taro", SubmissionErrorCodes.KanaInvalid);
        Add("kanji", SubmissionColumn.NameKana, "山田", SubmissionErrorCodes.KanaInvalid);
        Add("digit", SubmissionColumn.NameKana, "ヤマダ1", SubmissionErrorCodes.KanaInvalid);
        Add("too long", SubmissionColumn.NameKana, new string('ア', 101), SubmissionErrorCodes.FieldTooLong);
        Empty(SubmissionColumn.NameKana);
        Add("no such day", SubmissionColumn.BirthDate, "2023-02-29", SubmissionErrorCodes.DateInvalid);
        Add("not a date", SubmissionColumn.BirthDate, "someday", SubmissionErrorCodes.DateInvalid);
        Add("before 平成", SubmissionColumn.BirthDate, "平成1年1月7日", SubmissionErrorCodes.EraInvalid);
        Add("unknown era code", SubmissionColumn.BirthDate, "8011001", SubmissionErrorCodes.EraInvalid);
        Add("future", SubmissionColumn.BirthDate, Iso(today.AddDays(1)), SubmissionErrorCodes.DateOutOfRange);
        Add("151 years ago", SubmissionColumn.BirthDate, Iso(today.AddYears(-151)), SubmissionErrorCodes.DateOutOfRange);
        Empty(SubmissionColumn.BirthDate);
        list.Add(new Corruption("a value under no header", null, SubmissionErrorCodes.UnnamedColumnValue, r => r.WithExtraCell("x")));

        // Present only in some rows.
        if (Present(SubmissionColumn.InsuredNumber))
        {
            Add("letter", SubmissionColumn.InsuredNumber, "12a", SubmissionErrorCodes.ValueInvalid);
            Add("too long", SubmissionColumn.InsuredNumber, "12345678901", SubmissionErrorCodes.FieldTooLong);
        }

        if (Present(SubmissionColumn.BranchNumber))
        {
            Add("letter", SubmissionColumn.BranchNumber, "1a", SubmissionErrorCodes.ValueInvalid);
            Add("too long", SubmissionColumn.BranchNumber, "123", SubmissionErrorCodes.FieldTooLong);
        }

        if (Present(SubmissionColumn.Sex))
        {
            Add("unknown", SubmissionColumn.Sex, "X", SubmissionErrorCodes.SexInvalid);
            Add("unknown code", SubmissionColumn.Sex, "3", SubmissionErrorCodes.SexInvalid);
            if (joins)
            {
                Empty(SubmissionColumn.Sex);
            }
        }

        if (Present(SubmissionColumn.Relationship))
        {
            Add("unknown", SubmissionColumn.Relationship, "犬", SubmissionErrorCodes.RelationshipInvalid);
            Add(insured ? "a dependant's relationship" : "self", SubmissionColumn.Relationship, insured ? "子" : "本人", SubmissionErrorCodes.RelationshipInvalid);
            if (!insured && joins)
            {
                Empty(SubmissionColumn.Relationship);
            }
        }
        else if (insured)
        {
            Add("a dependant's relationship on an insured row", SubmissionColumn.Relationship, "配偶者", SubmissionErrorCodes.RelationshipInvalid);
        }

        if (e.MyNumber is { } number)
        {
            string digits = number.RevealDigits();
            Add("check digit changed", SubmissionColumn.MyNumber, digits[..11] + (char)('0' + ((digits[11] - '0' + 1) % 10)), SubmissionErrorCodes.MyNumberCheckDigit);
            Add("a digit short", SubmissionColumn.MyNumber, digits[..11], SubmissionErrorCodes.MyNumberFormat);
            Add("a letter", SubmissionColumn.MyNumber, digits[..11] + "x", SubmissionErrorCodes.MyNumberFormat);
            if (joins)
            {
                Empty(SubmissionColumn.MyNumber);
            }

            Add("a reason although a number is given", SubmissionColumn.NoMyNumberReason, "born_abroad", SubmissionErrorCodes.FieldNotApplicable);
        }

        if (e.NoMyNumberReason is not null)
        {
            Add("unknown", SubmissionColumn.NoMyNumberReason, "forgot", SubmissionErrorCodes.ValueInvalid);
            if (joins)
            {
                Add("emptied, so neither number nor reason", SubmissionColumn.NoMyNumberReason, "", SubmissionErrorCodes.Required, SubmissionColumn.MyNumber);
            }

            if (e.CardState is not null)
            {
                Add("a card without a number", SubmissionColumn.CardState, "registered", SubmissionErrorCodes.ValueInvalid);
            }
        }

        if (e.QualificationDate is { } qualification)
        {
            Add("no such month", SubmissionColumn.QualificationDate, "2024-13-01", SubmissionErrorCodes.DateInvalid);
            Add("before birth", SubmissionColumn.QualificationDate, Iso(e.BirthDate.AddDays(-1)), SubmissionErrorCodes.DateOutOfRange);
            Add("too far ahead", SubmissionColumn.QualificationDate, Iso(today.AddDays(400)), SubmissionErrorCodes.DateOutOfRange);
            if (joins)
            {
                Empty(SubmissionColumn.QualificationDate);
            }

            if (e.LossDate is not null)
            {
                Add("before qualification", SubmissionColumn.LossDate, Iso(qualification.AddDays(-1)), SubmissionErrorCodes.DateOutOfRange);
            }
        }

        if (e.LossDate is not null)
        {
            Add("before 令和", SubmissionColumn.LossDate, "R1.4.30", SubmissionErrorCodes.EraInvalid);
            Add("too far ahead", SubmissionColumn.LossDate, Iso(today.AddDays(400)), SubmissionErrorCodes.DateOutOfRange);
            Empty(SubmissionColumn.LossDate);
        }
        else if (joins)
        {
            Add("a loss date on a joining row", SubmissionColumn.LossDate, Iso(today), SubmissionErrorCodes.FieldNotApplicable);
        }

        if (e.CardState is { } state)
        {
            Add("unknown", SubmissionColumn.CardState, "maybe", SubmissionErrorCodes.ValueInvalid);
            if (joins)
            {
                Empty(SubmissionColumn.CardState);
            }

            if (state == CardState.None)
            {
                Add("a card date without a card", SubmissionColumn.CardIssueDate, Iso(today), SubmissionErrorCodes.FieldNotApplicable);
                Add("a card date without a card", SubmissionColumn.EcertExpiryDate, Iso(today), SubmissionErrorCodes.FieldNotApplicable);
            }
        }

        if (e.CardIssueDate is not null)
        {
            Add("no such day", SubmissionColumn.CardIssueDate, "2016-02-30", SubmissionErrorCodes.DateInvalid);
            Add("before cards existed", SubmissionColumn.CardIssueDate, "2015-12-31", SubmissionErrorCodes.DateOutOfRange);
            Add("in the future", SubmissionColumn.CardIssueDate, Iso(today.AddDays(1)), SubmissionErrorCodes.DateOutOfRange);
        }

        if (e.CardExpiryDate is { } expiry)
        {
            Add("not a date", SubmissionColumn.CardExpiryDate, "soon", SubmissionErrorCodes.DateInvalid);
            Add("before cards existed", SubmissionColumn.CardExpiryDate, "2015-12-31", SubmissionErrorCodes.DateOutOfRange);
            if (e.EcertExpiryDate is not null)
            {
                Add("after the card", SubmissionColumn.EcertExpiryDate, Iso(expiry.AddDays(1)), SubmissionErrorCodes.DateOutOfRange);
            }
        }

        if (e.EcertExpiryDate is not null)
        {
            Add("not a date", SubmissionColumn.EcertExpiryDate, "soon", SubmissionErrorCodes.DateInvalid);
            Add("too far ahead", SubmissionColumn.EcertExpiryDate, Iso(today.AddYears(7)), SubmissionErrorCodes.DateOutOfRange);
        }

        if (e.DepartureDate is not null)
        {
            Add("not a date", SubmissionColumn.DepartureDate, "next spring", SubmissionErrorCodes.DateInvalid);
            Add("too far ahead", SubmissionColumn.DepartureDate, Iso(today.AddDays(400)), SubmissionErrorCodes.DateOutOfRange);
            Add("emptied while a departure is planned", SubmissionColumn.Nationality, "", SubmissionErrorCodes.Required);
            if (e.OverseasContinuationFiled == true)
            {
                Add("emptied while continuation is filed", SubmissionColumn.DepartureDate, "", SubmissionErrorCodes.Required);
            }

            if (e.Nationality == Nationality.Foreign)
            {
                Add("a foreign national keeping the card", SubmissionColumn.OverseasContinuationFiled, "yes", SubmissionErrorCodes.ValueInvalid);
            }
        }

        if (e.Nationality is not null)
        {
            Add("unknown", SubmissionColumn.Nationality, "martian", SubmissionErrorCodes.ValueInvalid);
        }

        if (e.OverseasContinuationFiled is not null)
        {
            Add("unknown", SubmissionColumn.OverseasContinuationFiled, "maybe", SubmissionErrorCodes.ValueInvalid);
        }

        if (e.CertificateRequested is { } requested)
        {
            Add("unknown", SubmissionColumn.CertificateRequest, "perhaps", SubmissionErrorCodes.ValueInvalid);
            if (requested)
            {
                Add("withdrawn while a reason is given", SubmissionColumn.CertificateRequest, "no", SubmissionErrorCodes.FieldNotApplicable, SubmissionColumn.CertificateRequestReason);
                Add("unknown", SubmissionColumn.CertificateRequestReason, "whim", SubmissionErrorCodes.ValueInvalid);
                Empty(SubmissionColumn.CertificateRequestReason);
            }
        }

        if (e.CopayRatio is not null)
        {
            Add("not 2 or 3", SubmissionColumn.CopayRatio, "4", SubmissionErrorCodes.ValueInvalid);
            if (e.CopayEffectiveDate is not null)
            {
                Empty(SubmissionColumn.CopayRatio);
                Add("not a date", SubmissionColumn.CopayEffectiveDate, "April", SubmissionErrorCodes.DateInvalid);
                Add("effective at 69", SubmissionColumn.CopayEffectiveDate, Iso(e.BirthDate.AddYears(70).AddDays(-1)), SubmissionErrorCodes.ValueInvalid, SubmissionColumn.CopayRatio);
            }
        }
        else if (AgeOn(e.BirthDate, today) is < 70 or > 74)
        {
            Add("a ratio outside ages 70–74", SubmissionColumn.CopayRatio, "3割", SubmissionErrorCodes.ValueInvalid);
        }

        return list;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int AgeOn(DateOnly birth, DateOnly on)
    {
        // Completed years, the birthday itself counting.
        int age = on.Year - birth.Year;
        return (on.Month, on.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }
}
