using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

public class ArmExpressionParserTests
{
    [Theory]
    [InlineData("[parameters('a')]", true)]
    [InlineData("[[not an expression]", false)]
    [InlineData("plain", false)]
    [InlineData("[", false)]
    [InlineData("@Microsoft.KeyVault(VaultName=x;SecretName=y)", false)]
    public void Recognises_expressions_and_escaped_brackets(string text, bool expected) =>
        Assert.Equal(expected, ArmExpressionParser.IsExpression(text));

    [Fact]
    public void Parses_nested_calls_properties_and_indexes()
    {
        var expr = ArmExpressionParser.Parse("[reference(resourceId('Microsoft.Web/sites', parameters('app')), '2024-04-01').identity.principalId]");
        var outer = Assert.IsType<ArmProperty>(expr);
        Assert.Equal("principalId", outer.Name);
        var identity = Assert.IsType<ArmProperty>(outer.Target);
        var reference = Assert.IsType<ArmCall>(identity.Target);
        Assert.True(reference.Is("REFERENCE"));
        var resourceId = Assert.IsType<ArmCall>(reference.Args[0]);
        Assert.Equal("Microsoft.Web/sites", resourceId.LiteralArg());
        Assert.Equal("2024-04-01", reference.LiteralArg(1));
        Assert.Equal(["reference", "resourceId", "parameters"], expr.Calls().Select(c => c.Function));
    }

    [Fact]
    public void Parses_index_access_numbers_and_whitespace()
    {
        var expr = ArmExpressionParser.Parse("[ variables('list') [ copyIndex( 1 ) ] . name ]");
        var property = Assert.IsType<ArmProperty>(expr);
        var index = Assert.IsType<ArmIndex>(property.Target);
        var copyIndex = Assert.IsType<ArmCall>(index.Index);
        Assert.Equal(1, Assert.IsType<ArmNumber>(copyIndex.Args[0]).Value);
        Assert.Equal(-3, Assert.IsType<ArmNumber>(Assert.IsType<ArmCall>(ArmExpressionParser.Parse("[add(-3, 1)]")).Args[0]).Value);
    }

    [Fact]
    public void Doubled_quotes_escape_a_quote()
    {
        var call = Assert.IsType<ArmCall>(ArmExpressionParser.Parse("[concat('it''s', '')]"));
        Assert.Equal("it's", call.LiteralArg());
        Assert.Equal("", call.LiteralArg(1));
    }

    [Theory]
    [InlineData("[concat('a', 'b']", "unterminated")]
    [InlineData("[concat('a' 'b')]", "',' or ')'")]
    [InlineData("['unterminated]", "unterminated string")]
    [InlineData("[parameters]", "must be called as a function")]
    [InlineData("[parameters('a') extra]", "unexpected text")]
    [InlineData("[variables('a')[0]", "']' expected")]
    [InlineData("[variables('a').]", "property name")]
    [InlineData("[]", "expression was expected")]
    public void Malformed_expressions_fail_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<ArmExpressionException>(() => ArmExpressionParser.Parse(text));
        Assert.Contains(reason, error.Message);
    }
}
