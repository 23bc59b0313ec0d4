using System.Text.Json;
using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>infra/ templates and parameter files are valid JSON and pass the static checks.</summary>
public class TemplateValidityTests
{
    private static InfraModel Infra => InfraModel.Instance;

    public static TheoryData<string> JsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(InfraPaths.Infra, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(InfraPaths.Infra, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Every_json_file_parses_strictly(string relative)
    {
        // No comments, no trailing commas: az and the template-spec packer read plain JSON.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, relative)));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void There_is_a_main_template_modules_and_a_parameter_file_per_environment()
    {
        Assert.True(File.Exists(InfraPaths.Main));
        Assert.True(Infra.Templates.Count >= 8, string.Join(", ", Infra.Templates.Select(t => t.Name)));
        foreach (var env in InfraPaths.Environments) Assert.True(File.Exists(InfraPaths.ParameterFile(env)), env);
    }

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var t in InfraModel.Instance.Templates.OrderBy(t => t.Name, StringComparer.Ordinal)) data.Add(t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_passes_the_static_checks(string name)
    {
        var template = Infra.Templates.Single(t => t.Name == name);
        Assert.Empty(ArmTemplateValidator.Validate(template));
    }

    [Fact]
    public void Main_links_its_modules_correctly() =>
        Assert.Empty(ArmTemplateValidator.ValidateLinks(Infra.Main, Infra.Load));

    [Fact]
    public void Every_module_is_deployed_by_main_or_by_deploy_sh()
    {
        var linked = Infra.Main.Resources.Where(r => r.Type == "Microsoft.Resources/deployments")
            .Select(r => Path.GetFileName(r.Node["properties"]!["templateLink"]!["relativePath"]!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        var script = File.ReadAllText(InfraPaths.DeployScript);
        foreach (var module in Directory.EnumerateFiles(InfraPaths.Modules, "*.json").Select(Path.GetFileName))
            Assert.True(linked.Contains(module!) || script.Contains($"modules/{module}", StringComparison.Ordinal),
                $"modules/{module} is neither linked from main.json nor deployed by deploy.sh");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Parameter_files_fit_main(string environment) =>
        Assert.Empty(ArmTemplateValidator.ValidateParameterFile(InfraPaths.ParameterFile(environment), Infra.Main));

    [Theory]
    [InlineData("dev", "flex")]
    [InlineData("dev", "premium")]
    [InlineData("prod", "flex")]
    [InlineData("prod", "premium")]
    public void Every_module_evaluates_for_each_environment_and_plan(string environment, string plan)
    {
        // Evaluating every resource instance of every deployed module catches expressions that parse but
        // fail (a property of a non-object, a wrong index, a missing variable property) before Azure does.
        var deployment = Infra.Evaluate(environment, new Dictionary<string, object?>
        {
            ["hostingPlan"] = plan,
            ["packageUrl"] = plan == "premium" ? "https://example.blob.core.windows.net/app-releases/app-1.zip" : "",
            ["enablePrivateNetworking"] = true,
            ["opsPrincipalId"] = "11111111-1111-1111-1111-111111111111",
            ["alertEmail"] = "ops@example.invalid",
        });
        var deployed = 0;
        foreach (var resource in Infra.Main.Resources)
        {
            var module = deployment.Module(resource.Name);
            if (module is null) continue;
            deployed++;
            foreach (var r in module.Template.Resources) _ = module.Instances(r);
            foreach (var (name, output) in module.Template.Outputs) _ = module.Evaluate(output!["value"], ArmLoopScope.None);
        }
        Assert.Equal(Infra.Main.Resources.Count, deployed);
        foreach (var (name, output) in Infra.Main.Outputs) _ = deployment.Main.Evaluate(output!["value"], ArmLoopScope.None);
    }
}
