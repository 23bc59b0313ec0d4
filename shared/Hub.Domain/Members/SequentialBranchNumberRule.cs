namespace Hub.Domain.Members;

/// <summary>
/// "sequential": the insured person 00; dependants 01, 02, … in order of registration, whatever their
/// relationship. Each new dependant gets one more than the largest 枝番 ever given, so gaps left by people
/// who left are never refilled.
/// </summary>
public sealed class SequentialBranchNumberRule : BranchNumberRule
{
    /// <summary>The configuration name.</summary>
    public const string ConfigName = "sequential";

    /// <inheritdoc />
    public override string Name => ConfigName;

    /// <inheritdoc />
    protected override int? NextDependant(IReadOnlySet<int> used, HouseholdRole role) =>
        NextInRange(used, 1, BranchNumber.MaxValue);
}
