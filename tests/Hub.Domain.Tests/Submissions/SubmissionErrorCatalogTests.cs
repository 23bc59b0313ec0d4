using System.Text.RegularExpressions;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public partial class SubmissionErrorCatalogTests
{
    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    private static IEnumerable<string> DeclaredCodes() =>
        typeof(SubmissionErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_declared_code_has_a_definition_and_every_definition_is_declared()
    {
        Assert.Equal(DeclaredCodes().Order(StringComparer.Ordinal), SubmissionErrorCatalog.All.Select(d => d.Code).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("MYNUMBER_FORMAT")]
    [InlineData("MYNUMBER_CHECK_DIGIT")]
    [InlineData("MYNUMBER_DUPLICATE_IN_FILE")]
    [InlineData("MYNUMBER_BELONGS_TO_OTHER_MEMBER")]
    [InlineData("REQUIRED")]
    [InlineData("DATE_INVALID")]
    [InlineData("DATE_OUT_OF_RANGE")]
    [InlineData("ERA_INVALID")]
    [InlineData("KANA_INVALID")]
    [InlineData("SEX_INVALID")]
    [InlineData("RELATIONSHIP_INVALID")]
    [InlineData("EMPLOYER_MISMATCH")]
    [InlineData("UNKNOWN_INSURED")]
    [InlineData("MISSING_COLUMN")]
    [InlineData("UNKNOWN_COLUMN")]
    [InlineData("ENCODING_INVALID")]
    [InlineData("FILE_EMPTY")]
    [InlineData("FILE_TOO_LARGE")]
    [InlineData("UNSUPPORTED_FORMAT")]
    [InlineData("ROW_TOO_LARGE")]
    public void The_codes_the_issue_requires_exist(string code)
    {
        Assert.Equal(code, SubmissionErrorCatalog.Get(code).Code);
    }

    [Theory]
    [InlineData("MISSING_COLUMN", SubmissionErrorScope.File)]
    [InlineData("UNKNOWN_COLUMN", SubmissionErrorScope.File)]
    [InlineData("DUPLICATE_COLUMN", SubmissionErrorScope.File)]
    [InlineData("ENCODING_INVALID", SubmissionErrorScope.File)]
    [InlineData("FILE_EMPTY", SubmissionErrorScope.File)]
    [InlineData("FILE_TOO_LARGE", SubmissionErrorScope.File)]
    [InlineData("UNSUPPORTED_FORMAT", SubmissionErrorScope.File)]
    [InlineData("ROW_TOO_LARGE", SubmissionErrorScope.File)]
    [InlineData("FILE_MALFORMED", SubmissionErrorScope.File)]
    [InlineData("FILE_NAME_INVALID", SubmissionErrorScope.File)]
    [InlineData("EMPLOYER_NOT_REGISTERED", SubmissionErrorScope.File)]
    [InlineData("FILE_REPLACED", SubmissionErrorScope.File)]
    [InlineData("PROCESSING_FAILED", SubmissionErrorScope.File)]
    [InlineData("MYNUMBER_BELONGS_TO_OTHER_MEMBER", SubmissionErrorScope.Registration)]
    [InlineData("MEMBER_NOT_FOUND", SubmissionErrorScope.Registration)]
    [InlineData("INSURED_NUMBER_MISMATCH", SubmissionErrorScope.Registration)]
    [InlineData("INSURED_NUMBER_TAKEN", SubmissionErrorScope.Registration)]
    [InlineData("BRANCH_NUMBER_TAKEN", SubmissionErrorScope.Registration)]
    [InlineData("BRANCH_NUMBERS_EXHAUSTED", SubmissionErrorScope.Registration)]
    [InlineData("REGISTRATION_REFUSED", SubmissionErrorScope.Registration)]
    [InlineData("REGISTRATION_PENDING", SubmissionErrorScope.Registration)]
    [InlineData("REQUIRED", SubmissionErrorScope.Row)]
    [InlineData("MYNUMBER_DUPLICATE_IN_FILE", SubmissionErrorScope.Row)]
    public void Codes_have_their_scope(string code, SubmissionErrorScope scope)
    {
        Assert.Equal(scope, SubmissionErrorCatalog.Get(code).Scope);
    }

    public static TheoryData<string> TemplateIds => new(SubmissionErrorCatalog.All.SelectMany(d => d.Messages).Select(m => m.Id));

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Every_template_has_the_same_placeholders_in_both_languages_and_renders_completely(string id)
    {
        var template = SubmissionErrorCatalog.Template(id);
        var ja = Placeholder().Matches(template.Ja).Select(m => m.Groups[1].Value).ToHashSet();
        var en = Placeholder().Matches(template.En).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(ja.Order(StringComparer.Ordinal), en.Order(StringComparer.Ordinal));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}", template.Ja);

        var args = ja.Where(p => p != "column").Select(p => new MessageArg(p, "«" + p + "»")).ToArray();
        var error = SubmissionErrorCatalog.Create(id, 7, SubmissionColumn.BirthDate, args);
        Assert.Equal(template.Code, error.Code);
        Assert.Equal(id, error.MessageId);
        Assert.DoesNotContain('{', error.MessageJa);
        Assert.DoesNotContain('{', error.MessageEn);
        foreach (var arg in args)
        {
            Assert.Contains(arg.Ja, error.MessageJa, StringComparison.Ordinal);
            Assert.Contains(arg.En, error.MessageEn, StringComparison.Ordinal);
        }

        if (ja.Contains("column"))
        {
            Assert.Contains("生年月日", error.MessageJa, StringComparison.Ordinal);
            Assert.Contains("birth_date", error.MessageEn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_ids_are_unique_and_each_default_is_the_bare_code()
    {
        var ids = SubmissionErrorCatalog.All.SelectMany(d => d.Messages).Select(m => m.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var d in SubmissionErrorCatalog.All)
        {
            Assert.Equal(d.Code, d.Messages[0].Id);
            Assert.All(d.Messages, m => Assert.Equal(d.Code, m.Code));
            Assert.False(string.IsNullOrWhiteSpace(d.SummaryJa));
            Assert.False(string.IsNullOrWhiteSpace(d.SummaryEn));
        }
    }

    [Fact]
    public void A_missing_placeholder_value_is_a_programming_error()
    {
        Assert.Throws<InvalidOperationException>(() => SubmissionErrorCatalog.Create("FIELD_TOO_LONG", 2, SubmissionColumn.NameKanji));
        Assert.Throws<InvalidOperationException>(() => SubmissionErrorCatalog.Create("REQUIRED", 2, null));
        Assert.Throws<KeyNotFoundException>(() => SubmissionErrorCatalog.Template("NO_SUCH_CODE"));
    }

    [Fact]
    public void Per_language_values_go_to_their_language()
    {
        var error = SubmissionErrorCatalog.Create("VALUE_INVALID", 3, SubmissionColumn.CardState,
            new MessageArg("value", "x"), new MessageArg("allowed", "日本語の一覧", "english list"));
        Assert.Equal("マイナンバーカード状況「x」は使用できません。使用できる値: 日本語の一覧", error.MessageJa);
        Assert.Equal("card_state 'x' is not allowed. Allowed values: english list", error.MessageEn);
        Assert.Equal(3, error.Row);
        Assert.Equal("card_state", error.Column);
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a\u0000b\u001Fc\u007F", "a?b?c?")]
    [InlineData("0123456789012345678901234567890123456789XYZ", "0123456789012345678901234567890123456789…")]
    public void Quoted_values_are_cleaned_and_cut(string value, string expected)
    {
        Assert.Equal(expected, SubmissionErrorCatalog.Quote(value));
    }
}
