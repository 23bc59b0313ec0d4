using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Functions.Protocol;

/// <summary>
/// What a function returns to the host: <c>{"Outputs":{name:value},"Logs":[…],"ReturnValue":…}</c>.
/// Outputs are checked against the function's function.json so the host's conversions cannot bite
/// (docs/architecture/custom-handler-protocol.md §3): the host runs <c>Convert.FromBase64String</c> on
/// every string output of a binding without <c>"dataType":"binary"</c> and passes the bytes on if it
/// decodes — a Service Bus message then reads <c>System.Byte[]</c>, and a short text becomes garbage.
/// So strings are never sent: messages and JSON blobs are objects, and raw blob content is sent as base64
/// on purpose to a blob binding WITHOUT dataType binary (with it, the base64 text itself is written).
/// </summary>
public sealed class InvocationResult
{
    private readonly FunctionMetadata _function;
    private readonly JsonObject _outputs = new();
    private readonly List<string> _logs = [];

    /// <summary>Starts an empty result for <paramref name="function"/>.</summary>
    public InvocationResult(FunctionMetadata function) => _function = function;

    /// <summary>Log lines the host writes to its logs (never personal data).</summary>
    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Adds a log line.</summary>
    public InvocationResult Log(string message)
    {
        _logs.Add(message);
        return this;
    }

    /// <summary>Sets an output to one JSON object (one message, or a JSON blob).</summary>
    public InvocationResult SetOutput<T>(string bindingName, T value) where T : class
    {
        var binding = RequireOutput(bindingName);
        var node = JsonSerializer.SerializeToNode(value, HostJson.Options);
        if (node is not (JsonObject or JsonArray))
            throw new InvalidOperationException(
                $"Output '{bindingName}' of {_function.Name} must be a JSON object or array: the host would try to base64-decode a string. Use SetBlobContent for raw blob content.");
        _outputs[binding.Name] = node;
        return this;
    }

    /// <summary>Sets a queue or Service Bus output to several messages (one per element, as the host sends arrays).</summary>
    public InvocationResult SetMessages<T>(string bindingName, IEnumerable<T> messages) where T : class
    {
        var binding = RequireOutput(bindingName);
        if (binding.Type is not ("queue" or "serviceBus"))
            throw new InvalidOperationException($"Output '{bindingName}' is a {binding.Type} binding; only queue and serviceBus outputs take several messages.");
        var array = new JsonArray();
        foreach (var message in messages)
        {
            var node = JsonSerializer.SerializeToNode(message, HostJson.Options);
            if (node is not JsonObject) throw new InvalidOperationException($"Every message of '{bindingName}' must be a JSON object.");
            array.Add(node);
        }
        if (array.Count > 0) _outputs[binding.Name] = array;
        return this;
    }

    /// <summary>Sets raw blob content: sent as base64, which the host decodes for a blob binding without <c>"dataType":"binary"</c>.</summary>
    public InvocationResult SetBlobContent(string bindingName, ReadOnlySpan<byte> content)
    {
        var binding = RequireOutput(bindingName);
        if (binding.Type != "blob" || IsBinary(binding))
            throw new InvalidOperationException($"Output '{bindingName}' must be a blob binding without \"dataType\": \"binary\" (with it the host writes the base64 text itself).");
        _outputs[binding.Name] = Convert.ToBase64String(content);
        return this;
    }

    /// <summary>Writes the response body.</summary>
    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        var envelope = new JsonObject
        {
            ["Outputs"] = _outputs.DeepClone(),
            ["Logs"] = new JsonArray(_logs.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            ["ReturnValue"] = null,
        };
        await JsonSerializer.SerializeAsync(body, envelope, HostJson.Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The outputs as they will be sent (for tests).</summary>
    public JsonObject Outputs => _outputs;

    private BindingMetadata RequireOutput(string bindingName)
    {
        var binding = _function.Binding(bindingName);
        if (binding is null || !binding.IsOutput)
            throw new InvalidOperationException($"{_function.Name}/function.json declares no output binding '{bindingName}'.");
        return binding;
    }

    private static bool IsBinary(BindingMetadata binding) => string.Equals(binding.DataType, "binary", StringComparison.OrdinalIgnoreCase);
}
