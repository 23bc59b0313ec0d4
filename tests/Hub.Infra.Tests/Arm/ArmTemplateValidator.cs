using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hub.Infra.Tests.Arm;

/// <summary>
/// Static checks of ARM JSON templates that catch what would otherwise fail (or silently misbehave) at
/// deployment time: unknown functions, undeclared or unused parameters and variables, runtime functions
/// where ARM forbids them, <c>copyIndex</c> outside a loop, resource ids with the wrong number of names,
/// <c>dependsOn</c> and <c>reference</c> targets that do not exist, broken module links and parameter files.
/// Each method returns human-readable problems; an empty list means the check passed.
/// </summary>
public static partial class ArmTemplateValidator
{
    /// <summary>The template schema every file must declare.</summary>
    public const string TemplateSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    /// <summary>The parameter-file schema.</summary>
    public const string ParametersSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";

    private static readonly HashSet<string> ExtensionTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Authorization/roleAssignments", "Microsoft.Insights/diagnosticSettings", "Microsoft.Authorization/locks",
    };

    /// <summary>Checks one template on its own.</summary>
    public static List<string> Validate(ArmTemplate template)
    {
        var problems = new List<string>();
        void Problem(string message) => problems.Add($"{template.Name}: {message}");

        if (template.Root["$schema"]?.GetValue<string>() != TemplateSchema) Problem($"$schema must be {TemplateSchema}");
        if (template.Root["contentVersion"] is null) Problem("contentVersion is missing");

        // ARM treats "[..." without the closing bracket as a plain string: almost always a typo.
        foreach (var (path, value) in template.Strings())
            if (value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && !value.EndsWith(']'))
                Problem($"{path}: '{value}' starts like an expression but does not end with ']'");

        IReadOnlyList<ArmExpressionSite> sites;
        try
        {
            sites = template.Expressions();
        }
        catch (ArmExpressionException e)
        {
            problems.Add(e.Message);
            return problems;
        }

        var variables = template.VariableNames();
        var variableLoops = template.VariableCopyNames();
        var resourceLoops = template.Resources.Where(r => r.CopyName is not null).Select(r => r.CopyName!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var declaredTypes = template.Resources.Select(r => r.Type).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var literalNames = template.Resources.Where(r => !ArmExpressionParser.IsExpression(r.Name)).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var usedParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedVariables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var site in sites)
        {
            foreach (var call in site.Expression.Calls())
            {
                if (!ArmFunctions.IsKnown(call.Function))
                {
                    Problem($"{site.Path}: unknown function '{call.Function}' in {site.Text}");
                    continue;
                }
                if (call.Is("parameters"))
                {
                    var name = call.LiteralArg();
                    if (name is null) Problem($"{site.Path}: parameters() needs a literal name");
                    else if (template.Parameters[name] is null) Problem($"{site.Path}: parameter '{name}' is not declared");
                    else usedParameters.Add(name);
                }
                else if (call.Is("variables"))
                {
                    var name = call.LiteralArg();
                    if (name is null) Problem($"{site.Path}: variables() needs a literal name");
                    else if (!variables.Contains(name)) Problem($"{site.Path}: variable '{name}' is not declared");
                    else usedVariables.Add(name);
                }
                else if (ArmFunctions.IsRuntime(call.Function) && site.Section is "variables" or "parameters")
                {
                    Problem($"{site.Path}: {call.Function}() cannot be used in the {site.Section} section (ARM evaluates it at deployment)");
                }
                else if (call.Is("copyIndex"))
                {
                    CheckCopyIndex(call, site, resourceLoops, variableLoops, Problem);
                }
                else if (ArmFunctions.IsResourceIdFunction(call.Function))
                {
                    CheckResourceId(call, site, Problem);
                }
                else if (call.Is("reference") && call.LiteralArg() is { } target && !target.Contains('/') && !literalNames.Contains(target))
                {
                    Problem($"{site.Path}: reference('{target}') names no resource or deployment of this template");
                }
            }
        }

        foreach (var (name, _) in template.Parameters)
            if (!usedParameters.Contains(name)) Problem($"parameter '{name}' is declared but never used");
        foreach (var name in variables)
            if (!usedVariables.Contains(name)) Problem($"variable '{name}' is declared but never used");

        foreach (var resource in template.Resources)
            CheckResource(resource, declaredTypes, literalNames, resourceLoops, Problem);

        foreach (var (name, output) in template.Outputs)
            if (output?["type"] is null || output["value"] is null) Problem($"output '{name}' needs a type and a value");

        return problems;
    }

    /// <summary>Checks the links from a template to its modules (templateLink.relativePath): files, parameters passed, outputs read.</summary>
    public static List<string> ValidateLinks(ArmTemplate parent, Func<string, ArmTemplate> load)
    {
        var problems = new List<string>();
        void Problem(string message) => problems.Add($"{parent.Name}: {message}");
        var modules = new Dictionary<string, ArmTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var deployment in parent.Resources.Where(r => r.Type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)))
        {
            var properties = deployment.Node["properties"]?.AsObject();
            var relative = properties?["templateLink"]?["relativePath"]?.GetValue<string>();
            if (relative is null)
            {
                Problem($"deployment '{deployment.Name}' has no templateLink.relativePath (inline templates are not used here)");
                continue;
            }
            if (properties!["mode"]?.GetValue<string>() != "Incremental") Problem($"deployment '{deployment.Name}' must use mode Incremental");
            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(parent.FilePath)!, relative));
            if (!File.Exists(file))
            {
                Problem($"deployment '{deployment.Name}' links {relative}, which does not exist");
                continue;
            }
            var module = load(file);
            modules[deployment.Name] = module;
            var passed = properties["parameters"]?.AsObject() ?? [];
            foreach (var (name, value) in passed)
            {
                if (module.Parameters[name] is null) Problem($"deployment '{deployment.Name}' passes '{name}', which {module.Name} does not declare");
                if (value?["value"] is null && value?["reference"] is null) Problem($"deployment '{deployment.Name}' parameter '{name}' has neither value nor reference");
            }
            foreach (var (name, declared) in module.Parameters)
                if (declared?["defaultValue"] is null && passed[name] is null)
                    Problem($"deployment '{deployment.Name}' does not pass '{name}', which {module.Name} requires");
        }

        foreach (var site in parent.Expressions())
        foreach (var node in site.Expression.Descendants())
        {
            // reference('deployment').outputs.NAME
            if (node is ArmProperty { Name: var output, Target: ArmProperty { Name: "outputs", Target: ArmCall call } } && call.Is("reference") &&
                call.LiteralArg() is { } deploymentName && modules.TryGetValue(deploymentName, out var module) && module.Outputs[output] is null)
                Problem($"{site.Path}: {module.Name} has no output '{output}'");
        }
        return problems;
    }

    /// <summary>Checks a parameter file against the template it is for.</summary>
    public static List<string> ValidateParameterFile(string path, ArmTemplate template)
    {
        var problems = new List<string>();
        var name = Path.GetFileName(path);
        void Problem(string message) => problems.Add($"{name}: {message}");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (root["$schema"]?.GetValue<string>() != ParametersSchema) Problem($"$schema must be {ParametersSchema}");
        var values = root["parameters"]?.AsObject() ?? [];
        foreach (var (parameter, entry) in values)
        {
            if (template.Parameters[parameter] is not JsonObject declared)
            {
                Problem($"'{parameter}' is not a parameter of {template.Name}");
                continue;
            }
            var type = declared["type"]!.GetValue<string>();
            if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase) && entry?["reference"] is null)
                Problem($"'{parameter}' is secure: pass it as a Key Vault reference, never as a value");
            if (entry?["value"] is not { } value) continue;
            foreach (var issue in CheckValue(declared, value)) Problem($"'{parameter}': {issue}");
        }
        foreach (var (parameter, declared) in template.Parameters)
            if (declared?["defaultValue"] is null && values[parameter] is null)
                Problem($"'{parameter}' is required by {template.Name} but not given");
        return problems;
    }

    /// <summary>Checks a value against a parameter declaration (type, allowed values, lengths, bounds).</summary>
    public static IEnumerable<string> CheckValue(JsonObject declared, JsonNode value)
    {
        var type = declared["type"]!.GetValue<string>().ToLowerInvariant();
        var kind = value.GetValueKind();
        var typeOk = type switch
        {
            "string" or "securestring" => kind == JsonValueKind.String,
            "int" => kind == JsonValueKind.Number,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "array" => kind == JsonValueKind.Array,
            "object" or "secureobject" => kind == JsonValueKind.Object,
            _ => false,
        };
        if (!typeOk)
        {
            yield return $"{value.ToJsonString()} is not of type {type}";
            yield break;
        }
        if (declared["allowedValues"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            yield return $"{value.ToJsonString()} is not one of {allowed.ToJsonString()}";
        if (kind == JsonValueKind.String)
        {
            var length = value.GetValue<string>().Length;
            if (declared["minLength"] is { } min && length < min.GetValue<int>()) yield return $"shorter than {min}";
            if (declared["maxLength"] is { } max && length > max.GetValue<int>()) yield return $"longer than {max}";
        }
        if (kind == JsonValueKind.Number)
        {
            var number = value.GetValue<long>();
            if (declared["minValue"] is { } min && number < min.GetValue<long>()) yield return $"below {min}";
            if (declared["maxValue"] is { } max && number > max.GetValue<long>()) yield return $"above {max}";
        }
    }

    private static void CheckCopyIndex(ArmCall call, ArmExpressionSite site, IReadOnlySet<string> resourceLoops, IReadOnlySet<string> variableLoops, Action<string> problem)
    {
        var loop = call.LiteralArg();
        switch (site.Section)
        {
            case "resources":
                if (site.Resource?.CopyName is null) problem($"{site.Path}: copyIndex() in a resource without copy");
                else if (loop is not null && !resourceLoops.Contains(loop)) problem($"{site.Path}: copyIndex('{loop}') names no copy loop");
                break;
            case "variables":
                if (site.VariableCopyName is null) problem($"{site.Path}: copyIndex() outside a variable copy input");
                else if (loop is null || !variableLoops.Contains(loop)) problem($"{site.Path}: copyIndex in a variable copy must name its loop ('{site.VariableCopyName}')");
                break;
            default:
                problem($"{site.Path}: copyIndex() is not allowed in {site.Section}");
                break;
        }
    }

    private static void CheckResourceId(ArmCall call, ArmExpressionSite site, Action<string> problem)
    {
        // extensionResourceId(scopeId, type, names...) ; others: [subscriptionId,] [resourceGroup,] type, names...
        var typeIndex = call.Is("extensionResourceId") ? 1 : call.Args.ToList().FindIndex(a => a is ArmString s && s.Value.Contains('/'));
        if (typeIndex < 0 || typeIndex >= call.Args.Count || call.Args[typeIndex] is not ArmString type)
        {
            problem($"{site.Path}: {call.Function}() needs a literal resource type");
            return;
        }
        if (!ResourceTypePattern().IsMatch(type.Value))
        {
            problem($"{site.Path}: '{type.Value}' is not a resource type (Namespace.Provider/type[/child...])");
            return;
        }
        var expectedNames = type.Value.Split('/').Length - 1;
        var names = call.Args.Count - typeIndex - 1;
        if (names != expectedNames)
            problem($"{site.Path}: {call.Function}('{type.Value}', …) needs {expectedNames} name(s), got {names}");
    }

    private static void CheckResource(ArmResource resource, IReadOnlySet<string> declaredTypes, IReadOnlySet<string> literalNames,
        IReadOnlySet<string> resourceLoops, Action<string> problem)
    {
        var where = $"{resource.Path} ({resource.Type})";
        if (!ResourceTypePattern().IsMatch(resource.Type)) problem($"{where}: type is not Namespace.Provider/type");
        if (resource.Property("apiVersion") is not { } api || !ApiVersionPattern().IsMatch(api)) problem($"{where}: apiVersion missing or malformed");
        if (string.IsNullOrEmpty(resource.Name)) problem($"{where}: name missing");
        if (resource.Node["scope"] is not null && !ExtensionTypes.Contains(resource.Type))
            problem($"{where}: 'scope' is only used for extension resources here (role assignments, diagnostic settings, locks)");
        if (ExtensionTypes.Contains(resource.Type) && resource.Node["scope"] is null)
            problem($"{where}: an extension resource needs 'scope' (the resource it applies to)");
        if (resource.Node["condition"] is { } condition && condition.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) &&
            !(condition.GetValueKind() == JsonValueKind.String && ArmExpressionParser.IsExpression(condition.GetValue<string>())))
            problem($"{where}: condition must be a boolean or an expression");
        var typeSegments = resource.Type.Split('/').Length - 1;
        if (!ArmExpressionParser.IsExpression(resource.Name) && resource.Name.Split('/').Length != typeSegments && resource.Node["scope"] is null)
            problem($"{where}: name '{resource.Name}' must have {typeSegments} segment(s) for this type");

        foreach (var dependency in resource.Node["dependsOn"]?.AsArray() ?? [])
        {
            var text = dependency?.GetValue<string>() ?? "";
            if (!ArmExpressionParser.IsExpression(text))
            {
                if (!resourceLoops.Contains(text) && !literalNames.Contains(text))
                    problem($"{where}: dependsOn '{text}' is neither a copy loop nor a resource of this template");
                continue;
            }
            var expr = ArmExpressionParser.Parse(text);
            if (expr is ArmCall call && ArmFunctions.IsResourceIdFunction(call.Function))
            {
                var typeArg = call.Args.OfType<ArmString>().FirstOrDefault(a => a.Value.Contains('/'))?.Value;
                if (typeArg is null || !declaredTypes.Contains(typeArg))
                    problem($"{where}: dependsOn {text} points at a type this template does not declare");
            }
            else
            {
                problem($"{where}: dependsOn entries must be resourceId(...) or a copy loop name, not {text}");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z]+(\.[A-Za-z]+)+/[A-Za-z]+(/[A-Za-z]+)*$")]
    private static partial Regex ResourceTypePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex ApiVersionPattern();
}
