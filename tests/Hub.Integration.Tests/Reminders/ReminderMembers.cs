using System.Globalization;
using Hub.Domain.Eligibility;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Reminders;

/// <summary>Synthetic members for reminder tests (valid check digits, never real people).</summary>
internal static class ReminderMembers
{
    private static int _next = 5000;

    /// <summary>A fresh synthetic My Number.</summary>
    public static MyNumber NewMyNumber()
    {
        var body = (80_000_000_000L + Interlocked.Increment(ref _next) * 7907L).ToString("D11", CultureInfo.InvariantCulture);
        return MyNumber.Parse(body + MyNumber.ComputeCheckDigit(body).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A unique employer code (also the 記号: at most 8 letters or digits).</summary>
    public static string NewEmployerCode() => "R" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    /// <summary>An insured person with a registered マイナ保険証 whose e-certificate expires on <paramref name="eCertExpiry"/>.</summary>
    public static SubmissionRecord Insured(string employer, string employeeId, DateOnly eCertExpiry, int row = 2) => new()
    {
        RowNumber = row,
        RecordType = RecordType.Insured,
        Action = SubmissionAction.Enroll,
        EmployerCode = employer,
        EmployeeId = employeeId,
        NameKanji = "鈴木 一郎",
        NameKana = "スズキ イチロウ",
        BirthDate = new DateOnly(1980, 6, 15),
        Sex = Sex.Male,
        Relationship = Relationship.Self,
        MyNumber = NewMyNumber(),
        QualificationDate = new DateOnly(2020, 4, 1),
        CardState = CardState.Registered,
        CardExpiryDate = new DateOnly(2034, 6, 15),
        EcertExpiryDate = eCertExpiry,
    };

    /// <summary>An insured person leaving Japan on <paramref name="departure"/>.</summary>
    public static SubmissionRecord Leaving(string employer, string employeeId, DateOnly departure, bool continuationFiled, Nationality nationality) =>
        Insured(employer, employeeId, new DateOnly(2030, 6, 15)) with
        {
            NameKanji = nationality == Nationality.Foreign ? "スミス ジョン" : "田中 花子",
            NameKana = nationality == Nationality.Foreign ? "スミス ジョン" : "タナカ ハナコ",
            Sex = nationality == Nationality.Foreign ? Sex.Male : Sex.Female,
            DepartureDate = departure,
            OverseasContinuationFiled = continuationFiled,
            Nationality = nationality,
        };
}
