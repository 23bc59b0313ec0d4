using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>Evaluated facts about one environment and hosting plan, read through the templates.</summary>
public sealed class Deployed
{
    private Deployed(string environment, string plan, IReadOnlyDictionary<string, object?>? overrides)
    {
        Environment = environment;
        Plan = plan;
        var parameters = new Dictionary<string, object?>
        {
            ["hostingPlan"] = plan,
            // deploy.sh always passes the release blob for Elastic Premium.
            ["packageUrl"] = plan == "premium" ? "https://sthost.blob.core.windows.net/app-releases/app-20261121.zip" : "",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, object?>()) parameters[k] = v;
        Deployment = InfraModel.Instance.Evaluate(environment, parameters);
        FunctionApp = Deployment.Module("functionapp")!;
    }

    /// <summary>dev or prod.</summary>
    public string Environment { get; }

    /// <summary>flex or premium.</summary>
    public string Plan { get; }

    /// <summary>The evaluated main template.</summary>
    public InfraModel.Deployment Deployment { get; }

    /// <summary>The evaluated function app module.</summary>
    public ArmEvaluator FunctionApp { get; }

    /// <summary>Every environment × plan combination.</summary>
    public static IEnumerable<Deployed> All() =>
        from env in InfraPaths.Environments from plan in new[] { "flex", "premium" } select new Deployed(env, plan, null);

    /// <summary>xunit data: environment, plan.</summary>
    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var env in InfraPaths.Environments)
        foreach (var plan in new[] { "flex", "premium" })
            data.Add(env, plan);
        return data;
    }

    /// <summary>One combination.</summary>
    public static Deployed For(string environment, string plan, IReadOnlyDictionary<string, object?>? overrides = null) => new(environment, plan, overrides);

    /// <summary>A main-template variable (resource names …).</summary>
    public string MainVariable(string name) => (string)Deployment.Main.Variable(name)!;

    /// <summary>The app settings the function app gets (name → value; unknowns stay <see cref="ArmUnknown"/>).</summary>
    public IReadOnlyDictionary<string, object?> AppSettings
    {
        get
        {
            var config = FunctionApp.Template.Resources.Single(r => r.Type == "Microsoft.Web/sites/config" && r.Name.Contains("appsettings", StringComparison.Ordinal));
            var instance = FunctionApp.Instances(config).Single();
            return ((OrderedDictionary<string, object?>)instance["properties"]!).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The site's evaluated properties.</summary>
    public OrderedDictionary<string, object?> SiteProperties =>
        (OrderedDictionary<string, object?>)Single("functionapp", "Microsoft.Web/sites")["properties"]!;

    /// <summary>The single instance of a resource type in a module deployment.</summary>
    public OrderedDictionary<string, object?> Single(string deployment, string type) => Deployment.Resources(deployment, type).Single();

    /// <summary>A module parameter value as main passes it.</summary>
    public object? ModuleParameter(string deployment, string parameter) => Deployment.Module(deployment)!.Parameter(parameter);

    /// <summary>A string list module parameter.</summary>
    public IReadOnlyList<string> ModuleList(string deployment, string parameter) =>
        ((List<object?>)ModuleParameter(deployment, parameter)!).Cast<string>().ToList();

    /// <inheritdoc />
    public override string ToString() => $"{Environment}/{Plan}";
}

/// <summary>Shortcuts for evaluated objects.</summary>
public static class EvaluatedExtensions
{
    /// <summary>A nested property by dotted path (case-insensitive keys).</summary>
    public static object? At(this OrderedDictionary<string, object?> obj, string path)
    {
        object? current = obj;
        foreach (var part in path.Split('.'))
            current = current is OrderedDictionary<string, object?> o && o.TryGetValue(part, out var v) ? v : throw new KeyNotFoundException($"'{path}': no '{part}'");
        return current;
    }
}
