using System.Text.RegularExpressions;
using Hub.Domain.Dates;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public partial class SubmissionColumnCatalogTests
{
    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_column_is_defined_once_in_enum_order_with_a_snake_case_name()
    {
        var columns = Enum.GetValues<SubmissionColumn>();
        Assert.Equal(columns.Length, SubmissionColumnCatalog.Count);
        Assert.Equal(columns, SubmissionColumnCatalog.All.Select(d => d.Column));
        foreach (var column in columns)
        {
            var d = SubmissionColumnCatalog.Get(column);
            Assert.Matches(SnakeCase(), d.Name);
            Assert.False(string.IsNullOrWhiteSpace(d.LabelJa));
            Assert.False(string.IsNullOrWhiteSpace(d.DescriptionJa));
            Assert.False(string.IsNullOrWhiteSpace(d.DescriptionEn));
            Assert.True(d.MaxLength > 0);
        }

        Assert.Equal(columns.Length, SubmissionColumnCatalog.All.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void Every_name_label_and_alias_resolves_to_its_column()
    {
        foreach (var d in SubmissionColumnCatalog.All)
        {
            foreach (string name in d.Aliases.Append(d.LabelJa).Append(d.Name).Append(d.Name.ToUpperInvariant()))
            {
                Assert.True(SubmissionColumnCatalog.TryMatchHeader(name, out var column), name);
                Assert.Equal(d.Column, column);
            }
        }
    }

    [Theory]
    [InlineData("個人番号", SubmissionColumn.MyNumber)]
    [InlineData("マイナンバー", SubmissionColumn.MyNumber)]
    [InlineData("My Number", SubmissionColumn.MyNumber)]
    [InlineData("MY-NUMBER", SubmissionColumn.MyNumber)]
    [InlineData("ｍｙ＿ｎｕｍｂｅｒ", SubmissionColumn.MyNumber)]
    [InlineData("個人番号(必須)", SubmissionColumn.MyNumber)]
    [InlineData("個人番号（必須）", SubmissionColumn.MyNumber)]
    [InlineData("個人番号*", SubmissionColumn.MyNumber)]
    [InlineData("生年月日※", SubmissionColumn.BirthDate)]
    [InlineData("note", SubmissionColumn.Note)]
    [InlineData("氏名（カナ）", SubmissionColumn.NameKana)]
    [InlineData("事業所記号", SubmissionColumn.EmployerCode)]
    [InlineData("被保険者番号", SubmissionColumn.InsuredNumber)]
    [InlineData("続柄", SubmissionColumn.Relationship)]
    [InlineData("資格取得年月日", SubmissionColumn.QualificationDate)]
    [InlineData("認定年月日", SubmissionColumn.QualificationDate)]
    [InlineData("非該当年月日", SubmissionColumn.LossDate)]
    [InlineData("電子証明書有効期限", SubmissionColumn.EcertExpiryDate)]
    [InlineData("国外継続利用申請", SubmissionColumn.OverseasContinuationFiled)]
    [InlineData("資格確認書交付申請", SubmissionColumn.CertificateRequest)]
    [InlineData("一部負担金の割合", SubmissionColumn.CopayRatio)]
    public void Japanese_aliases_and_spelling_variants_match(string header, SubmissionColumn expected)
    {
        Assert.True(SubmissionColumnCatalog.TryMatchHeader(header, out var column));
        Assert.Equal(expected, column);
    }

    [Fact]
    public void The_header_must_carry_the_columns_every_row_needs()
    {
        var required = SubmissionColumnCatalog.All.Where(d => d.RequiredInHeader).Select(d => d.Name);
        Assert.Equal(["record_type", "action", "employer_code", "employee_id", "name_kanji", "name_kana", "birth_date"], required);
    }

    [Theory]
    // column, insured enroll/update/withdraw, dependant add/update/remove (R O N)
    [InlineData("insured_number", "OOOOOO")]
    [InlineData("sex", "ROOROO")]
    [InlineData("relationship", "NNNROO")]
    [InlineData("my_number", "ROOROO")]
    [InlineData("qualification_date", "ROOROO")]
    [InlineData("loss_date", "NORNOR")]
    [InlineData("card_state", "ROOROO")]
    [InlineData("card_issue_date", "OOOOOO")]
    [InlineData("copay_ratio", "OOOOOO")]
    [InlineData("name_kana", "RRRRRR")]
    public void Requirements_per_record_type_and_action(string name, string uses)
    {
        var d = SubmissionColumnCatalog.All.Single(x => x.Name == name);
        var actual = string.Concat(SubmissionColumnDefinition.Combinations.Select(c => d.UseFor(c.RecordType, c.Action) switch
        {
            ColumnUse.Required => 'R',
            ColumnUse.Optional => 'O',
            _ => 'N',
        }));
        Assert.Equal(uses, actual);
    }

    [Fact]
    public void Actions_that_do_not_fit_the_record_type_have_no_use()
    {
        Assert.Throws<ArgumentException>(() => SubmissionColumnCatalog.Get(SubmissionColumn.Sex).UseFor(RecordType.Insured, SubmissionAction.Add));
        Assert.Throws<ArgumentException>(() => SubmissionColumnDefinition.IndexOf(RecordType.Dependant, SubmissionAction.Enroll));
    }

    [Fact]
    public void Code_columns_carry_their_code_list_and_every_example_is_valid()
    {
        foreach (var d in SubmissionColumnCatalog.All)
        {
            if (d.Kind == SubmissionValueKind.Code && d.Column != SubmissionColumn.Action)
            {
                Assert.NotNull(d.CodeList);
            }

            if (d.ExampleValue is not { } example)
            {
                Assert.Equal(SubmissionValueKind.Ignored, d.Kind);
                continue;
            }

            Assert.True(example.Length <= d.MaxLength, d.Name);
            switch (d.Kind)
            {
                case SubmissionValueKind.Date:
                    Assert.True(JapaneseDateParser.Parse(example).Success, d.Name);
                    break;
                case SubmissionValueKind.MyNumber:
                    Assert.True(MyNumber.TryParse(example, out _, out _), d.Name);
                    break;
                case SubmissionValueKind.Code when d.CodeList is { } list:
                    Assert.Contains(list.Entries, e => e.Code == example);
                    break;
            }
        }
    }

    [Fact]
    public void Conditions_are_given_in_both_languages_or_neither()
    {
        foreach (var d in SubmissionColumnCatalog.All)
        {
            Assert.Equal(d.ConditionJa is null, d.ConditionEn is null);
        }
    }
}
