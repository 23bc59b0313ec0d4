using System.Globalization;
using Hub.Domain.Identifiers;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Members;

/// <summary>Synthetic rows and My Numbers (valid check digits, never real people).</summary>
internal static class MemberTestData
{
    private static int _next = 1000;

    /// <summary>A fresh synthetic My Number (11-digit body counted up, check digit computed).</summary>
    public static MyNumber NewMyNumber()
    {
        var body = (90_000_000_000L + Interlocked.Increment(ref _next) * 7919L).ToString("D11", CultureInfo.InvariantCulture);
        return MyNumber.Parse(body + MyNumber.ComputeCheckDigit(body).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A unique employer code (1–16 letters/digits; also the 記号, so at most 8 characters).</summary>
    public static string NewEmployerCode() => "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    /// <summary>An insured enrolment: registered マイナ保険証, e-certificate valid for years.</summary>
    public static SubmissionRecord Enroll(string employer, string employeeId, MyNumber? myNumber, int row = 2) => new()
    {
        RowNumber = row,
        RecordType = RecordType.Insured,
        Action = SubmissionAction.Enroll,
        EmployerCode = employer,
        EmployeeId = employeeId,
        NameKanji = "山田 太郎",
        NameKana = "ヤマダ タロウ",
        BirthDate = new DateOnly(1985, 4, 12),
        Sex = Sex.Male,
        Relationship = Relationship.Self,
        MyNumber = myNumber,
        QualificationDate = new DateOnly(2026, 10, 1),
        CardState = CardState.Registered,
        CardExpiryDate = new DateOnly(2032, 4, 12),
        EcertExpiryDate = new DateOnly(2029, 4, 12),
    };

    /// <summary>A dependant addition.</summary>
    public static SubmissionRecord AddDependant(string employer, string insuredEmployeeId, MyNumber? myNumber, Relationship relationship,
        string name, string kana, DateOnly birth, int row = 3) => new()
    {
        RowNumber = row,
        RecordType = RecordType.Dependant,
        Action = SubmissionAction.Add,
        EmployerCode = employer,
        EmployeeId = insuredEmployeeId,
        NameKanji = name,
        NameKana = kana,
        BirthDate = birth,
        Sex = Sex.Female,
        Relationship = relationship,
        MyNumber = myNumber,
        NoMyNumberReason = myNumber is null ? NoMyNumberReason.BornAbroad : null,
        QualificationDate = new DateOnly(2026, 10, 1),
        CardState = myNumber is null ? CardState.None : CardState.Registered,
        EcertExpiryDate = myNumber is null ? null : new DateOnly(2030, 1, 31),
    };

    /// <summary>An update row carrying only the identifying and required columns (everything else unchanged).</summary>
    public static SubmissionRecord Update(SubmissionRecord of, int row) => new()
    {
        RowNumber = row,
        RecordType = of.RecordType,
        Action = SubmissionAction.Update,
        EmployerCode = of.EmployerCode,
        EmployeeId = of.EmployeeId,
        NameKanji = of.NameKanji,
        NameKana = of.NameKana,
        BirthDate = of.BirthDate,
        Relationship = of.RecordType == RecordType.Dependant ? of.Relationship : null,
    };

    /// <summary>A withdrawal (資格喪失 / 非該当) on <paramref name="lossDate"/>.</summary>
    public static SubmissionRecord Withdraw(SubmissionRecord of, DateOnly lossDate, int row) => Update(of, row) with
    {
        Action = of.RecordType == RecordType.Insured ? SubmissionAction.Withdraw : SubmissionAction.Remove,
        LossDate = lossDate,
    };
}
