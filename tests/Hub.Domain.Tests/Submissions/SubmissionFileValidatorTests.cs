using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public class SubmissionFileValidatorTests
{
    private static readonly string[] Header = [.. TestRow.InsuredEnroll().Header, "relationship", "insured_number", "no_my_number_reason", "loss_date"];

    private static string?[] Row(TestRow row)
    {
        var cells = new string?[Header.Length];
        for (int i = 0; i < row.Header.Count; i++)
        {
            cells[Array.IndexOf(Header, row.Header[i])] = row.Cells[i];
        }

        return cells;
    }

    private static IReadOnlyList<SubmissionRowResult> Validate(SubmissionValidationContext context, params TestRow[] rows) =>
        SubmissionFileValidator.ValidateAll(SubmissionHeader.Resolve(Header).Header!, context, rows.Select((r, i) => (i + 2, Row(r))));

    private static IReadOnlyList<SubmissionRowResult> Validate(params TestRow[] rows) => Validate(TestRow.Context(TestRow.RegisteredInsured), rows);

    private static TestRow Insured(string employeeId, string myNumber) => TestRow.InsuredEnroll().Set("employee_id", employeeId).Set("my_number", myNumber);

    private static TestRow Dependant(string employeeId, string myNumber) => TestRow.DependantAdd().Set("employee_id", employeeId).Set("my_number", myNumber);

    [Fact]
    public void Every_row_sharing_a_my_number_is_rejected_and_told_the_other_rows()
    {
        var results = Validate(
            Insured("A1", TestRow.Number1),
            Insured("A2", TestRow.Number2),
            Dependant(TestRow.RegisteredInsured, "1234 5678 9018"),
            Insured("A3", TestRow.Number3),
            Dependant(TestRow.RegisteredInsured, "１２３４５６７８９０１８"));

        Assert.Equal([false, true, false, true, false], results.Select(r => r.IsAccepted));
        foreach (var (row, others) in new[] { (0, "4, 6"), (2, "2, 6"), (4, "2, 4") })
        {
            var error = Assert.Single(results[row].Errors);
            Assert.Equal("MYNUMBER_DUPLICATE_IN_FILE", error.Code);
            Assert.Equal("my_number", error.Column);
            Assert.Contains($"row(s) {others} ", error.MessageEn, StringComparison.Ordinal);
            Assert.Contains(others.Replace(", ", "、", StringComparison.Ordinal) + "行目", error.MessageJa, StringComparison.Ordinal);
            Assert.DoesNotContain("9018", error.MessageJa + error.MessageEn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_row_with_other_errors_still_takes_part_in_duplicate_detection()
    {
        var results = Validate(Insured("A1", TestRow.Number1).Set("sex", "X"), Insured("A2", TestRow.Number1));
        Assert.Equal(["SEX_INVALID", "MYNUMBER_DUPLICATE_IN_FILE"], results[0].Errors.Select(e => e.Code));
        Assert.Equal("MYNUMBER_DUPLICATE_IN_FILE", Assert.Single(results[1].Errors).Code);
    }

    [Fact]
    public void A_dependant_of_an_insured_person_enrolled_in_the_same_file_is_accepted_whatever_the_order()
    {
        var results = Validate(Dependant("NEW1", TestRow.Number2), Insured("NEW1", TestRow.Number1));
        Assert.All(results, r => Assert.True(r.IsAccepted, string.Join(";", r.Errors.Select(e => e.MessageEn))));
    }

    [Fact]
    public void A_dependant_whose_insured_person_is_neither_registered_nor_accepted_is_UNKNOWN_INSURED()
    {
        var results = Validate(Dependant("NEW1", TestRow.Number2));
        var error = Assert.Single(results[0].Errors);
        Assert.Equal("UNKNOWN_INSURED", error.Code);
        Assert.Equal("UNKNOWN_INSURED", error.MessageId); // no insured row in the file: nothing more to point at
        Assert.Equal("employee_id", error.Column);
        Assert.Contains("「NEW1」", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependant_of_a_rejected_insured_row_is_UNKNOWN_INSURED_too()
    {
        var results = Validate(Insured("NEW1", TestRow.Number1).Set("name_kana", "yamada"), Dependant("NEW1", TestRow.Number2));
        Assert.Equal("KANA_INVALID", Assert.Single(results[0].Errors).Code);
        var error = Assert.Single(results[1].Errors);
        Assert.Equal(("UNKNOWN_INSURED", "UNKNOWN_INSURED.insured_row", "employee_id"), (error.Code, error.MessageId, error.Column));
        Assert.Contains("（2行目の被保険者の行にエラーがあるため）", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("(row 2, the insured person's row, has errors)", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("「NEW1」", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void The_insured_row_is_named_whichever_comes_first()
    {
        var results = Validate(Dependant("NEW1", TestRow.Number2), TestRow.DependantAdd().Set("employee_id", "NEW1").Set("my_number", TestRow.Number3),
            Insured("NEW1", TestRow.Number1).Set("birth_date", "2030-01-01"));
        Assert.All(results.Take(2), r => Assert.Contains("(row 4, the insured person's row, has errors)", Assert.Single(r.Errors).MessageEn, StringComparison.Ordinal));
    }

    [Fact]
    public void A_dependant_of_an_insured_row_rejected_for_a_duplicate_number_is_UNKNOWN_INSURED()
    {
        var results = Validate(Insured("NEW1", TestRow.Number1), Dependant("NEW1", TestRow.Number2), Insured("NEW2", TestRow.Number1));
        Assert.Equal("MYNUMBER_DUPLICATE_IN_FILE", Assert.Single(results[0].Errors).Code);
        var error = Assert.Single(results[1].Errors);
        Assert.Equal("UNKNOWN_INSURED.insured_row", error.MessageId);
        Assert.Contains("（2行目の被保険者の行にエラーがあるため）", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_insured_person_keeps_their_dependants_valid_even_if_their_own_row_fails()
    {
        var results = Validate(TestRow.InsuredUpdate().Set("sex", "X"), Dependant(TestRow.RegisteredInsured, TestRow.Number2));
        Assert.False(results[0].IsAccepted);
        Assert.True(results[1].IsAccepted);
    }

    [Fact]
    public void Insured_numbers_must_agree_between_a_dependant_and_the_enrolling_row()
    {
        var agree = Validate(Insured("NEW1", TestRow.Number1).Set("insured_number", "0042"), Dependant("NEW1", TestRow.Number2).Set("insured_number", "42"));
        Assert.All(agree, r => Assert.True(r.IsAccepted));
        var open = Validate(Insured("NEW1", TestRow.Number1), Dependant("NEW1", TestRow.Number2).Set("insured_number", "42"));
        Assert.All(open, r => Assert.True(r.IsAccepted));
        var differ = Validate(Insured("NEW1", TestRow.Number1).Set("insured_number", "41"), Dependant("NEW1", TestRow.Number2).Set("insured_number", "42"));
        Assert.True(differ[0].IsAccepted);
        // The insured row is fine; the dependant names another 番号, so no row is blamed.
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(differ[1].Errors).MessageId);
    }

    [Fact]
    public void Only_an_enrolment_in_the_file_vouches_for_a_dependant()
    {
        // An update row for an unknown person is itself UNKNOWN_INSURED and enrols nobody.
        var results = Validate(TestRow.InsuredUpdate().Set("employee_id", "NEW1"), Dependant("NEW1", TestRow.Number2));
        var own = Assert.Single(results[0].Errors);
        Assert.Equal("UNKNOWN_INSURED", own.Code);
        Assert.Equal("UNKNOWN_INSURED.insured", own.MessageId);
        var dependant = Assert.Single(results[1].Errors);
        Assert.Equal("UNKNOWN_INSURED.insured_row", dependant.MessageId);
        Assert.Contains("(row 2,", dependant.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdrawing_an_unregistered_insured_person_is_UNKNOWN_INSURED()
    {
        var results = Validate(TestRow.InsuredWithdraw().Set("employee_id", "GONE"));
        Assert.Equal("UNKNOWN_INSURED.insured", Assert.Single(results[0].Errors).MessageId);
    }

    [Fact]
    public void Every_insured_row_sharing_an_employee_id_is_rejected()
    {
        var results = Validate(Insured("A1", TestRow.Number1), Insured("A1", TestRow.Number2).Set("action", "update"), Dependant("A1", TestRow.Number3));
        var first = Assert.Single(results[0].Errors);
        Assert.Equal("INSURED_DUPLICATE_IN_FILE", first.Code);
        Assert.Contains("row(s) 3 ", first.MessageEn, StringComparison.Ordinal);
        Assert.Equal(["INSURED_DUPLICATE_IN_FILE", "UNKNOWN_INSURED"], results[1].Errors.Select(e => e.Code));
        var dependant = Assert.Single(results[2].Errors);
        Assert.Equal("UNKNOWN_INSURED.insured_row", dependant.MessageId);
        Assert.Contains("（2、3行目の被保険者の行にエラーがあるため）", dependant.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accepted_update_of_a_registered_insured_person_is_not_blamed_for_a_dependant()
    {
        // The insured row is accepted; the dependant's 番号 is not the registered person's, so it is unknown on its own.
        var context = new SubmissionValidationContext(TestRow.Employer, TestRow.Today, r => r.EmployeeId == "R1" && r.InsuredNumber is null or "7");
        var results = Validate(context, TestRow.InsuredUpdate().Set("employee_id", "R1"), Dependant("R1", TestRow.Number2).Set("insured_number", "8"));
        Assert.True(results[0].IsAccepted);
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(results[1].Errors).MessageId);
    }

    [Fact]
    public void Rejected_rows_still_say_who_they_are_about_when_that_could_be_read()
    {
        var results = Validate(Insured("A9", TestRow.Number1).Set("sex", "X"), TestRow.DependantAdd().Set("record_type", "?").Set("employee_id", "A9\u0001"),
            Dependant(TestRow.RegisteredInsured, TestRow.Number2).Set("action", "enroll"));
        Assert.Equal(("A9", RecordType.Insured, SubmissionAction.Enroll), (results[0].EmployeeId, results[0].RecordType, results[0].Action));
        Assert.Equal((null, null, null), (results[1].EmployeeId, results[1].RecordType, results[1].Action));
        Assert.Equal((TestRow.RegisteredInsured, RecordType.Dependant, (SubmissionAction?)null), (results[2].EmployeeId, results[2].RecordType, results[2].Action));
        Assert.All(results, r => Assert.False(r.IsAccepted));
    }

    [Fact]
    public void Several_dependants_of_one_insured_person_are_fine()
    {
        var results = Validate(Dependant(TestRow.RegisteredInsured, TestRow.Number1), Dependant(TestRow.RegisteredInsured, TestRow.Number2));
        Assert.All(results, r => Assert.True(r.IsAccepted));
    }

    [Fact]
    public void The_lookup_receives_the_upload_folders_employer_and_the_rows_numbers()
    {
        var seen = new List<InsuredReference>();
        var context = new SubmissionValidationContext("e0001", TestRow.Today, r =>
        {
            seen.Add(r);
            return true;
        });
        Validate(context, Dependant("X9", TestRow.Number2).Set("insured_number", "00077"));
        Assert.Equal(new InsuredReference("E0001", "X9", "77"), Assert.Single(seen));
    }

    [Fact]
    public void The_passes_must_run_in_order()
    {
        var validator = new SubmissionFileValidator(SubmissionHeader.Resolve(Header).Header!, TestRow.Context());
        Assert.False(validator.IsCollectionComplete);
        Assert.Throws<InvalidOperationException>(() => validator.Validate(2, Row(TestRow.InsuredEnroll())));
        validator.Collect(2, Row(TestRow.InsuredEnroll()));
        Assert.Equal(1, validator.CollectedRows);
        validator.CompleteCollection();
        Assert.True(validator.IsCollectionComplete);
        Assert.Throws<InvalidOperationException>(() => validator.Collect(3, Row(TestRow.InsuredEnroll())));
        Assert.True(validator.Validate(2, Row(TestRow.InsuredEnroll())).IsAccepted);
    }

    [Fact]
    public void Pass_two_reads_fresh_copies_of_the_rows_as_a_re_read_stream_would()
    {
        var header = SubmissionHeader.Resolve(Header).Header!;
        IEnumerable<(int, string?[])> Stream()
        {
            yield return (2, Row(Insured("NEW1", TestRow.Number1)));
            yield return (3, Row(Dependant("NEW1", TestRow.Number2)));
        }

        var results = SubmissionFileValidator.ValidateAll(header, TestRow.Context(), Stream());
        Assert.Equal([2, 3], results.Select(r => r.RowNumber));
        Assert.All(results, r => Assert.True(r.IsAccepted));
    }
}
