using System.Text.Json.Nodes;
using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>The templates under infra/: main.json, its modules, the standalone blob-events module and the parameter files.</summary>
public sealed class InfraModel
{
    private static readonly Lazy<InfraModel> Shared = new(() => new InfraModel());
    private readonly Dictionary<string, ArmTemplate> _templates = new(StringComparer.OrdinalIgnoreCase);

    private InfraModel()
    {
        Main = Load(InfraPaths.Main);
        foreach (var file in Directory.EnumerateFiles(InfraPaths.Modules, "*.json").Order(StringComparer.Ordinal)) Load(file);
    }

    /// <summary>The model (loaded once per test run).</summary>
    public static InfraModel Instance => Shared.Value;

    /// <summary>infra/main.json.</summary>
    public ArmTemplate Main { get; }

    /// <summary>Every template file (main and modules).</summary>
    public IReadOnlyCollection<ArmTemplate> Templates => _templates.Values;

    /// <summary>A module by file name, e.g. <c>storage.json</c>.</summary>
    public ArmTemplate Module(string fileName) => Load(Path.Combine(InfraPaths.Modules, fileName));

    /// <summary>Loads a template (cached by full path).</summary>
    public ArmTemplate Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!_templates.TryGetValue(full, out var template)) _templates[full] = template = ArmTemplate.Load(full);
        return template;
    }

    /// <summary>The parameter values of an environment's parameter file.</summary>
    public static Dictionary<string, object?> ParameterValues(string environment)
    {
        var root = JsonNode.Parse(File.ReadAllText(InfraPaths.ParameterFile(environment)))!.AsObject();
        return root["parameters"]!.AsObject().ToDictionary(kv => kv.Key, kv => ArmEvaluator.FromJson(kv.Value!["value"]), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>main.json evaluated for an environment's parameter file, with optional overrides (e.g. hostingPlan=premium).</summary>
    public Deployment Evaluate(string environment, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var values = ParameterValues(environment);
        foreach (var (k, v) in overrides ?? new Dictionary<string, object?>()) values[k] = v;
        return new Deployment(this, new ArmEvaluator(Main, values));
    }

    /// <summary>An evaluated main template and, through it, the modules it deploys.</summary>
    public sealed class Deployment(InfraModel model, ArmEvaluator main)
    {
        /// <summary>The main template's evaluator.</summary>
        public ArmEvaluator Main => main;

        /// <summary>The module deployed as <paramref name="deploymentName"/>, evaluated with the parameters main passes; null when its condition is false.</summary>
        public ArmEvaluator? Module(string deploymentName)
        {
            var resource = model.Main.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == deploymentName);
            var instance = main.Instances(resource).SingleOrDefault();
            if (instance is null) return null;
            var properties = (OrderedDictionary<string, object?>)instance["properties"]!;
            var relative = (string)((OrderedDictionary<string, object?>)properties["templateLink"]!)["relativePath"]!;
            var module = model.Load(Path.Combine(InfraPaths.Infra, relative));
            var passed = (OrderedDictionary<string, object?>)properties["parameters"]!;
            var values = passed.ToDictionary(kv => kv.Key, kv => ((OrderedDictionary<string, object?>)kv.Value!)["value"], StringComparer.OrdinalIgnoreCase);
            return new ArmEvaluator(module, values);
        }

        /// <summary>Evaluated instances of every resource of <paramref name="type"/> in a module deployment.</summary>
        public IReadOnlyList<OrderedDictionary<string, object?>> Resources(string deploymentName, string type)
        {
            var module = Module(deploymentName) ?? throw new InvalidOperationException($"deployment '{deploymentName}' is not deployed here");
            return module.Template.Resources.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
                .SelectMany(module.Instances).ToList();
        }
    }
}
