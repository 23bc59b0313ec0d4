using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>The validator finds each class of mistake (so a clean run on infra/ means something).</summary>
public sealed class ArmTemplateValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arm-validator-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private ArmTemplate Template(string parameters, string variables, string resources, string outputs = "{}") =>
        ArmTemplate.Load(Write("t.json", $$"""
            {
              "$schema": "{{ArmTemplateValidator.TemplateSchema}}",
              "contentVersion": "1.0.0.0",
              "parameters": {{parameters}},
              "variables": {{variables}},
              "resources": {{resources}},
              "outputs": {{outputs}}
            }
            """));

    private const string Storage = """
        { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "[parameters('name')]", "location": "x", "sku": { "name": "Standard_LRS" }, "kind": "StorageV2" }
        """;

    [Fact]
    public void A_clean_template_has_no_problems() =>
        Assert.Empty(ArmTemplateValidator.Validate(Template("""{ "name": { "type": "string" } }""", "{}", $"[{Storage}]")));

    [Theory]
    [InlineData("""{ "name": { "type": "string" }, "unused": { "type": "int" } }""", "{}", "parameter 'unused' is declared but never used")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "x" }""", "variable 'v' is declared but never used")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[reference('x').id]", "w": "[variables('v')]" }""", "reference() cannot be used in the variables section")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[concatt('a')]" }""", "unknown function 'concatt'")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[variables('nope')]" }""", "variable 'nope' is not declared")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[parameters('nope')]" }""", "parameter 'nope' is not declared")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[resourceId('Microsoft.Storage/storageAccounts/blobServices', parameters('name'))]" }""", "needs 2 name(s), got 1")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[copyIndex()]" }""", "copyIndex() outside a variable copy input")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[concat('a']" }""", "unterminated")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[concat('a')" }""", "does not end with ']'")]
    [InlineData("""{ "name": { "type": "string" } }""", """{ "v": "[if(true, 'a', 'b')]" }""", "'true' must be called as a function")]
    public void Finds_mistakes_in_declarations(string parameters, string variables, string expected)
    {
        var problems = ArmTemplateValidator.Validate(Template(parameters, variables, $"[{Storage}]"));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01", "name": "[format('{0}/default', parameters('name'))]", "dependsOn": ["[resourceId('Microsoft.Web/sites', parameters('name'))]"] }""",
        "points at a type this template does not declare")]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01", "name": "[format('{0}/default', parameters('name'))]", "dependsOn": ["noSuchLoop"] }""",
        "neither a copy loop nor a resource")]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "latest", "name": "[format('{0}/default', parameters('name'))]" }""",
        "apiVersion missing or malformed")]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01", "name": "[concat(parameters('name'), copyIndex())]" }""",
        "copyIndex() in a resource without copy")]
    [InlineData("""{ "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid(parameters('name'))]" }""",
        "needs 'scope'")]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01", "name": "default" }""",
        "must have 2 segment(s)")]
    [InlineData("""{ "type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01", "name": "[format('{0}/default', parameters('name'))]", "properties": { "x": "[reference('missing').id]" } }""",
        "reference('missing') names no resource")]
    public void Finds_mistakes_in_resources(string resource, string expected)
    {
        var problems = ArmTemplateValidator.Validate(Template("""{ "name": { "type": "string" } }""", "{}", $"[{Storage}, {resource}]"));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Finds_broken_module_links()
    {
        Write("modules/m.json", $$"""
            {
              "$schema": "{{ArmTemplateValidator.TemplateSchema}}", "contentVersion": "1.0.0.0",
              "parameters": { "required": { "type": "string" }, "optional": { "type": "int", "defaultValue": 1 } },
              "resources": [],
              "outputs": { "id": { "type": "string", "value": "[concat(parameters('required'), string(parameters('optional')))]" } }
            }
            """);
        var main = ArmTemplate.Load(Write("main.json", $$"""
            {
              "$schema": "{{ArmTemplateValidator.TemplateSchema}}", "contentVersion": "1.0.0.0",
              "resources": [
                { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "m",
                  "properties": { "mode": "Incremental", "templateLink": { "relativePath": "modules/m.json" },
                                  "parameters": { "unknown": { "value": 1 } } } },
                { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "gone",
                  "properties": { "mode": "Incremental", "templateLink": { "relativePath": "modules/gone.json" } } }
              ],
              "outputs": { "x": { "type": "string", "value": "[reference('m').outputs.nothing.value]" } }
            }
            """));
        var problems = ArmTemplateValidator.ValidateLinks(main, ArmTemplate.Load);
        Assert.Contains(problems, p => p.Contains("passes 'unknown'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not pass 'required'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("modules/gone.json, which does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has no output 'nothing'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'optional'", StringComparison.Ordinal));
    }

    [Fact]
    public void Finds_bad_parameter_files()
    {
        var template = Template("""
            {
              "name": { "type": "string", "maxLength": 5 },
              "size": { "type": "int", "minValue": 1, "allowedValues": [1, 2] },
              "secret": { "type": "securestring", "defaultValue": "" }
            }
            """, """{ "v": "[concat(parameters('size'), parameters('secret'))]" }""", $"[{Storage}]", """{ "v": { "type": "string", "value": "[variables('v')]" } }""");
        var file = Write("p.json", $$"""
            {
              "$schema": "{{ArmTemplateValidator.ParametersSchema}}", "contentVersion": "1.0.0.0",
              "parameters": { "size": { "value": 3 }, "secret": { "value": "s3cret" }, "extra": { "value": true } }
            }
            """);
        var problems = ArmTemplateValidator.ValidateParameterFile(file, template);
        Assert.Contains(problems, p => p.Contains("'name' is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'size': 3 is not one of [1,2]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'secret' is secure", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'extra' is not a parameter", StringComparison.Ordinal));
    }
}
