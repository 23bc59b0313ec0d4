using System.Text.Json.Nodes;
using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>The evaluator behind the consistency tests computes what ARM would.</summary>
public sealed class ArmEvaluatorTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"arm-eval-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private ArmEvaluator Evaluator(string variables, Dictionary<string, object?>? parameters = null)
    {
        File.WriteAllText(_file, $$"""
            {
              "$schema": "{{ArmTemplateValidator.TemplateSchema}}", "contentVersion": "1.0.0.0",
              "parameters": { "env": { "type": "string", "defaultValue": "dev" }, "n": { "type": "int", "defaultValue": 3 } },
              "variables": {{variables}},
              "resources": []
            }
            """);
        return new ArmEvaluator(ArmTemplate.Load(_file), parameters ?? new Dictionary<string, object?>());
    }

    private static object? Eval(ArmEvaluator e, string expression) => e.Evaluate(ArmExpressionParser.Parse(expression), ArmLoopScope.None);

    [Fact]
    public void Strings_arrays_and_objects()
    {
        var e = Evaluator("{}");
        Assert.Equal("st-dev-3", Eval(e, "[format('st-{0}-{1}', parameters('env'), parameters('n'))]"));
        Assert.Equal("ab", Eval(e, "[concat('a', 'b')]"));
        Assert.Equal(new List<object?> { "a", "b", "c" }, Eval(e, "[concat(createArray('a'), createArray('b', 'c'))]"));
        var merged = (OrderedDictionary<string, object?>)Eval(e, "[union(createObject('A', 1, 'b', 2), createObject('a', 9))]")!;
        Assert.Equal(2, merged.Count); // keys are case-insensitive, the later value wins
        Assert.Equal(9L, merged["a"]);
        Assert.Equal("""{"x":[1,true,null]}""", Eval(e, "[string(createObject('x', createArray(1, true(), null())))]"));
        Assert.Equal("abc", Eval(e, "[take('abcdef', 3)]"));
        Assert.Equal("True", Eval(e, "[format('{0}', equals(1, 1))]"));
    }

    [Fact]
    public void If_evaluates_only_the_chosen_branch_and_unknowns_propagate()
    {
        var e = Evaluator("{}");
        Assert.Equal("safe", Eval(e, "[if(equals(parameters('env'), 'dev'), 'safe', reference('nope').x)]"));
        Assert.IsType<ArmUnknown>(Eval(e, "[format('{0}', reference('x').y)]"));
        Assert.IsType<ArmUnknown>(Eval(e, "[listKeys('id', '2022-03-01').systemKeys.blobs_extension]"));
        Assert.Equal(new List<object?> { "a", new ArmUnknown("reference()") }.Count, ((List<object?>)Eval(e, "[createArray('a', reference('x'))]")!).Count);
    }

    [Fact]
    public void Variables_copy_loops_and_resource_ids()
    {
        var e = Evaluator("""
            {
              "base": "[toUpper(parameters('env'))]",
              "derived": "[concat(variables('base'), '-x')]",
              "rules": { "copy": [ { "name": "items", "count": "[parameters('n')]", "input": "[concat('r', string(copyIndex('items')))]" } ] },
              "copy": [ { "name": "top", "count": 2, "input": { "i": "[copyIndex('top', 1)]" } } ]
            }
            """, new() { ["n"] = 2L });
        Assert.Equal("DEV-x", e.Variable("derived"));
        Assert.Equal(new List<object?> { "r0", "r1" }, ((OrderedDictionary<string, object?>)e.Variable("rules")!)["items"]);
        Assert.Equal(2L, ((OrderedDictionary<string, object?>)((List<object?>)e.Variable("top")!)[1]!)["i"]);
        Assert.EndsWith("/providers/Microsoft.Storage/storageAccounts/acct/blobServices/default",
            (string)Eval(e, "[resourceId('Microsoft.Storage/storageAccounts/blobServices', 'acct', 'default')]")!);
        Assert.Equal(Eval(e, "[uniqueString('a', 'b')]"), Eval(e, "[uniqueString('a', 'b')]"));
        Assert.Matches("^[a-z2-7]{13}$", (string)Eval(e, "[uniqueString('a', 'b')]")!);
    }

    [Fact]
    public void Resource_instances_follow_copy_and_condition()
    {
        File.WriteAllText(_file, $$"""
            {
              "$schema": "{{ArmTemplateValidator.TemplateSchema}}", "contentVersion": "1.0.0.0",
              "parameters": { "names": { "type": "array", "defaultValue": ["a", "b", "c"] } },
              "resources": [
                { "condition": "[not(equals(parameters('names')[copyIndex()], 'b'))]",
                  "type": "Microsoft.ServiceBus/namespaces/queues", "apiVersion": "2024-01-01",
                  "name": "[format('ns/{0}', parameters('names')[copyIndex()])]", "copy": { "name": "q", "count": "[length(parameters('names'))]" },
                  "properties": { "maxDeliveryCount": 10 } }
              ]
            }
            """);
        var template = ArmTemplate.Load(_file);
        var instances = new ArmEvaluator(template, new Dictionary<string, object?>()).Instances(template.Resources[0]);
        Assert.Equal(["ns/a", "ns/c"], instances.Select(i => (string)i["name"]!));
        Assert.Equal(10L, ((OrderedDictionary<string, object?>)instances[0]["properties"]!)["maxDeliveryCount"]);
        Assert.Equal(JsonValue.Create(10L)!.ToJsonString(), ArmEvaluator.ToJson(10L)!.ToJsonString());
    }
}
