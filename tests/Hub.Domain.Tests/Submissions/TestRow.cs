using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

/// <summary>A hand-written row for table tests: starts valid, then single cells are changed.</summary>
internal sealed class TestRow
{
    public static readonly DateOnly Today = new(2026, 11, 21);
    public const string Employer = "E0001";
    public const string RegisteredInsured = "A001";

    /// <summary>Synthetic My Numbers with valid check digits.</summary>
    public const string Number1 = "123456789018";
    public const string Number2 = "987654321093";
    public const string Number3 = "111111111118";

    private readonly List<string> _header = [];
    private readonly List<string?> _cells = [];

    public static TestRow InsuredEnroll() => new TestRow()
        .Set("record_type", "insured").Set("action", "enroll").Set("employer_code", Employer).Set("employee_id", "A100")
        .Set("name_kanji", "山田 太郎").Set("name_kana", "ヤマダ タロウ").Set("birth_date", "1985-04-01").Set("sex", "1")
        .Set("my_number", Number1).Set("qualification_date", "2026-04-01").Set("card_state", "registered");

    public static TestRow InsuredUpdate() => new TestRow()
        .Set("record_type", "insured").Set("action", "update").Set("employer_code", Employer).Set("employee_id", RegisteredInsured)
        .Set("name_kanji", "山田 太郎").Set("name_kana", "ヤマダ タロウ").Set("birth_date", "1985-04-01");

    public static TestRow InsuredWithdraw() => InsuredUpdate().Set("action", "withdraw").Set("loss_date", "2026-10-01");

    public static TestRow DependantAdd() => new TestRow()
        .Set("record_type", "dependant").Set("action", "add").Set("employer_code", Employer).Set("employee_id", RegisteredInsured)
        .Set("name_kanji", "山田 花子").Set("name_kana", "ヤマダ ハナコ").Set("birth_date", "2015-06-15").Set("sex", "2")
        .Set("relationship", "child").Set("my_number", Number2).Set("qualification_date", "2026-04-01").Set("card_state", "none");

    public static TestRow DependantUpdate() => new TestRow()
        .Set("record_type", "dependant").Set("action", "update").Set("employer_code", Employer).Set("employee_id", RegisteredInsured)
        .Set("name_kanji", "山田 花子").Set("name_kana", "ヤマダ ハナコ").Set("birth_date", "2015-06-15");

    public static TestRow DependantRemove() => DependantUpdate().Set("action", "remove").Set("loss_date", "2026-10-01");

    public static TestRow For(RecordType recordType, SubmissionAction action) => (recordType, action) switch
    {
        (RecordType.Insured, SubmissionAction.Enroll) => InsuredEnroll(),
        (RecordType.Insured, SubmissionAction.Update) => InsuredUpdate(),
        (RecordType.Insured, SubmissionAction.Withdraw) => InsuredWithdraw(),
        (RecordType.Dependant, SubmissionAction.Add) => DependantAdd(),
        (RecordType.Dependant, SubmissionAction.Update) => DependantUpdate(),
        _ => DependantRemove(),
    };

    /// <summary>Sets a cell, adding the column to the header when it is new.</summary>
    public TestRow Set(string column, string? value)
    {
        int i = _header.IndexOf(column);
        if (i < 0)
        {
            _header.Add(column);
            _cells.Add(value);
        }
        else
        {
            _cells[i] = value;
        }

        return this;
    }

    public TestRow Without(string column)
    {
        int i = _header.IndexOf(column);
        _header.RemoveAt(i);
        _cells.RemoveAt(i);
        return this;
    }

    public IReadOnlyList<string> Header => _header;

    public string?[] Cells => [.. _cells];

    public static SubmissionValidationContext Context(params string[] registered) =>
        new(Employer, Today, r => registered.Contains(r.EmployeeId));

    /// <summary>Validates as a one-row file (both passes); <see cref="RegisteredInsured"/> is registered.</summary>
    public SubmissionRowResult Validate() => ValidateWith(Context(RegisteredInsured));

    public SubmissionRowResult ValidateWith(SubmissionValidationContext context) =>
        SubmissionFileValidator.ValidateAll(SubmissionHeader.Resolve(_header).Header!, context, [(2, Cells)])[0];

    /// <summary>The single error of a rejected row (fails when there is not exactly one).</summary>
    public SubmissionError SingleError()
    {
        var result = Validate();
        return Assert.Single(result.Errors);
    }

    public SubmissionRecord Accepted()
    {
        var result = Validate();
        Assert.True(result.IsAccepted, string.Join("\n", result.Errors.Select(e => $"{e.Code} {e.Column}: {e.MessageEn}")));
        return result.Record!;
    }
}
