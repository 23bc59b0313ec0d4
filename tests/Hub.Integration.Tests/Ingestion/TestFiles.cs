using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Identifiers;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Small submission files for tests: a fixed header, rows as text, and encodings.</summary>
public static class TestFiles
{
    /// <summary>The header of <see cref="Csv"/> files (canonical names).</summary>
    public const string Header = "record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,card_state";

    private static long _body = 31_000_000_000;

    /// <summary>A fresh synthetic My Number (valid check digit), as 12 digits.</summary>
    public static string NewMyNumber() => MyNumber.FromBody(Interlocked.Increment(ref _body)).RevealDigits();

    /// <summary>A My Number with a wrong check digit.</summary>
    public static string WrongCheckDigit()
    {
        var valid = NewMyNumber();
        return valid[..11] + (char)('0' + ((valid[11] - '0' + 1) % 10));
    }

    /// <summary>A file of <see cref="Header"/> and rows, CRLF-separated.</summary>
    public static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    /// <summary>An insured person's enrolment row.</summary>
    public static string Insured(string employer, string employeeId, string? myNumber = null, string name = "山田 太郎", string kana = "ヤマダ タロウ",
        string birth = "1985-04-01", string card = "registered") =>
        $"insured,enroll,{employer},{employeeId},{name},{kana},{birth},1,,{myNumber ?? NewMyNumber()},2026-11-01,{card}";

    /// <summary>A dependant's row (spouse by default).</summary>
    public static string Dependant(string employer, string insuredEmployeeId, string? myNumber = null, string name = "山田 花子", string kana = "ヤマダ ハナコ",
        string birth = "1987-06-01", string relationship = "spouse") =>
        $"dependant,add,{employer},{insuredEmployeeId},{name},{kana},{birth},2,{relationship},{myNumber ?? NewMyNumber()},2026-11-01,none";

    /// <summary>UTF-8 bytes, with or without BOM.</summary>
    public static byte[] Utf8(string text, bool bom = false) => bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Shift_JIS (CP932) bytes.</summary>
    public static byte[] ShiftJis(string text) => TextEncodings.ShiftJis.GetBytes(text);
}
