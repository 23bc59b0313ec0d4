using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Submissions;
using Hub.Domain.Tests.Generators;

namespace Hub.Domain.Tests.Submissions;

public class SubmissionPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void Property_every_generated_valid_row_is_accepted_as_the_expected_record()
    {
        Prop.ForAll(SubmissionRowGenerator.ValidRowArbitrary, row =>
        {
            var result = row.ValidateAsFile();
            if (!result.IsAccepted)
            {
                throw new Xunit.Sdk.XunitException($"{row}\n  rejected: {string.Join("; ", result.Errors.Select(e => $"{e.Code} {e.Column}: {e.MessageEn}"))}");
            }

            if (result.Record != row.Expected)
            {
                throw new Xunit.Sdk.XunitException($"{row}\n  expected {row.Expected}\n  actual   {result.Record}");
            }

            // The single-row validator agrees (no cross-row rule can fire on one row).
            var alone = new SubmissionRowValidator(row.ResolveHeader(), row.Context()).Validate(GeneratedRow.RowNumber, row.Cells.ToArray());
            return alone.IsAccepted && alone.Record == row.Expected;
        }).Check(Config);
    }

    [Fact]
    public void Property_corrupting_one_field_yields_exactly_that_fields_code()
    {
        Prop.ForAll(SubmissionRowCorruptions.CorruptedRows.ToArbitrary(), pair =>
        {
            var (row, corruption) = pair;
            var corrupted = corruption.Apply(row);
            var result = corrupted.ValidateAsFile();
            string expectedColumn = corruption.Column is { } c ? SubmissionColumnCatalog.Get(c).Name : "(row)";
            bool ok = !result.IsAccepted && result.Errors.Count == 1
                && result.Errors[0].Code == corruption.ExpectedCode
                && (result.Errors[0].Column ?? "(row)") == expectedColumn;
            if (!ok)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{corrupted}\n  corruption: {corruption}\n  errors: {string.Join("; ", result.Errors.Select(e => $"{e.Code} {e.Column}: {e.MessageEn}"))}");
            }

            return true;
        }).Check(Config);
    }

    [Fact]
    public void Every_corruption_of_some_rows_is_exercised()
    {
        // The random pick above covers corruptions unevenly; here every corruption of 300 rows is checked.
        for (int seed = 0; seed < 300; seed++)
        {
            var row = SubmissionRowGenerator.Build(seed);
            foreach (var corruption in SubmissionRowCorruptions.For(row))
            {
                var result = corruption.Apply(row).ValidateAsFile();
                var error = Assert.Single(result.Errors);
                Assert.True(error.Code == corruption.ExpectedCode, $"{row}\n{corruption}: got {error.Code} {error.Column} {error.MessageEn}");
                Assert.Equal(corruption.Column is { } c ? SubmissionColumnCatalog.Get(c).Name : null, error.Column);
            }
        }
    }

    [Fact]
    public void Property_no_message_ever_contains_a_my_number()
    {
        Prop.ForAll(SubmissionRowCorruptions.CorruptedRows.ToArbitrary(), pair =>
        {
            var (row, corruption) = pair;
            if (row.Expected.MyNumber is not { } number)
            {
                return true;
            }

            string digits = number.RevealDigits();
            var result = corruption.Apply(row).ValidateAsFile();
            return result.Errors.All(e => !e.MessageJa.Contains(digits[..8], StringComparison.Ordinal)
                && !e.MessageEn.Contains(digits[..8], StringComparison.Ordinal)
                && !e.MessageEn.Contains(digits[4..], StringComparison.Ordinal));
        }).Check(Config);
    }

    [Fact]
    public void Property_a_generated_file_is_accepted_row_by_row()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(1, 60)).ToArbitrary(), input =>
        {
            var file = SubmissionRowGenerator.BuildFile(input.Item1, input.Item2);
            var results = file.Validate();
            for (int i = 0; i < results.Count; i++)
            {
                if (!results[i].IsAccepted || results[i].Record != file.Rows[i].Expected)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"seed {file.Seed}, row {file.Rows[i].RowNumber}: {string.Join("; ", results[i].Errors.Select(e => $"{e.Code} {e.Column}: {e.MessageEn}"))}\n  expected {file.Rows[i].Expected}\n  actual {results[i].Record}");
                }
            }

            return true;
        }).Check(Config.WithMaxTest(300));
    }

    [Fact]
    public void Property_copying_a_my_number_into_another_row_rejects_both_and_the_dependants_of_either()
    {
        var inputs = Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(2, 40)).Zip(Gen.Choose(0, int.MaxValue));
        Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            var ((seed, count), pick) = input;
            var file = SubmissionRowGenerator.BuildFile(seed, count);
            var withNumber = file.Rows.Select((row, index) => (row, index)).Where(x => x.row.Expected.MyNumber is not null).ToList();
            if (withNumber.Count < 2)
            {
                return true;
            }

            int n = withNumber.Count;
            int a = pick % n;
            int b = (a + 1 + (pick / n % (n - 1))) % n; // any other row
            var (source, target) = (withNumber[a], withNumber[b]);
            var header = SubmissionHeader.Resolve(file.Header).Header!;
            int position = header.PositionOf(SubmissionColumn.MyNumber);
            var rows = file.Rows.Select(r => (r.RowNumber, Cells: (string?[])r.Cells.Clone())).ToList();
            rows[target.index].Cells[position] = source.row.Expected.MyNumber!.Value.RevealDigits();

            // Insured enrolments now rejected take the dependants that rely on them along.
            var lostInsured = new[] { source.row.Expected, target.row.Expected }
                .Where(e => e is { RecordType: RecordType.Insured, Action: SubmissionAction.Enroll })
                .Select(e => e.EmployeeId).ToHashSet();

            var results = SubmissionFileValidator.ValidateAll(header, file.Context(), rows);
            for (int i = 0; i < results.Count; i++)
            {
                var expected = file.Rows[i].Expected;
                var codes = new List<string>();
                if (expected.RecordType == RecordType.Dependant && lostInsured.Contains(expected.EmployeeId))
                {
                    codes.Add("UNKNOWN_INSURED"); // employee_id comes before my_number
                }

                if (i == source.index || i == target.index)
                {
                    codes.Add("MYNUMBER_DUPLICATE_IN_FILE");
                }

                if (!results[i].Errors.Select(e => e.Code).SequenceEqual(codes))
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}, rows {source.row.RowNumber}/{target.row.RowNumber}, row {rows[i].RowNumber}: expected [{string.Join(", ", codes)}], got [{string.Join(", ", results[i].Errors.Select(e => e.Code))}]");
                }
            }

            return true;
        }).Check(Config.WithMaxTest(300));
    }
}
