using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.LocalHost;
using Hub.LocalHost.Config;
using Hub.Storage;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

/// <summary>
/// A throw-away function app for local-host tests: host.json pointing at the test handler, function
/// folders written by the test, and a storage account of its own (so fixed queue names don't collide).
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly string _root;
    private FunctionsHost? _host;

    public TestApp(AzuriteInstance azurite, int maxDeliveryCount = 3)
    {
        Account = azurite.LeaseAccount();
        _root = Directory.CreateTempSubdirectory("hub-testapp-").FullName;
        RecordDir = Path.Combine(_root, "records");
        Directory.CreateDirectory(RecordDir);
        var host = new JsonObject
        {
            ["version"] = "2.0",
            ["customHandler"] = new JsonObject
            {
                ["description"] = new JsonObject { ["defaultExecutablePath"] = TestHandlerPath(), ["workingDirectory"] = "", ["arguments"] = new JsonArray() },
            },
            ["functionTimeout"] = "00:01:00",
            ["extensions"] = new JsonObject { ["serviceBus"] = new JsonObject { ["maxConcurrentCalls"] = 4 } },
            ["localHost"] = new JsonObject { ["serviceBus"] = new JsonObject { ["maxDeliveryCount"] = maxDeliveryCount, ["lockDuration"] = "00:00:30" } },
        };
        File.WriteAllText(Path.Combine(_root, "host.json"), host.ToJsonString());
    }

    public StorageConnection Account { get; }

    public string RecordDir { get; }

    public FunctionsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public Dictionary<string, string> ExtraSettings { get; } = new();

    public TestApp Function(string name, string functionJson, object? behavior = null)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "function.json"), functionJson);
        if (behavior is not null) SetBehavior(name, behavior);
        return this;
    }

    public void SetBehavior(string function, object behavior) =>
        File.WriteAllText(Path.Combine(_root, function, "behavior.json"), JsonSerializer.Serialize(behavior));

    public async Task<FunctionsHost> StartAsync()
    {
        var connection = Account.ToConnectionString();
        var values = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
            ["AzureWebJobsStorage"] = connection,
            ["HubStorage"] = connection,
            ["ServiceBusConnection"] = connection,
            ["TESTHANDLER_RECORD_DIR"] = RecordDir,
            ["TEST_SETTING"] = "from-settings",
        };
        foreach (var (k, v) in ExtraSettings) values[k] = v;
        _host = await FunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = _root,
            Settings = new AppSettings(values),
            LogDirectory = Path.Combine(_root, "logs"),
        });
        return _host;
    }

    /// <summary>Requests the handler received for a function, in order.</summary>
    public IReadOnlyList<JsonObject> Records(string function)
    {
        var file = Path.Combine(RecordDir, function + ".jsonl");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
    }

    /// <summary>The envelope of a recorded request.</summary>
    public static JsonObject Envelope(JsonObject record) => JsonNode.Parse(record["body"]!.GetValue<string>())!.AsObject();

    public string HostLog => File.ReadAllText(Path.Combine(_root, "logs", "host.log"));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string TestHandlerPath()
    {
        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = RepoPaths.Combine("tests", "Hub.TestHandler", "bin", config, "net10.0", "Hub.TestHandler.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/Hub.TestHandler first.", dll);
    }
}
