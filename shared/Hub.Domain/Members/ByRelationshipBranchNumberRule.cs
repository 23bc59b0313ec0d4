namespace Hub.Domain.Members;

/// <summary>
/// "by-relationship": the 枝番 shows the relationship. Insured 00; spouse 01; children 02–19 in order of
/// registration; other dependants 20–99. A second spouse (01 already given) or a 19th child falls into the
/// 20–99 range. Within a range each new person gets one more than the largest ever given (never reused).
/// </summary>
public sealed class ByRelationshipBranchNumberRule : BranchNumberRule
{
    /// <summary>The configuration name.</summary>
    public const string ConfigName = "by-relationship";

    /// <summary>The spouse's 枝番.</summary>
    public const int Spouse = 1;

    /// <summary>The first and last 枝番 for children.</summary>
    public const int FirstChild = 2, LastChild = 19;

    /// <summary>The first 枝番 for other dependants (and overflow).</summary>
    public const int FirstOther = 20;

    /// <inheritdoc />
    public override string Name => ConfigName;

    /// <inheritdoc />
    protected override int? NextDependant(IReadOnlySet<int> used, HouseholdRole role)
    {
        var preferred = role switch
        {
            HouseholdRole.Spouse => used.Contains(Spouse) ? null : Spouse,
            HouseholdRole.Child => NextInRange(used, FirstChild, LastChild),
            _ => null,
        };
        return preferred ?? NextInRange(used, FirstOther, BranchNumber.MaxValue);
    }
}
