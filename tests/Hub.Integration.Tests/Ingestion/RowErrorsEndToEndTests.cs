using System.Text;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Row-level codes, date forms, era boundaries and normalisation through the local host.</summary>
[Collection(IngestionCollection.Name)]
public sealed class RowErrorsEndToEndTests(IngestionAppFixture app)
{
    private const string Header =
        "record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,loss_date,card_state,";

    [Fact]
    public async Task Each_row_gets_exactly_its_own_code_and_the_good_rows_go_through()
    {
        var employer = await app.NewEmployerAsync("ROW");
        var shared = TestFiles.NewMyNumber();
        string R(string type, string action, string id, string name, string kana, string birth, string sex, string rel, string? number, string loss = "", string card = "none",
            string extra = "", string? employerCode = null) =>
            $"{type},{action},{employerCode ?? employer},{id},{name},{kana},{birth},{sex},{rel},{number ?? TestFiles.NewMyNumber()},2026-11-01,{loss},{card},{extra}";
        var rows = new (string Row, string? Code, string? Field)[]
        {
            (R("insured", "enroll", "A1", "山田 太郎", "ヤマダ タロウ", "1985-04-01", "1", "", null), null, null),
            (R("insured", "enroll", "A2", "", "ヤマダ ジロウ", "1985-04-01", "1", "", null), SubmissionErrorCodes.Required, "name_kanji"),
            (R("insured", "enroll", "A3", "山田 三郎", "ヤマダ サブロウ", "昨日", "1", "", null), SubmissionErrorCodes.DateInvalid, "birth_date"),
            (R("insured", "enroll", "A4", "山田 四郎", "ヤマダ シロウ", "平成1年1月7日", "1", "", null), SubmissionErrorCodes.EraInvalid, "birth_date"),
            (R("insured", "enroll", "A5", "山田 五郎", "ヤマダ ゴロウ", "2027-01-01", "1", "", null), SubmissionErrorCodes.DateOutOfRange, "birth_date"),
            (R("insured", "enroll", "A6", "山田 六郎", "Yamada", "1985-04-01", "1", "", null), SubmissionErrorCodes.KanaInvalid, "name_kana"),
            (R("insured", "enroll", "A7", "山田 七郎", "ヤマダ シチロウ", "1985-04-01", "3", "", null), SubmissionErrorCodes.SexInvalid, "sex"),
            (R("dependant", "add", "A1", "山田 友子", "ヤマダ トモコ", "1990-01-01", "2", "友人", null), SubmissionErrorCodes.RelationshipInvalid, "relationship"),
            (R("insured", "enroll", "A9", "山田 九郎", "ヤマダ クロウ", "1985-04-01", "1", "", null, employerCode: "X9999"), SubmissionErrorCodes.EmployerMismatch, "employer_code"),
            (R("dependant", "add", "A404", "山田 花子", "ヤマダ ハナコ", "1990-01-01", "2", "spouse", null), SubmissionErrorCodes.UnknownInsured, "employee_id"),
            (R("insured", "enroll", "A11", "山田 十一", "ヤマダ ジュウイチ", "1985-04-01", "1", "", "12345678901"), SubmissionErrorCodes.MyNumberFormat, "my_number"),
            (R("insured", "enroll", "A12", "山田 十二", "ヤマダ ジュウニ", "1985-04-01", "1", "", TestFiles.WrongCheckDigit()), SubmissionErrorCodes.MyNumberCheckDigit, "my_number"),
            (R("insured", "enroll", "A13", "山田 十三", "ヤマダ ジュウサン", "1985-04-01", "1", "", shared), SubmissionErrorCodes.MyNumberDuplicateInFile, "my_number"),
            (R("insured", "enroll", "A14", "山田 十四", "ヤマダ ジュウシ", "1985-04-01", "1", "", shared), SubmissionErrorCodes.MyNumberDuplicateInFile, "my_number"),
            (R("insured", "enroll", "A15", "山田 十五", "ヤマダ ジュウゴ", "1985-04-01", "1", "", null), SubmissionErrorCodes.InsuredDuplicateInFile, "employee_id"),
            (R("insured", "enroll", "A15", "山田 十五", "ヤマダ ジュウゴ", "1985-04-01", "1", "", null), SubmissionErrorCodes.InsuredDuplicateInFile, "employee_id"),
            (R("insured", "enroll", "A17", new string('長', 101), "ヤマダ", "1985-04-01", "1", "", null), SubmissionErrorCodes.FieldTooLong, "name_kanji"),
            (R("insured", "enroll", "A18", "山田 十八", "ヤマダ ジュウハチ", "1985-04-01", "1", "", null, card: "maybe"), SubmissionErrorCodes.ValueInvalid, "card_state"),
            (R("staff", "enroll", "A19", "山田 十九", "ヤマダ ジュウク", "1985-04-01", "1", "", null), SubmissionErrorCodes.RecordTypeInvalid, "record_type"),
            (R("insured", "add", "A20", "山田 二十", "ヤマダ ニジュウ", "1985-04-01", "1", "", null), SubmissionErrorCodes.ActionInvalid, "action"),
            (R("insured", "enroll", "A21", "山田 二一", "ヤマダ ニイチ", "1985-04-01", "1", "", null, loss: "2026-12-01"), SubmissionErrorCodes.FieldNotApplicable, "loss_date"),
            (R("insured", "enroll", "A22", "山田 二二", "ヤマダ ニニ", "1985-04-01", "1", "", null, extra: "迷子の値"), SubmissionErrorCodes.UnnamedColumnValue, null),
        };
        var text = Header + "\r\n" + string.Join("\r\n", rows.Select(r => r.Row)) + "\r\n";

        var submission = await app.IngestAsync(employer, "errors.csv", TestFiles.ShiftJis(text));

        Assert.Equal((SubmissionStatus.Completed, rows.Length, 1), (submission.Status, submission.Rows, submission.Accepted));
        var reported = (await app.ReportAsync(employer, submission.PartitionKey)).GetProperty("rows").EnumerateArray().ToList();
        for (var i = 0; i < rows.Length; i++)
        {
            var errors = reported[i].GetProperty("errors").EnumerateArray().ToList();
            Assert.Equal(i + 2, reported[i].GetProperty("row").GetInt32());
            if (rows[i].Code is null)
            {
                Assert.Empty(errors);
                continue;
            }

            var error = Assert.Single(errors);
            Assert.True(rows[i].Code == error.GetProperty("code").GetString(), $"row {i + 2}: expected {rows[i].Code}, got {error}");
            Assert.Equal(rows[i].Field, error.GetProperty("field").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message_ja").GetString()));
        }

        Assert.Equal([2], (await app.RegistrationsAsync(submission.PartitionKey)).Select(r => r.RowNumber));
        Assert.Equal(rows.Length, submission.Rows);
    }

    [Fact]
    public async Task Every_date_form_and_era_boundary_and_normalisation_arrives_as_the_same_typed_record()
    {
        var employer = await app.NewEmployerAsync("DAT");
        var numbers = new List<string>();
        var cases = new (string Birth, DateOnly? Expected)[]
        {
            ("1985-04-01", new DateOnly(1985, 4, 1)),
            ("1985/4/1", new DateOnly(1985, 4, 1)),
            ("19850401", new DateOnly(1985, 4, 1)),
            ("１９８５／４／１", new DateOnly(1985, 4, 1)),
            ("昭和60年4月1日", new DateOnly(1985, 4, 1)),
            ("S60.4.1", new DateOnly(1985, 4, 1)),
            ("5600401", new DateOnly(1985, 4, 1)),
            ("平成元年10月1日", new DateOnly(1989, 10, 1)),
            ("H1.10.1", new DateOnly(1989, 10, 1)),
            ("R6/12/2", new DateOnly(2024, 12, 2)),
            ("昭和64年1月7日", new DateOnly(1989, 1, 7)),
            ("平成1年1月8日", new DateOnly(1989, 1, 8)),
            ("平成31年4月30日", new DateOnly(2019, 4, 30)),
            ("令和元年5月1日", new DateOnly(2019, 5, 1)),
            ("昭和64年1月8日", null),
            ("平成31年5月1日", null),
            ("令和1年4月30日", null),
            ("7010107", null),
        };
        var rows = new List<string>();
        for (var i = 0; i < cases.Length; i++)
        {
            var number = TestFiles.NewMyNumber();
            numbers.Add(number);
            // Full-width employee ids, half-width kana, a spaced and hyphenated My Number, full-width spaces: all normalised.
            var shownNumber = i % 3 == 0 ? $"{number[..4]}-{number[4..8]}-{number[8..]}" : i % 3 == 1 ? $" {number[..4]} {number[4..8]} {number[8..]} " : number;
            var id = i % 2 == 0 ? $"Ｄ{i:D2}".Replace("0", "０", StringComparison.Ordinal).Replace("1", "１", StringComparison.Ordinal) : $"D{i:D2}";
            rows.Add($"insured,enroll,{employer},{id},佐藤　一郎,ｻﾄｳ ｲﾁﾛｳ,{cases[i].Birth},1,,{shownNumber},2026-11-01,,none,");
        }

        var submission = await app.IngestAsync(employer, "dates.csv", TestFiles.Utf8(Header + "\r\n" + string.Join("\r\n", rows), bom: true));

        var staged = new Dictionary<int, StagedRow>();
        await foreach (var row in app.App.Services.Storage.Table(HubStorage.Tables.StagedRows)
                           .QueryAsync<StagedRow>(TableClient.CreateQueryFilter($"PartitionKey eq {submission.PartitionKey}")))
            staged[row.RowNumber] = row;
        var reported = (await app.ReportAsync(employer, submission.PartitionKey)).GetProperty("rows").EnumerateArray().ToList();
        for (var i = 0; i < cases.Length; i++)
        {
            if (cases[i].Expected is { } expected)
            {
                var record = staged[i + 2].ReadRecord();
                Assert.True(expected == record.BirthDate, $"{cases[i].Birth}: {record.BirthDate}");
                Assert.Equal(($"D{i:D2}", "佐藤 一郎", "サトウ イチロウ"), (record.EmployeeId, record.NameKanji, record.NameKana));
                Assert.Equal(MyNumber.Parse(numbers[i]), await app.App.Services.MyNumbers.RevealAsync(staged[i + 2].ProtectedMyNumber!, new("test", "RowErrorsEndToEndTests", "verify")));
            }
            else
            {
                Assert.False(staged.ContainsKey(i + 2), cases[i].Birth);
                var code = reported[i].GetProperty("errors")[0].GetProperty("code").GetString();
                Assert.True(code is SubmissionErrorCodes.EraInvalid, $"{cases[i].Birth}: {code}");
            }
        }

        var csv = Encoding.UTF8.GetString(await app.ReportCsvAsync(employer, submission.PartitionKey));
        Assert.Contains("昭和64年1月8日", csv, StringComparison.Ordinal);
    }
}
