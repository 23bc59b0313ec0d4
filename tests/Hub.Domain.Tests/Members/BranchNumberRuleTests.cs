using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Members;

namespace Hub.Domain.Tests.Members;

public class BranchNumberRuleTests
{
    private static BranchNumber[] Used(string list) => list.Length == 0
        ? []
        : list.Split(',').SelectMany(Expand).Select(v => new BranchNumber(v)).ToArray();

    // "02-19" expands to a range, "05" to one value.
    private static IEnumerable<int> Expand(string item)
    {
        var parts = item.Split('-');
        var first = int.Parse(parts[0]);
        var last = parts.Length == 2 ? int.Parse(parts[1]) : first;
        return Enumerable.Range(first, last - first + 1);
    }

    [Theory]
    [InlineData("sequential", typeof(SequentialBranchNumberRule))]
    [InlineData("  Sequential ", typeof(SequentialBranchNumberRule))]
    [InlineData("by-relationship", typeof(ByRelationshipBranchNumberRule))]
    [InlineData("BY-RELATIONSHIP", typeof(ByRelationshipBranchNumberRule))]
    public void Parses_rule_names(string config, Type expected)
    {
        var rule = BranchNumberRule.Parse(config);
        Assert.IsType(expected, rule);
        Assert.Equal(config.Trim().ToLowerInvariant(), rule.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("random")]
    [InlineData("sequential:2")]
    [InlineData(null)]
    public void Unknown_rule_names_are_a_clear_error(string? config)
    {
        Assert.False(BranchNumberRule.TryParse(config, out var rule, out var error));
        Assert.Null(rule);
        Assert.Equal("BRANCH_RULE_UNKNOWN", error.Code);
        Assert.Contains("sequential", error.MessageEn);
        Assert.Contains("枝番", error.MessageJa);
        Assert.Equal("BRANCH_RULE_UNKNOWN", Assert.Throws<RuleException>(() => BranchNumberRule.Parse(config)).Code);
    }

    [Theory]
    [InlineData("", HouseholdRole.Insured, "00")]
    [InlineData("00", HouseholdRole.Spouse, "01")]
    [InlineData("00", HouseholdRole.Child, "01")]
    [InlineData("00,01,02", HouseholdRole.OtherDependant, "03")]
    [InlineData("00,01,03", HouseholdRole.Child, "04")]
    [InlineData("00,05", HouseholdRole.Child, "06")] // gaps left by people who left are never refilled
    [InlineData("", HouseholdRole.Child, "01")]
    [InlineData("00-98", HouseholdRole.Spouse, "99")]
    public void Sequential(string used, HouseholdRole role, string expected) =>
        Assert.Equal(expected, new SequentialBranchNumberRule().Next(Used(used), role).ToString());

    [Theory]
    [InlineData("", HouseholdRole.Insured, "00")]
    [InlineData("00", HouseholdRole.Spouse, "01")]
    [InlineData("00,02", HouseholdRole.Spouse, "01")]
    [InlineData("00,01", HouseholdRole.Spouse, "20")] // a second spouse goes to the others range
    [InlineData("00", HouseholdRole.Child, "02")]
    [InlineData("00,01,02", HouseholdRole.Child, "03")]
    [InlineData("00,02,05", HouseholdRole.Child, "06")]
    [InlineData("00,02-18", HouseholdRole.Child, "19")]
    [InlineData("00,02-19", HouseholdRole.Child, "20")] // children overflow into the others range
    [InlineData("00,02-19,20-23", HouseholdRole.Child, "24")]
    [InlineData("00", HouseholdRole.OtherDependant, "20")]
    [InlineData("00,20,25", HouseholdRole.OtherDependant, "26")]
    [InlineData("00,01,02", HouseholdRole.OtherDependant, "20")]
    public void ByRelationship(string used, HouseholdRole role, string expected) =>
        Assert.Equal(expected, new ByRelationshipBranchNumberRule().Next(Used(used), role).ToString());

    [Theory]
    [InlineData("sequential", "00-99", HouseholdRole.Child)]
    [InlineData("sequential", "00,99", HouseholdRole.Spouse)]
    [InlineData("by-relationship", "00,20-99", HouseholdRole.OtherDependant)]
    [InlineData("by-relationship", "00,01,99", HouseholdRole.Spouse)]
    [InlineData("by-relationship", "00,19,99", HouseholdRole.Child)]
    public void Exhausted_households_are_a_clear_error(string rule, string used, HouseholdRole role)
    {
        var ex = Assert.Throws<RuleException>(() => BranchNumberRule.Parse(rule).Next(Used(used), role));
        Assert.Equal("BRANCH_NUMBERS_EXHAUSTED", ex.Code);
    }

    [Theory]
    [InlineData("sequential")]
    [InlineData("by-relationship")]
    public void A_second_insured_person_is_a_clear_error(string rule)
    {
        var ex = Assert.Throws<RuleException>(() => BranchNumberRule.Parse(rule).Next(Used("00,01"), HouseholdRole.Insured));
        Assert.Equal("BRANCH_INSURED_EXISTS", ex.Code);
        Assert.Contains("00", ex.Error.MessageJa);
    }

    [Fact]
    public void Unknown_role_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialBranchNumberRule().Next([], (HouseholdRole)9));

    private static readonly Arbitrary<(int[] Used, HouseholdRole Role, bool Sequential)> Households =
        (from used in Gen.SubListOf(Enumerable.Range(0, 100).ToArray())
         from role in Gen.Elements(HouseholdRole.Spouse, HouseholdRole.Child, HouseholdRole.OtherDependant)
         from sequential in Gen.Elements(true, false)
         select (used.ToArray(), role, sequential)).ToArbitrary();

    [Fact]
    public void A_dependant_never_gets_a_number_already_given_and_never_00() =>
        Prop.ForAll(Households, h =>
        {
            BranchNumberRule rule = h.Sequential ? new SequentialBranchNumberRule() : new ByRelationshipBranchNumberRule();
            var used = h.Used.Select(v => new BranchNumber(v)).ToArray();
            try
            {
                var next = rule.Next(used, h.Role);
                Assert.DoesNotContain(next.Value, h.Used);
                Assert.NotEqual(0, next.Value);
                if (h.Sequential)
                    Assert.True(next.Value > h.Used.DefaultIfEmpty(0).Max());
            }
            catch (RuleException ex)
            {
                // Exhausted only when the rule's ranges are truly spent: 99 is given in every case.
                Assert.Equal("BRANCH_NUMBERS_EXHAUSTED", ex.Code);
                Assert.Contains(99, h.Used);
            }
        }).QuickCheckThrowOnFailure();
}
