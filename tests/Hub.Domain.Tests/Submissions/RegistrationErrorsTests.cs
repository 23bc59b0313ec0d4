using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

/// <summary>What the registration result tells the employer about a row registration refused (or has not finished).</summary>
public class RegistrationErrorsTests
{
    private static SubmissionRecord Insured(string? insuredNumber = "1234", string? branch = null) => new()
    {
        RowNumber = 5,
        RecordType = RecordType.Insured,
        Action = SubmissionAction.Enroll,
        EmployerCode = "E0001",
        EmployeeId = "A100",
        InsuredNumber = insuredNumber,
        BranchNumber = branch,
        NameKanji = "山田 太郎",
        NameKana = "ヤマダ タロウ",
        BirthDate = new DateOnly(1985, 4, 1),
        MyNumber = MyNumber.Parse(TestRow.Number1),
    };

    private static SubmissionRecord Dependant(string? branch = "03") => Insured(null, branch) with
    {
        RecordType = RecordType.Dependant,
        Action = SubmissionAction.Update,
        NameKanji = "山田 花子",
        NameKana = "ヤマダ ハナコ",
    };

    public static TheoryData<string, bool, string, string?, string, string> Cases => new()
    {
        // code, dependant?, message id, field, a Japanese fragment, an English fragment
        { "MYNUMBER_BELONGS_TO_OTHER_MEMBER", false, "MYNUMBER_BELONGS_TO_OTHER_MEMBER", "my_number", "別の加入者に登録", "another member" },
        { "MEMBER_NOT_FOUND", false, "MEMBER_NOT_FOUND", "employee_id", "社員番号「A100」の被保険者は登録されていない", "employee_id 'A100'" },
        { "MEMBER_NOT_FOUND", true, "MEMBER_NOT_FOUND.dependant", "action", "この被扶養者は登録されていない", "use action add" },
        { "INSURED_NUMBER_MISMATCH", false, "INSURED_NUMBER_MISMATCH", "insured_number", "被保険者番号「1234」が、社員番号「A100」", "insured_number '1234'" },
        { "INSURED_NUMBER_TAKEN", false, "INSURED_NUMBER_TAKEN", "insured_number", "被保険者番号「1234」は既に別の被保険者", "Insured number '1234'" },
        { "BRANCH_NUMBER_TAKEN", true, "BRANCH_NUMBER_TAKEN", "branch_number", "枝番「03」", "Branch number '03'" },
        { "BRANCH_NUMBERS_EXHAUSTED", true, "BRANCH_NUMBERS_EXHAUSTED", "branch_number", "枝番が残っていない", "No branch number is left" },
        { "UNKNOWN_INSURED", true, "UNKNOWN_INSURED.registration", "employee_id", "社員番号「A100」の被保険者が登録されていないか、既に資格を喪失", "not registered or no longer insured" },
        { "EMPLOYER_NOT_REGISTERED", false, "EMPLOYER_NOT_REGISTERED.registration", "employer_code", "事業所「E0001」の登録", "Employer 'E0001' was removed" },
        { "SOMETHING_NEW", false, "REGISTRATION_REFUSED", null, "理由コード SOMETHING_NEW", "reason code SOMETHING_NEW" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_registration_code_becomes_a_clear_error_on_its_field(string code, bool dependant, string messageId, string? field, string ja, string en)
    {
        var error = RegistrationErrors.ForRejection(code, dependant ? Dependant() : Insured());
        Assert.Equal((messageId, field, 5), (error.MessageId, error.Column, error.Row));
        Assert.Equal(messageId.Split('.')[0], error.Code);
        Assert.Contains(ja, error.MessageJa, StringComparison.Ordinal);
        Assert.Contains(en, error.MessageEn, StringComparison.Ordinal);
        // A message never quotes the My Number, not even in part.
        Assert.DoesNotContain(TestRow.Number1[^4..], error.MessageJa + error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_registration_gives_is_in_the_catalogue_with_registration_among_its_scopes()
    {
        foreach (var code in new[] { "MYNUMBER_BELONGS_TO_OTHER_MEMBER", "MEMBER_NOT_FOUND", "INSURED_NUMBER_MISMATCH", "INSURED_NUMBER_TAKEN",
                     "BRANCH_NUMBER_TAKEN", "BRANCH_NUMBERS_EXHAUSTED", "UNKNOWN_INSURED", "EMPLOYER_NOT_REGISTERED", "REGISTRATION_REFUSED", "REGISTRATION_PENDING" })
            Assert.Contains(SubmissionErrorScope.Registration, SubmissionErrorCatalog.Get(code).Scopes);
        Assert.Equal([SubmissionErrorScope.Row, SubmissionErrorScope.Registration], SubmissionErrorCatalog.Get("UNKNOWN_INSURED").Scopes);
        Assert.Equal([SubmissionErrorScope.File, SubmissionErrorScope.Registration], SubmissionErrorCatalog.Get("EMPLOYER_NOT_REGISTERED").Scopes);
        Assert.Equal([SubmissionErrorScope.Row], SubmissionErrorCatalog.Get("REQUIRED").Scopes);
    }

    [Fact]
    public void A_dependant_whose_insured_row_was_not_registered_is_told_which_row()
    {
        var error = RegistrationErrors.ForRejection("UNKNOWN_INSURED", Dependant(), insuredRowNotRegistered: 3);
        Assert.Equal(("UNKNOWN_INSURED", "UNKNOWN_INSURED.registration_row", "employee_id"), (error.Code, error.MessageId, error.Column));
        Assert.Contains("（3行目の被保険者の行が登録できなかったため）", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("(row 3, the insured person's row, was not registered)", error.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSURED_NUMBER_MISMATCH")]
    [InlineData("INSURED_NUMBER_TAKEN")]
    [InlineData("BRANCH_NUMBER_TAKEN")]
    [InlineData(null)]
    [InlineData("")]
    public void Without_the_value_a_message_would_quote_it_falls_back_to_REGISTRATION_REFUSED_naming_the_code(string? code)
    {
        var error = RegistrationErrors.ForRejection(code, Insured(insuredNumber: null, branch: null));
        Assert.Equal("REGISTRATION_REFUSED", error.Code);
        Assert.Contains($"理由コード {(string.IsNullOrEmpty(code) ? "?" : code)}", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_any_code_on_any_row_gives_a_complete_catalogued_error_on_that_row_without_the_my_number()
    {
        var codes = Gen.OneOf(
            Gen.Elements(SubmissionErrorCatalog.All.Select(d => d.Code).ToArray()),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));
        var rows = from row in Gen.Choose(2, 1_000_000)
                   from dependant in ArbMap.Default.GeneratorFor<bool>()
                   from number in Gen.Elements<string?>(null, "1", "0001234", "9999999999")
                   from branch in Gen.Elements<string?>(null, "00", "01", "99")
                   from employee in Gen.Elements("A1", "社員-001", "=1+2", "x\u202Ey")
                   from insuredRow in Gen.Elements<int?>(null, 2, 17)
                   select (Record: (dependant ? Dependant(branch) : Insured(number, branch)) with { RowNumber = row, EmployeeId = employee, InsuredNumber = number },
                       InsuredRow: insuredRow);
        Prop.ForAll(codes.ToArbitrary(), rows.ToArbitrary(), (code, r) =>
        {
            var error = RegistrationErrors.ForRejection(code, r.Record, r.InsuredRow);
            var definition = SubmissionErrorCatalog.Get(error.Code);
            return error.Row == r.Record.RowNumber
                && definition.Scopes.Contains(SubmissionErrorScope.Registration)
                && (error.Code == code || error.Code == SubmissionErrorCodes.RegistrationRefused)
                && !error.MessageJa.Contains('{') && !error.MessageEn.Contains('{')
                && !error.MessageJa.Contains('\u202E') && !error.MessageEn.Contains('\u202E')
                && !(error.MessageJa + error.MessageEn).Contains(TestRow.Number1[^6..], StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void An_unknown_code_is_quoted_safely()
    {
        var error = RegistrationErrors.ForRejection("BAD\u202ECODE", Insured());
        Assert.Contains("BAD?CODE", error.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, "24時間", "24 hours")]
    [InlineData(48, "48時間", "48 hours")]
    [InlineData(0.1, "1時間", "1 hours")]
    public void A_pending_row_says_ops_are_investigating_and_the_file_will_be_updated(double hours, string ja, string en)
    {
        var error = RegistrationErrors.Pending(9, TimeSpan.FromHours(hours));
        Assert.Equal(("REGISTRATION_PENDING", 9, (string?)null), (error.Code, error.Row, error.Column));
        Assert.Contains($"受付から{ja}以内に完了しなかった", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("原因を調査しています", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("再提出は不要", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains($"within {en} of receipt", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("will be updated", error.MessageEn, StringComparison.Ordinal);
    }
}
