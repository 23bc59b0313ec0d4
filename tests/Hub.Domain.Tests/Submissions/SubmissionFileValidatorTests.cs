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
        Assert.Equal("employee_id", error.Column);
        Assert.Contains("「NEW1」", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependant_of_a_rejected_insured_row_is_UNKNOWN_INSURED_too()
    {
        var results = Validate(Insured("NEW1", TestRow.Number1).Set("name_kana", "yamada"), Dependant("NEW1", TestRow.Number2));
        Assert.Equal("KANA_INVALID", Assert.Single(results[0].Errors).Code);
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(results[1].Errors).Code);
    }

    [Fact]
    public void A_dependant_of_an_insured_row_rejected_for_a_duplicate_number_is_UNKNOWN_INSURED()
    {
        var results = Validate(Insured("NEW1", TestRow.Number1), Dependant("NEW1", TestRow.Number2), Insured("NEW2", TestRow.Number1));
        Assert.Equal("MYNUMBER_DUPLICATE_IN_FILE", Assert.Single(results[0].Errors).Code);
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(results[1].Errors).Code);
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
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(differ[1].Errors).Code);
    }

    [Fact]
    public void Only_an_enrolment_in_the_file_vouches_for_a_dependant()
    {
        // An update row for an unknown person is itself UNKNOWN_INSURED and enrols nobody.
        var results = Validate(TestRow.InsuredUpdate().Set("employee_id", "NEW1"), Dependant("NEW1", TestRow.Number2));
        var own = Assert.Single(results[0].Errors);
        Assert.Equal("UNKNOWN_INSURED", own.Code);
        Assert.Equal("UNKNOWN_INSURED.insured", own.MessageId);
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(results[1].Errors).Code);
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
        Assert.Equal("UNKNOWN_INSURED", Assert.Single(results[2].Errors).Code);
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
