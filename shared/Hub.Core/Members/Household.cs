using Hub.Domain.Members;
using Hub.Domain.Submissions;

namespace Hub.Core.Members;

/// <summary>
/// The people sharing one 記号・番号, as recorded on the insured member (<see cref="Member.Household"/>):
/// every member ever given a 枝番 there, with that 枝番. 枝番 are never reused.
/// </summary>
public static class Household
{
    /// <summary>The (member id, 枝番) pairs of a household record.</summary>
    public static IReadOnlyList<(string MemberId, string Branch)> Parse(string? household) =>
        string.IsNullOrEmpty(household)
            ? []
            : household.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(':'))
                .Select(p => (p[0], p[1]))
                .ToList();

    /// <summary>The household record with one more member.</summary>
    public static string Add(string? household, string memberId, string branch) =>
        string.IsNullOrEmpty(household) ? $"{memberId}:{branch}" : $"{household};{memberId}:{branch}";

    /// <summary>Every 枝番 ever given in the household.</summary>
    public static IEnumerable<BranchNumber> Branches(string? household) =>
        Parse(household).Select(p => BranchNumber.Parse(p.Branch));

    /// <summary>The household role of a dependant (for the 枝番 rule).</summary>
    public static HouseholdRole RoleOf(Relationship? relationship) => relationship switch
    {
        Relationship.Spouse => HouseholdRole.Spouse,
        Relationship.Child => HouseholdRole.Child,
        _ => HouseholdRole.OtherDependant,
    };
}
