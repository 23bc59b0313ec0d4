using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.LocalHost.Config;

/// <summary>What the local host reads from host.json (the same file Azure reads).</summary>
public sealed record HostConfig
{
    /// <summary>customHandler.description.defaultExecutablePath (relative to the app root).</summary>
    public required string DefaultExecutablePath { get; init; }

    /// <summary>customHandler.description.workingDirectory ("" = the app root).</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>customHandler.description.arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>functionTimeout (the host's HTTP client waits this plus one minute).</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>extensions.serviceBus.maxConcurrentCalls (v5 default 16 × processors; we default to 16).</summary>
    public int ServiceBusMaxConcurrentCalls { get; init; } = 16;

    /// <summary>extensions.serviceBus.maxAutoLockRenewalDuration.</summary>
    public TimeSpan ServiceBusMaxAutoLockRenewal { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Max delivery count of the emulated Service Bus queues (a queue property in Azure; localHost.serviceBus.maxDeliveryCount here).</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Lock duration of the emulated Service Bus queues (a queue property in Azure).</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>extensions.blobs.poisonBlobThreshold: blob trigger attempts before the poison queue (default 5; extensions.queues does not apply).</summary>
    public int BlobMaxDequeueCount { get; init; } = 5;

    /// <summary>extensions.blobs.maxDegreeOfParallelism.</summary>
    public int BlobMaxDegreeOfParallelism { get; init; } = 8;

    /// <summary>
    /// Output sends of one invocation in flight at once (localHost.outputs.maxConcurrentSends, default 32; 1 = the
    /// host's one-message-at-a-time order). A local-host setting only: see OutputWriter.
    /// </summary>
    public int MaxConcurrentOutputSends { get; init; } = 32;

    /// <summary>Reads host.json from an app root.</summary>
    /// <exception cref="InvalidDataException">host.json is missing or has no customHandler section.</exception>
    public static HostConfig Load(string appRoot)
    {
        var path = Path.Combine(appRoot, "host.json");
        if (!File.Exists(path)) throw new InvalidDataException($"No host.json in {appRoot}.");
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        var description = root["customHandler"]?["description"]
            ?? throw new InvalidDataException("host.json has no customHandler.description: this host runs custom handlers only.");
        var sb = root["extensions"]?["serviceBus"];
        var local = root["localHost"]?["serviceBus"];
        return new HostConfig
        {
            DefaultExecutablePath = description["defaultExecutablePath"]?.GetValue<string>()
                ?? throw new InvalidDataException("host.json: customHandler.description.defaultExecutablePath is required."),
            WorkingDirectory = description["workingDirectory"]?.GetValue<string>() ?? "",
            Arguments = description["arguments"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [],
            FunctionTimeout = Span(root["functionTimeout"]) ?? TimeSpan.FromMinutes(5),
            ServiceBusMaxConcurrentCalls = sb?["maxConcurrentCalls"]?.GetValue<int>() ?? 16,
            ServiceBusMaxAutoLockRenewal = Span(sb?["maxAutoLockRenewalDuration"]) ?? TimeSpan.FromMinutes(5),
            MaxDeliveryCount = local?["maxDeliveryCount"]?.GetValue<int>() ?? 10,
            LockDuration = Span(local?["lockDuration"]) ?? TimeSpan.FromMinutes(1),
            BlobMaxDequeueCount = root["extensions"]?["blobs"]?["poisonBlobThreshold"]?.GetValue<int>() ?? 5,
            BlobMaxDegreeOfParallelism = root["extensions"]?["blobs"]?["maxDegreeOfParallelism"]?.GetValue<int>() ?? 8,
            MaxConcurrentOutputSends = Math.Max(1, root["localHost"]?["outputs"]?["maxConcurrentSends"]?.GetValue<int>() ?? 32),
        };
    }

    private static TimeSpan? Span(JsonNode? node) => node is null ? null : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
