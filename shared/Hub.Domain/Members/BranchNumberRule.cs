using System.Diagnostics.CodeAnalysis;

namespace Hub.Domain.Members;

/// <summary>
/// The insurer's rule for assigning 枝番. A rule is a pure function of the branch numbers the household
/// has ever been given (including those of people who left — 枝番 are never reused) and the new person's role.
/// Configured by name: "sequential" or "by-relationship".
/// </summary>
public abstract class BranchNumberRule
{
    /// <summary>The configuration name of the rule.</summary>
    public abstract string Name { get; }

    /// <summary>The 枝番 for a new person with <paramref name="role"/>.</summary>
    /// <param name="everAssigned">Every 枝番 the household (記号・番号) has ever been given.</param>
    /// <param name="role">The new person's role.</param>
    /// <exception cref="RuleException">BRANCH_INSURED_EXISTS or BRANCH_NUMBERS_EXHAUSTED.</exception>
    public BranchNumber Next(IEnumerable<BranchNumber> everAssigned, HouseholdRole role)
    {
        ArgumentNullException.ThrowIfNull(everAssigned);
        if (!Enum.IsDefined(role))
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown household role.");
        var used = everAssigned.Select(b => b.Value).ToHashSet();
        if (role == HouseholdRole.Insured)
        {
            // The insured person is always 00, in every rule: one insured person per 記号・番号.
            if (used.Contains(0))
                throw new RuleException(new RuleError(
                    "BRANCH_INSURED_EXISTS",
                    "この記号・番号には既に被保険者（枝番00）がいます。",
                    "This 記号・番号 already has an insured person (branch number 00)."));
            return new BranchNumber(0);
        }
        return NextDependant(used, role) is { } value
            ? new BranchNumber(value)
            : throw new RuleException(new RuleError(
                "BRANCH_NUMBERS_EXHAUSTED",
                "この記号・番号で割り当てられる枝番が残っていません。",
                "No branch number is left to assign in this 記号・番号."));
    }

    /// <summary>The value for a dependant, or null when none is left.</summary>
    protected abstract int? NextDependant(IReadOnlySet<int> used, HouseholdRole role);

    /// <summary>The number after the largest used one within [first, last], or null when the range is spent.</summary>
    protected static int? NextInRange(IReadOnlySet<int> used, int first, int last)
    {
        var highest = used.Where(v => v >= first && v <= last).DefaultIfEmpty(first - 1).Max();
        return highest < last ? highest + 1 : null;
    }

    /// <summary>Parses a rule name from configuration.</summary>
    /// <exception cref="RuleException">BRANCH_RULE_UNKNOWN.</exception>
    public static BranchNumberRule Parse(string? config) =>
        TryParse(config, out var rule, out var error) ? rule : throw new RuleException(error);

    /// <summary>Parses a rule name from configuration ("sequential", "by-relationship"; case and surrounding space ignored).</summary>
    public static bool TryParse(
        string? config,
        [NotNullWhen(true)] out BranchNumberRule? rule,
        [NotNullWhen(false)] out RuleError? error)
    {
        switch (config?.Trim().ToLowerInvariant())
        {
            case SequentialBranchNumberRule.ConfigName:
                rule = new SequentialBranchNumberRule();
                error = null;
                return true;
            case ByRelationshipBranchNumberRule.ConfigName:
                rule = new ByRelationshipBranchNumberRule();
                error = null;
                return true;
            default:
                rule = null;
                error = new RuleError(
                    "BRANCH_RULE_UNKNOWN",
                    $"枝番の付番ルール「{config}」は不明です（sequential または by-relationship）。",
                    $"Unknown branch number rule '{config}' (expected sequential or by-relationship).");
                return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
