using System.Xml;
using Hub.Core.Storage;
using Hub.Infra.Tests.Arm;

namespace Hub.Infra.Tests;

/// <summary>Queues, containers, tables and the blob trigger's Event Grid wiring match the code, both ways.</summary>
public class QueueAndStorageConsistencyTests
{
    public static TheoryData<string> Environments() => new(InfraPaths.Environments);

    [Theory]
    [MemberData(nameof(Environments))]
    public void Service_bus_queues_are_exactly_those_the_functions_use(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        var queues = deployed.ModuleList("servicebus", "queueNames");
        Assert.Equal(queues.Count, queues.Distinct().Count());
        Assert.Equal(CodeInventory.ServiceBusQueues.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));

        var namespaceName = deployed.MainVariable("serviceBusName");
        var resources = deployed.Deployment.Resources("servicebus", "Microsoft.ServiceBus/namespaces/queues");
        Assert.Equal(queues.Select(q => $"{namespaceName}/{q}").Order(StringComparer.Ordinal),
            resources.Select(r => (string)r["name"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Queue_delivery_settings_match_what_the_local_host_emulates(string environment)
    {
        // The local host reads localHost.serviceBus from host.json; Azure reads the queue properties.
        var local = CodeInventory.HostJson["localHost"]!["serviceBus"]!;
        var maxDeliveryCount = local["maxDeliveryCount"]!.GetValue<long>();
        var lockDuration = TimeSpan.Parse(local["lockDuration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10, maxDeliveryCount); // DESIGN §2: dead-letter after 10 deliveries

        foreach (var queue in Deployed.For(environment, "flex").Deployment.Resources("servicebus", "Microsoft.ServiceBus/namespaces/queues"))
        {
            var p = (OrderedDictionary<string, object?>)queue["properties"]!;
            var name = (string)queue["name"]!;
            Assert.True(maxDeliveryCount == (long)p["maxDeliveryCount"]!, $"{name}: maxDeliveryCount");
            Assert.True(lockDuration == XmlConvert.ToTimeSpan((string)p["lockDuration"]!), $"{name}: lockDuration");
            Assert.True(p["requiresDuplicateDetection"] is true, $"{name}: duplicate detection");
            Assert.True(XmlConvert.ToTimeSpan((string)p["duplicateDetectionHistoryTimeWindow"]!) >= TimeSpan.FromMinutes(1), $"{name}: detection window");
            Assert.True(p["deadLetteringOnMessageExpiration"] is true, $"{name}: dead-letter on expiry");
            Assert.True(XmlConvert.ToTimeSpan((string)p["defaultMessageTimeToLive"]!) >= TimeSpan.FromDays(1), $"{name}: TTL");
            Assert.True(p["requiresSession"] is false, $"{name}: the functions do not use sessions");
        }
    }

    [Fact]
    public void Every_service_bus_binding_uses_one_identity_based_connection()
    {
        var connections = CodeInventory.Bindings.Where(x => x.Binding.Type is "serviceBusTrigger" or "serviceBus")
            .Select(x => x.Binding["connection"]).Distinct().ToList();
        var connection = Assert.Single(connections);
        Assert.NotNull(connection);
        foreach (var deployed in Deployed.All())
        {
            var settings = deployed.AppSettings;
            Assert.False(settings.ContainsKey(connection), $"{deployed}: {connection} must not be a connection string in Azure");
            Assert.Equal($"{deployed.MainVariable("serviceBusName")}.servicebus.windows.net", settings[$"{connection}__fullyQualifiedNamespace"]);
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_data_account_has_every_container_and_table_of_HubStorage(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        var containers = deployed.ModuleList("storage-data", "containers");
        foreach (var container in HubStorage.Containers.All) Assert.Contains(container, containers);
        Assert.Equal(HubStorage.Tables.All.Order(StringComparer.Ordinal), deployed.ModuleList("storage-data", "tables").Order(StringComparer.Ordinal));
        Assert.Empty(deployed.ModuleList("storage-host", "tables"));

        var account = deployed.MainVariable("dataStorageName");
        Assert.Equal(containers.Select(c => $"{account}/default/{c}").Order(StringComparer.Ordinal),
            deployed.Deployment.Resources("storage-data", "Microsoft.Storage/storageAccounts/blobServices/containers").Select(r => (string)r["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(HubStorage.Tables.All.Select(t => $"{account}/default/{t}").Order(StringComparer.Ordinal),
            deployed.Deployment.Resources("storage-data", "Microsoft.Storage/storageAccounts/tableServices/tables").Select(r => (string)r["name"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Containers_the_code_does_not_know_are_used_by_the_templates_themselves(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        // Everything main passes to modules (other than the container lists) and everything it outputs.
        var used = new List<string>();
        foreach (var deployment in InfraModel.Instance.Main.Resources.Select(r => r.Name))
        {
            var module = deployed.Deployment.Module(deployment);
            if (module is null) continue;
            foreach (var (name, _) in module.Template.Parameters)
                if (name != "containers" && module.Parameter(name) is string s) used.Add(s);
        }
        foreach (var (_, output) in InfraModel.Instance.Main.Outputs)
            if (deployed.Deployment.Main.Evaluate(output!["value"], ArmLoopScope.None) is string s) used.Add(s);
        var functionApp = deployed.SiteProperties.At("functionAppConfig.deployment.storage.value") as string ?? "";

        foreach (var deployment in new[] { "storage-data", "storage-host" })
        foreach (var container in deployed.ModuleList(deployment, "containers").Except(HubStorage.Containers.All))
            Assert.True(used.Contains(container) || functionApp.EndsWith("/" + container, StringComparison.Ordinal),
                $"{deployment}: container '{container}' is neither a HubStorage container nor used by a module or deploy.sh output");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Lifecycle_rules_cover_results_outbox_and_the_raw_uploads(string environment)
    {
        var deployed = Deployed.For(environment, "flex");
        var policy = deployed.Single("storage-data", "Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = ((List<object?>)policy.At("properties.policy.rules")!).Cast<OrderedDictionary<string, object?>>().ToList();
        var containers = deployed.ModuleList("storage-data", "containers");

        OrderedDictionary<string, object?> RuleFor(string container)
        {
            var matching = rules.Where(r => ((List<object?>)r.At("definition.filters.prefixMatch")!).Cast<string>().Any(p => p == container + "/")).ToList();
            return Assert.Single(matching);
        }

        foreach (var rule in rules)
        foreach (var prefix in ((List<object?>)rule.At("definition.filters.prefixMatch")!).Cast<string>())
            Assert.Contains(prefix.Split('/')[0], containers);

        foreach (var tiered in new[] { HubStorage.Containers.Results, HubStorage.Containers.Outbox })
        {
            var baseBlob = (OrderedDictionary<string, object?>)RuleFor(tiered).At("definition.actions.baseBlob")!;
            var cool = (long)baseBlob.At("tierToCool.daysAfterModificationGreaterThan")!;
            var delete = (long)baseBlob.At("delete.daysAfterModificationGreaterThan")!;
            // Cool storage bills 30 days minimum: deleting sooner costs an early-deletion charge.
            Assert.True(delete >= cool + 30, $"{environment} {tiered}: delete after {delete} days, cool after {cool}");
        }
        foreach (var raw in new[] { HubStorage.Containers.Submissions, HubStorage.Containers.Quarantine })
        {
            var delete = (long)RuleFor(raw).At("definition.actions.baseBlob.delete.daysAfterModificationGreaterThan")!;
            Assert.InRange(delete, 1, 31); // they may hold raw My Numbers: short safety nets, not archives
        }

        // The release archive (rollback source) is pruned too, and only it.
        var hostRules = ((List<object?>)deployed.Single("storage-host", "Microsoft.Storage/storageAccounts/managementPolicies").At("properties.policy.rules")!)
            .Cast<OrderedDictionary<string, object?>>().ToList();
        var releases = (string)deployed.Deployment.Main.Variable("releasesContainer")!;
        Assert.Equal([releases + "/"], ((List<object?>)Assert.Single(hostRules).At("definition.filters.prefixMatch")!).Cast<string>());
        Assert.True((long)hostRules[0].At("definition.actions.baseBlob.delete.daysAfterModificationGreaterThan")! >= 30);
    }

    [Fact]
    public void Every_blob_trigger_is_event_grid_driven_and_subscribed()
    {
        var blobTriggers = CodeInventory.Bindings.Where(x => x.Binding.Type == "blobTrigger").ToList();
        var (function, binding) = Assert.Single(blobTriggers); // one subscription template: a second trigger needs infra work
        Assert.Equal("EventGrid", binding["source"]); // Flex Consumption only supports the EventGrid source
        var container = binding["path"]!.Split('/')[0];
        Assert.Equal(HubStorage.ConnectionName, binding["connection"]);

        var events = InfraModel.Instance.Module("blob-events.json");
        Assert.Equal(function.Name, events.Parameters["blobTriggerFunctionName"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal(container, events.Parameters["submissionsContainer"]!["defaultValue"]!.GetValue<string>());

        var evaluator = new ArmEvaluator(events, new Dictionary<string, object?>
        {
            ["functionAppName"] = "func-x", ["systemTopicName"] = "evgt-x", ["dataStorageName"] = "stx", ["deadLetterContainer"] = "eventgrid-deadletter",
        });
        var subscription = evaluator.Instances(Assert.Single(events.Resources)).Single();
        Assert.Equal("Microsoft.EventGrid/systemTopics/eventSubscriptions", subscription["type"]);
        Assert.Equal(new List<object?> { "Microsoft.Storage.BlobCreated" }, subscription.At("properties.filter.includedEventTypes"));
        Assert.Equal($"/blobServices/default/containers/{container}/blobs/", subscription.At("properties.filter.subjectBeginsWith"));
        var endpoint = events.Resources.Single().Node["properties"]!["destination"]!["properties"]!["endpointUrl"]!.GetValue<string>();
        Assert.Contains("/runtime/webhooks/blobs?functionName={1}&code={2}", endpoint, StringComparison.Ordinal);
        Assert.Contains("format('Host.Functions.{0}', parameters('blobTriggerFunctionName'))", endpoint, StringComparison.Ordinal);
        Assert.Contains("listKeys(resourceId('Microsoft.Web/sites/host', parameters('functionAppName'), 'default'), '2022-03-01').systemKeys.blobs_extension", endpoint, StringComparison.Ordinal);
        Assert.IsType<ArmUnknown>(subscription.At("properties.destination.properties.endpointUrl")); // the key is only known at deployment

        foreach (var env in InfraPaths.Environments)
        {
            var deployed = Deployed.For(env, "flex");
            // The topic is on the account the trigger's connection (HubStorage) points at, and main tells deploy.sh its name.
            Assert.Equal(deployed.MainVariable("blobEventsTopicName"), deployed.ModuleParameter("storage-data", "blobEventsTopicName"));
            Assert.Equal("", deployed.ModuleParameter("storage-host", "blobEventsTopicName"));
            Assert.StartsWith($"https://{deployed.MainVariable("dataStorageName")}.blob.", (string)deployed.AppSettings["HubStorage__blobServiceUri"]!);
            Assert.Equal(container, deployed.MainVariable("submissionsContainer"));
        }
    }
}
