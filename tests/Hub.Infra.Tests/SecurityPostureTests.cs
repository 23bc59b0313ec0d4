using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>The security properties the issue asks for are in the templates, for every environment.</summary>
public class SecurityPostureTests
{
    public static TheoryData<string> Environments() => new(InfraPaths.Environments);

    private static OrderedDictionary<string, object?> Props(OrderedDictionary<string, object?> resource) =>
        (OrderedDictionary<string, object?>)resource["properties"]!;

    [Theory]
    [MemberData(nameof(Environments))]
    public void Storage_accounts_are_locked_down(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        var sharedKeys = (bool)InfraModel.ParameterValues(environment).GetValueOrDefault("allowSharedKeyAccess", false)!;
        if (environment == "prod") Assert.False(sharedKeys, "prod must not allow shared keys");
        foreach (var deployment in new[] { "storage-data", "storage-host" })
        {
            var account = Props(deployed.Single(deployment, "Microsoft.Storage/storageAccounts"));
            Assert.Equal("TLS1_2", account["minimumTlsVersion"]);
            Assert.Equal(true, account["supportsHttpsTrafficOnly"]);
            Assert.Equal(false, account["allowBlobPublicAccess"]);
            Assert.Equal(sharedKeys, account["allowSharedKeyAccess"]);
            Assert.Equal(true, account["defaultToOAuthAuthentication"]);

            var blob = Props(deployed.Single(deployment, "Microsoft.Storage/storageAccounts/blobServices"));
            Assert.Equal(true, blob.At("deleteRetentionPolicy.enabled"));
            Assert.Equal(true, blob.At("containerDeleteRetentionPolicy.enabled"));
            // Versions or change-feed copies would keep uploads with raw My Numbers after the app deletes them.
            Assert.Equal(false, blob["isVersioningEnabled"]);
            Assert.Equal(false, blob.At("changeFeed.enabled"));
            foreach (var container in deployed.Deployment.Resources(deployment, "Microsoft.Storage/storageAccounts/blobServices/containers"))
                Assert.Equal("None", Props(container)["publicAccess"]);
        }
        Assert.Equal(true, Props(deployed.Single("storage-data", "Microsoft.Storage/storageAccounts")).At("encryption.requireInfrastructureEncryption"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Key_Vault_Service_Bus_and_monitoring_use_Entra_ID_only(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        var vault = Props(deployed.Single("keyvault", "Microsoft.KeyVault/vaults"));
        Assert.Equal(true, vault["enableRbacAuthorization"]);
        Assert.Equal(true, vault["enableSoftDelete"]);
        Assert.Equal(true, vault["enablePurgeProtection"]);
        Assert.Empty(deployed.Deployment.Resources("keyvault", "Microsoft.KeyVault/vaults/secrets")); // values never in templates

        var bus = deployed.Single("servicebus", "Microsoft.ServiceBus/namespaces");
        Assert.Equal(true, Props(bus)["disableLocalAuth"]);
        Assert.Equal("1.2", Props(bus)["minimumTlsVersion"]);
        Assert.Equal("Standard", bus.At("sku.name"));

        Assert.Equal(true, Props(deployed.Single("monitoring", "Microsoft.Insights/components"))["DisableLocalAuth"]);
        Assert.NotNull(Props(deployed.Single("monitoring", "Microsoft.Insights/components"))["WorkspaceResourceId"]);
    }

    [Theory]
    [MemberData(nameof(Deployed.Combinations), MemberType = typeof(Deployed))]
    public void The_function_app_is_https_only_with_a_system_identity_and_no_basic_auth(string environment, string plan)
    {
        var deployed = Deployed.For(environment, plan);
        var site = deployed.Single("functionapp", "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site["kind"]);
        Assert.Equal("SystemAssigned", site.At("identity.type"));
        var properties = Props(site);
        Assert.Equal(true, properties["httpsOnly"]);
        Assert.Equal(true, properties["reserved"]);
        Assert.Equal("1.2", properties.At("siteConfig.minTlsVersion"));
        Assert.Equal("Disabled", properties.At("siteConfig.ftpsState"));
        var restrictions = (List<object?>)properties.At("siteConfig.ipSecurityRestrictions")!;
        var only = Assert.IsType<OrderedDictionary<string, object?>>(Assert.Single(restrictions));
        Assert.Equal("AzureEventGrid", only["ipAddress"]);
        Assert.Equal("ServiceTag", only["tag"]);
        var policies = deployed.Deployment.Resources("functionapp", "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.Equal(false, Props(p)["allow"]));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_app_identity_has_the_data_roles_its_connections_need(string environment)
    {
        const string blobOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", queueContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            tableContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", busSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
            busReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", secretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        var deployed = Deployed.For(environment, "flex");
        var grants = deployed.Deployment.Resources("functionapp", "Microsoft.Authorization/roleAssignments")
            .Select(r => ((string)r["scope"]!, ((string)Props(r)["roleDefinitionId"]!).Split('/')[^1])).ToHashSet();
        var data = $"Microsoft.Storage/storageAccounts/{deployed.MainVariable("dataStorageName")}";
        var host = $"Microsoft.Storage/storageAccounts/{deployed.MainVariable("hostStorageName")}";
        var bus = $"Microsoft.ServiceBus/namespaces/{deployed.MainVariable("serviceBusName")}";
        var vault = $"Microsoft.KeyVault/vaults/{deployed.MainVariable("keyVaultName")}";
        foreach (var needed in new[]
                 {
                     (data, blobOwner), (data, queueContributor), (data, tableContributor),
                     (host, blobOwner), (host, queueContributor),
                     (bus, busSender), (bus, busReceiver),
                     (vault, secretsUser),
                 })
            Assert.True(grants.Contains(needed), $"missing role {needed.Item2} on {needed.Item1}");
        Assert.All(deployed.Deployment.Resources("functionapp", "Microsoft.Authorization/roleAssignments"),
            r => Assert.Equal("ServicePrincipal", Props(r)["principalType"]));

        // App settings wait for the grants (Key Vault references resolve with the identity).
        var config = deployed.FunctionApp.Template.Resources.Single(r => r.Type == "Microsoft.Web/sites/config");
        Assert.Contains("appRoleLoop", config.Node["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void Private_networking_adds_integration_and_endpoints_but_keeps_uploads_reachable()
    {
        var deployed = InfraModel.Instance.Evaluate("prod", new Dictionary<string, object?>
        {
            ["enablePrivateNetworking"] = true, ["disablePublicNetworkAccess"] = true, ["storageAllowedIpRanges"] = new List<object?> { "203.0.113.0/24" },
        });
        Assert.NotNull(deployed.Module("network"));
        var site = (OrderedDictionary<string, object?>)deployed.Resources("functionapp", "Microsoft.Web/sites").Single()["properties"]!;
        Assert.EndsWith("/subnets/snet-app", (string)site["virtualNetworkSubnetId"]!);
        Assert.Equal(3, deployed.Resources("storage-data", "Microsoft.Network/privateEndpoints").Count);
        Assert.Equal(3, deployed.Resources("storage-host", "Microsoft.Network/privateEndpoints").Count);
        Assert.Single(deployed.Resources("keyvault", "Microsoft.Network/privateEndpoints"));
        Assert.Empty(deployed.Resources("servicebus", "Microsoft.Network/privateEndpoints")); // Standard has no private link

        var data = (OrderedDictionary<string, object?>)deployed.Resources("storage-data", "Microsoft.Storage/storageAccounts").Single()["properties"]!;
        Assert.Equal("Enabled", data["publicNetworkAccess"]); // employers upload over the internet with their SAS
        Assert.Equal("Deny", data.At("networkAcls.defaultAction"));
        Assert.Equal("203.0.113.0/24", ((OrderedDictionary<string, object?>)((List<object?>)data.At("networkAcls.ipRules")!).Single()!)["value"]);
        var host = (OrderedDictionary<string, object?>)deployed.Resources("storage-host", "Microsoft.Storage/storageAccounts").Single()["properties"]!;
        Assert.Equal("Disabled", host["publicNetworkAccess"]);

        var premiumBus = InfraModel.Instance.Evaluate("prod", new Dictionary<string, object?> { ["enablePrivateNetworking"] = true, ["serviceBusSku"] = "Premium" });
        Assert.Single(premiumBus.Resources("servicebus", "Microsoft.Network/privateEndpoints"));

        var without = Deployed.For("prod", "flex");
        Assert.Null(without.Deployment.Module("network"));
        Assert.Null(without.SiteProperties["virtualNetworkSubnetId"]);
        Assert.Empty(without.Deployment.Resources("storage-data", "Microsoft.Network/privateEndpoints"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Resource_names_fit_Azure_limits_even_with_the_longest_prefix(string environment)
    {
        var maxPrefix = new string('p', InfraModel.Instance.Main.Parameters["namePrefix"]!["maxLength"]!.GetValue<int>());
        var main = InfraModel.Instance.Evaluate(environment, new Dictionary<string, object?> { ["namePrefix"] = maxPrefix }).Main;
        string Name(string variable) => (string)main.Variable(variable)!;
        foreach (var storage in new[] { Name("dataStorageName"), Name("hostStorageName") })
            Assert.Matches("^[a-z0-9]{3,24}$", storage);
        Assert.Matches("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", Name("keyVaultName"));
        Assert.Matches("^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$", Name("serviceBusName"));
        // Sites: 2-60 characters; the Functions host id is the name cut to 32 characters and must stay unique.
        Assert.InRange(Name("functionAppName").Length, 2, 32);
        Assert.NotEqual(Name("dataStorageName"), Name("hostStorageName"));
    }

    [Fact]
    public void Secure_parameters_have_no_defaults()
    {
        foreach (var template in InfraModel.Instance.Templates)
        foreach (var (name, declared) in template.Parameters)
            if (declared!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                Assert.True(declared["defaultValue"] is null, $"{template.Name}: secure parameter {name} has a default");
    }
}
