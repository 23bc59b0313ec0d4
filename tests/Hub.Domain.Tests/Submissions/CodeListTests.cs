using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public class CodeListTests
{
    public static TheoryData<string> ListNames => new(SubmissionCodeLists.All.Select(l => l.Name));

    [Theory]
    [MemberData(nameof(ListNames))]
    public void Every_code_and_alias_reads_back_as_its_entry(string listName)
    {
        var list = SubmissionCodeLists.All.Single(l => l.Name == listName);
        var check = typeof(CodeListTests).GetMethod(nameof(CheckList), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(list.GetType().GetGenericArguments()[0]);
        try
        {
            check.Invoke(null, [list]);
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    private static void CheckList<T>(CodeList<T> list)
        where T : struct
    {
        Assert.NotEmpty(list.Entries);
        foreach (var entry in list.Entries)
        {
            Assert.True(list.TryParse(entry.Code, out var expected), entry.Code);
            Assert.Same(entry, list.EntryOf(expected));
            Assert.Equal(entry.Code, list.CodeOf(expected));
            foreach (string spelling in entry.Aliases.Append(entry.Code))
            {
                foreach (string variant in new[] { spelling, " " + spelling.ToUpperInvariant() + "\u3000", Generators.JapaneseTextVariants.ToFullWidth(spelling) })
                {
                    Assert.True(list.TryParse(variant, out var value), $"{list.Name}: '{variant}'");
                    Assert.Equal(expected, value);
                }
            }
        }
    }

    [Theory]
    [InlineData("男", Sex.Male)]
    [InlineData("１", Sex.Male)]
    [InlineData("M", Sex.Male)]
    [InlineData("female", Sex.Female)]
    [InlineData("Ｆ", Sex.Female)]
    [InlineData("女性", Sex.Female)]
    public void Sex_is_read_in_every_spelling(string text, Sex expected)
    {
        Assert.True(SubmissionCodeLists.Sexes.TryParse(text, out var sex));
        Assert.Equal(expected, sex);
    }

    [Theory]
    [InlineData("not_registered", CardState.NotRegistered)]
    [InlineData("NOT-REGISTERED", CardState.NotRegistered)]
    [InlineData("Not Registered", CardState.NotRegistered)]
    [InlineData("ｎｏｔ＿ｒｅｇｉｓｔｅｒｅｄ", CardState.NotRegistered)]
    [InlineData("未登録", CardState.NotRegistered)]
    [InlineData("登録済み", CardState.Registered)]
    [InlineData("canceled", CardState.RegistrationCancelled)]
    [InlineData("返納", CardState.Returned)]
    [InlineData("未取得", CardState.None)]
    public void Matching_ignores_case_width_spaces_hyphens_and_underscores(string text, CardState expected)
    {
        Assert.True(SubmissionCodeLists.CardStates.TryParse(text, out var state));
        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("registeredx")]
    [InlineData("登録中")]
    public void Unknown_spellings_are_refused(string text)
    {
        Assert.False(SubmissionCodeLists.CardStates.TryParse(text, out _));
    }

    [Fact]
    public void Overlong_text_is_refused_without_work()
    {
        Assert.False(SubmissionCodeLists.CardStates.TryParse(new string('a', 65), out _));
    }

    [Fact]
    public void Actions_have_short_codes_per_record_type()
    {
        Assert.True(SubmissionCodeLists.InsuredActions.TryParse("1", out var a1));
        Assert.Equal(SubmissionAction.Enroll, a1);
        Assert.True(SubmissionCodeLists.InsuredActions.TryParse("3", out var a3));
        Assert.Equal(SubmissionAction.Withdraw, a3);
        Assert.True(SubmissionCodeLists.DependantActions.TryParse("1", out var d1));
        Assert.Equal(SubmissionAction.Add, d1);
        Assert.True(SubmissionCodeLists.DependantActions.TryParse("非該当", out var d3));
        Assert.Equal(SubmissionAction.Remove, d3);
        Assert.False(SubmissionCodeLists.InsuredActions.TryParse("該当", out _));
        Assert.False(SubmissionCodeLists.DependantActions.TryParse("資格取得", out _));
    }

    [Fact]
    public void Allowed_value_texts_list_every_code_with_its_label()
    {
        Assert.Equal("1(男)、2(女)", SubmissionCodeLists.Sexes.AllowedJa);
        Assert.Equal("1 (male), 2 (female)", SubmissionCodeLists.Sexes.AllowedEn);
    }

    [Fact]
    public void An_ambiguous_list_cannot_be_built()
    {
        Assert.Throws<InvalidOperationException>(() => new CodeList<Sex>("broken",
            (Sex.Male, "m", "男", "male", ["x"]),
            (Sex.Female, "f", "女", "female", ["X"])));
    }

    [Fact]
    public void CodeOf_refuses_a_value_outside_the_list()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubmissionCodeLists.Sexes.CodeOf((Sex)7));
    }
}
