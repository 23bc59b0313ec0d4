using Hub.Core.Members;
using Hub.Domain.Members;
using Hub.Domain.Submissions;
using Hub.Testing;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>
/// docs/members.md lists the <c>member.rejected</c> reasons with exactly the messages the events carry (the code's
/// catalogue; placeholders stand for the row's values).
/// </summary>
public sealed class RejectionDocsTests
{
    private static readonly string[] Rows = File.ReadAllLines(RepoPaths.Combine("docs", "members.md"))
        .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();

    public static TheoryData<string, string, string> Rejections()
    {
        var data = new TheoryData<string, string, string>();
        void Add(RegistrationRejection r) => data.Add(r.Code, r.MessageJa, r.MessageEn);
        Add(RegistrationRejections.MyNumberBelongsToOtherMember());
        Add(RegistrationRejections.UnknownInsured(withdrawn: false));
        Add(RegistrationRejections.UnknownInsured(withdrawn: true));
        Add(RegistrationRejections.MemberNotFound(RecordType.Insured));
        Add(RegistrationRejections.MemberNotFound(RecordType.Dependant));
        Add(RegistrationRejections.InsuredNumberMismatch("{number}"));
        Add(RegistrationRejections.InsuredNumberTaken("{number}"));
        Add(RegistrationRejections.BranchNumberTaken("{branch}"));
        Add(RegistrationRejections.FromRule(Assert.Throws<RuleException>(() =>
            BranchNumberRule.Parse("sequential").Next(Enumerable.Range(0, 100).Select(i => new BranchNumber(i)), HouseholdRole.Child)).Error));
        Add(RegistrationRejections.EmployerNotRegistered("{employer}"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Members_md_gives_the_message_a_rejection_sends(string code, string ja, string en)
    {
        Assert.Contains(Rows, row => row.StartsWith($"| `{code}` |", StringComparison.Ordinal) && row.Contains($"| {ja} | {en} |", StringComparison.Ordinal));
    }

    [Fact]
    public void The_registration_catalogue_entry_is_the_one_rejections_use()
    {
        var template = SubmissionErrorCatalog.Template(SubmissionErrorCodes.MyNumberBelongsToOtherMember);
        var rejection = RegistrationRejections.MyNumberBelongsToOtherMember();
        Assert.Equal((template.Ja, template.En), (rejection.MessageJa, rejection.MessageEn));
    }
}
