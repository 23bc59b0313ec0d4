using System.Text.RegularExpressions;
using Hub.Core.Storage;
using Hub.Infra.Tests.Arm;
using NCrontab;

namespace Hub.Infra.Tests;

/// <summary>
/// Every app setting the code, function.json or the sample settings use is deployed (identity-based
/// where the sample holds a connection string), and every deployed setting has a user.
/// </summary>
public partial class AppSettingsConsistencyTests
{
    // Consumed by the Functions host or App Service, not by our code.
    private static readonly string[] PlatformPrefixes = ["FUNCTIONS_", "WEBSITE_", "APPLICATIONINSIGHTS_", "AzureFunctionsJobHost__", "AzureFunctionsWebHost__"];

    /// <summary>Settings main.json declares as deliberately not deployed, with the reason (metadata.hubSettingsNotDeployed).</summary>
    private static IReadOnlyDictionary<string, string> NotDeployed =>
        InfraModel.Instance.Main.Root["metadata"]!["hubSettingsNotDeployed"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

    /// <summary>Settings deployed only when a parameter asks for them (metadata.hubSettingsConditional): name → (parameter, value).</summary>
    private static IReadOnlyDictionary<string, (string Parameter, string Value)> Conditional =>
        InfraModel.Instance.Main.Root["metadata"]!["hubSettingsConditional"]!.AsObject().ToDictionary(
            kv => kv.Key, kv => (kv.Value!["parameter"]!.GetValue<string>(), kv.Value!["value"]!.GetValue<string>()));

    /// <summary>Connections whose sections may appear: every binding connection, the host's, and the code's HubStorage.</summary>
    private static IReadOnlySet<string> Connections =>
        CodeInventory.Bindings.Select(x => x.Binding["connection"]).OfType<string>()
            .Append("AzureWebJobsStorage").Append(HubStorage.ConnectionName).ToHashSet(StringComparer.Ordinal);

    private static bool IsConnectionString(string value) =>
        value.StartsWith("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase) ||
        value.Contains("AccountName=", StringComparison.OrdinalIgnoreCase) || value.StartsWith("Endpoint=sb://", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void The_code_scan_finds_the_settings_the_core_reads()
    {
        // Guards the scanner itself: these are read today by Hub.Core (HubServices, HubClock, MyNumberKeyRing).
        var found = CodeInventory.CodeSettings();
        foreach (var name in new[] { "Hub__Environment", "Hub__Clock__AsOf", "Hub__MyNumber__Keys", "Hub__MyNumber__ActiveKey", "Hub__MyNumber__IndexKey" })
            Assert.True(found.ContainsKey(name), $"scanner missed {name}");
        Assert.DoesNotContain(found.Keys, k => k.EndsWith("__", StringComparison.Ordinal) || k.Contains(' ', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void Every_setting_the_code_reads_is_deployed(string environment, string plan)
    {
        var settings = Deployed.For(environment, plan).AppSettings;
        var notDeployed = NotDeployed;
        var conditional = Conditional;
        var missing = CodeInventory.CodeSettings()
            .Where(kv => !notDeployed.ContainsKey(kv.Key) && !conditional.ContainsKey(kv.Key) && !settings.ContainsKey(kv.Key))
            .Select(kv => $"{kv.Key} (read in {string.Join(", ", kv.Value)})").ToList();
        Assert.True(missing.Count == 0, "Add to infra/modules/functionapp.json (or to main.json metadata.hubSettingsNotDeployed with a reason): " + string.Join("; ", missing));
        foreach (var name in CodeInventory.PercentSettings) Assert.True(settings.ContainsKey(name), $"function.json uses %{name}%");
    }

    [Fact]
    public void Conditional_settings_appear_exactly_when_their_parameter_asks()
    {
        var code = CodeInventory.CodeSettings();
        foreach (var (name, (parameter, value)) in Conditional)
        {
            Assert.True(code.ContainsKey(name), $"{name} is conditional in main.json metadata but no code reads it");
            Assert.NotNull(InfraModel.Instance.Main.Parameters[parameter]);
            foreach (var deployed in Deployed.All())
            {
                var asked = (string)deployed.Deployment.Main.Parameter(parameter)! == value;
                Assert.Equal(asked, deployed.AppSettings.ContainsKey(name));
                var enabled = Deployed.For(deployed.Environment, deployed.Plan, new Dictionary<string, object?> { [parameter] = value });
                Assert.True(enabled.AppSettings.ContainsKey(name), $"{parameter}={value} should deploy {name}");
            }
        }
    }

    [Fact]
    public void Settings_kept_out_of_Azure_are_used_locally_and_absent_from_the_templates()
    {
        var code = CodeInventory.CodeSettings();
        var sample = CodeInventory.SampleSettings;
        Assert.NotEmpty(NotDeployed);
        foreach (var (name, reason) in NotDeployed)
        {
            Assert.True(code.ContainsKey(name) || sample.ContainsKey(name), $"{name} is listed as not deployed but neither the code nor the sample uses it: remove it from main.json metadata");
            Assert.False(string.IsNullOrWhiteSpace(reason), name);
            foreach (var deployed in Deployed.All()) Assert.False(deployed.AppSettings.ContainsKey(name), $"{deployed}: {name} must not be deployed");
        }
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void Every_sample_setting_has_its_Azure_counterpart(string environment, string plan)
    {
        var deployed = Deployed.For(environment, plan);
        var settings = deployed.AppSettings;
        var notDeployed = NotDeployed;
        foreach (var (name, value) in CodeInventory.SampleSettings)
        {
            if (notDeployed.ContainsKey(name)) continue;
            if (name == "FUNCTIONS_WORKER_RUNTIME")
            {
                // Flex Consumption rejects the setting and takes the runtime from functionAppConfig instead.
                if (plan == "flex")
                {
                    Assert.False(settings.ContainsKey(name));
                    Assert.Equal(value, deployed.SiteProperties.At("functionAppConfig.runtime.name"));
                }
                else
                {
                    Assert.Equal(value, settings[name]);
                }
            }
            else if (IsConnectionString(value))
            {
                Assert.False(settings.ContainsKey(name), $"{name} must be identity-based in Azure, not a connection string");
                Assert.Equal("managedidentity", settings[$"{name}__credential"]);
                Assert.True(settings.Keys.Count(k => k.StartsWith(name + "__", StringComparison.Ordinal)) >= 2, $"{name}: no service endpoint setting");
            }
            else
            {
                Assert.True(settings.ContainsKey(name), $"{environment}/{plan}: sample setting {name} is not deployed");
            }
        }
        Assert.Equal("Azure", settings["Hub__Environment"]); // Local relaxes rules (http webhooks to loopback)
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void Storage_connections_have_the_endpoints_their_users_need(string environment, string plan)
    {
        var deployed = Deployed.For(environment, plan);
        var settings = deployed.AppSettings;
        void Endpoint(string connection, string service, string account) =>
            Assert.Equal($"https://{account}.{service}.core.windows.net", settings[$"{connection}__{service}ServiceUri"]);

        var data = deployed.MainVariable("dataStorageName");
        var host = deployed.MainVariable("hostStorageName");
        // A blob trigger needs blob and queue (its poison queue lives in the blob's account); the code reads tables.
        foreach (var connection in CodeInventory.ConnectionsByType["blobTrigger"].Append(HubStorage.ConnectionName).Distinct())
        {
            Endpoint(connection, "blob", data);
            Endpoint(connection, "queue", data);
        }
        Endpoint(HubStorage.ConnectionName, "table", data);
        Endpoint("AzureWebJobsStorage", "blob", host);
        Endpoint("AzureWebJobsStorage", "queue", host);
        Endpoint("AzureWebJobsStorage", "table", host);
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void Every_deployed_setting_has_a_user(string environment, string plan)
    {
        var code = CodeInventory.CodeSettings();
        var sample = CodeInventory.SampleSettings;
        var percent = CodeInventory.PercentSettings;
        var connections = Connections;
        foreach (var name in Deployed.For(environment, plan).AppSettings.Keys)
        {
            var used = code.ContainsKey(name) || sample.ContainsKey(name) || percent.Contains(name) ||
                       PlatformPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) ||
                       (name.Split("__") is [var connection, _] && connections.Contains(connection));
            Assert.True(used, $"{environment}/{plan}: app setting {name} is deployed but nothing reads it");
        }
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void Secrets_come_from_Key_Vault_and_no_setting_holds_a_key(string environment, string plan)
    {
        var deployed = Deployed.For(environment, plan);
        var vault = deployed.MainVariable("keyVaultName");
        foreach (var (name, value) in deployed.AppSettings)
        {
            if (value is not string text) continue;
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("UseDevelopmentStorage", text, StringComparison.OrdinalIgnoreCase);
            if (!SecretName().IsMatch(name)) continue;
            var reference = KeyVaultReference().Match(text);
            Assert.True(reference.Success, $"{name} looks secret and must be a Key Vault reference, not '{text}'");
            Assert.Equal(vault, reference.Groups["vault"].Value);
            // Secret names: the setting name lower-cased with '__' as '-' (Key Vault allows letters, digits, dashes).
            Assert.Equal(name.Replace("__", "-", StringComparison.Ordinal).ToLowerInvariant(), reference.Groups["secret"].Value);
        }
    }

    [Fact]
    public void Key_Vault_secrets_the_app_reads_are_the_ones_deploy_sh_can_create()
    {
        var referenced = Deployed.For("prod", "flex").AppSettings.Values.OfType<string>()
            .Select(v => KeyVaultReference().Match(v)).Where(m => m.Success).Select(m => m.Groups["secret"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var script = File.ReadAllText(InfraPaths.DeployScript);
        var generated = DeployScriptSecretCase().Matches(script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(referenced);
        Assert.Equal(referenced.Order(StringComparer.Ordinal), generated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ingestion_attempts_match_the_blob_trigger_poison_threshold()
    {
        // The last attempt writes the FAILED report before the host poisons the blob (IngestionSettings.MaxAttempts).
        var threshold = CodeInventory.HostJson["extensions"]?["blobs"]?["poisonBlobThreshold"]?.GetValue<int>() ?? 5;
        foreach (var deployed in Deployed.All())
            Assert.Equal(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), deployed.AppSettings["Hub__Ingestion__MaxAttempts"]);
    }

    [Fact]
    public void Timer_schedules_are_six_field_ncrontab_in_every_environment()
    {
        foreach (var deployed in Deployed.All())
        foreach (var name in CodeInventory.PercentSettings)
        {
            var schedule = Assert.IsType<string>(deployed.AppSettings[name]);
            Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void The_hosting_plan_gets_its_own_settings(string environment, string plan)
    {
        var deployed = Deployed.For(environment, plan);
        var settings = deployed.AppSettings;
        var site = deployed.SiteProperties;
        if (plan == "flex")
        {
            foreach (var name in new[] { "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
                Assert.False(settings.ContainsKey(name), $"Flex Consumption rejects {name}");
            Assert.Equal("custom", site.At("functionAppConfig.runtime.name"));
            Assert.Equal("SystemAssignedIdentity", site.At("functionAppConfig.deployment.storage.authentication.type"));
            var packageContainer = (string)site.At("functionAppConfig.deployment.storage.value")!;
            Assert.StartsWith($"https://{deployed.MainVariable("hostStorageName")}.blob.core.windows.net/", packageContainer);
            Assert.Contains(packageContainer.Split('/')[^1], deployed.ModuleList("storage-host", "containers"));
            Assert.Equal("FC1", deployed.Single("functionapp", "Microsoft.Web/serverfarms").At("sku.name"));
        }
        else
        {
            Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
            Assert.Equal("SystemAssigned", settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
            Assert.StartsWith("https://", (string)settings["WEBSITE_RUN_FROM_PACKAGE"]!);
            Assert.False(settings.ContainsKey("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"), "Azure Files needs an account key");
            Assert.False(site.ContainsKey("functionAppConfig"));
            Assert.Equal("ElasticPremium", deployed.Single("functionapp", "Microsoft.Web/serverfarms").At("sku.tier"));
        }
    }

    [GeneratedRegex(@"(Key|Keys|Secret|Secrets|Password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(VaultName=(?<vault>[A-Za-z0-9-]+);SecretName=(?<secret>[a-z0-9-]+)\)$")]
    private static partial Regex KeyVaultReference();

    // deploy.sh: one "  hub-…)" case per secret it knows how to create.
    [GeneratedRegex(@"^\s+(hub-[a-z0-9-]+)\)", RegexOptions.Multiline)]
    private static partial Regex DeployScriptSecretCase();
}
