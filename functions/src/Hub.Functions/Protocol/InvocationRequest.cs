using System.Text.Json;

namespace Hub.Functions.Protocol;

/// <summary>
/// A decoded invocation from the Functions host: <c>POST /{FunctionName}</c> with
/// <c>{"Data":{…},"Metadata":{…}}</c>. Values are reached by binding or metadata name and decoded with
/// <see cref="HostValue"/>; handlers never see the raw envelope.
/// </summary>
public sealed class InvocationRequest
{
    private readonly Dictionary<string, HostValue> _data;
    private readonly Dictionary<string, HostValue> _metadata;
    private readonly HashSet<string> _skipped;

    internal InvocationRequest(string functionName, string invocationId, string? hostVersion,
        Dictionary<string, HostValue> data, Dictionary<string, HostValue> metadata, HashSet<string> skipped)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        HostVersion = hostVersion;
        _data = data;
        _metadata = metadata;
        _skipped = skipped;
    }

    /// <summary>The function folder name the host posted to.</summary>
    public string FunctionName { get; }

    /// <summary>The host's invocation id (<c>X-Azure-Functions-InvocationId</c>), for log correlation.</summary>
    public string InvocationId { get; }

    /// <summary>The host version (<c>X-Azure-Functions-HostVersion</c>), if sent.</summary>
    public string? HostVersion { get; }

    /// <summary>Names of the inputs in <c>Data</c>.</summary>
    public IEnumerable<string> DataNames => _data.Keys.Concat(_skipped);

    /// <summary>Names of the <c>Metadata</c> entries.</summary>
    public IEnumerable<string> MetadataNames => _metadata.Keys;

    /// <summary>An input by binding name.</summary>
    /// <exception cref="HostEncodingException">The input is absent or was skipped unread.</exception>
    public HostValue Data(string bindingName) =>
        _data.TryGetValue(bindingName, out var value)
            ? value
            : throw new HostEncodingException(_skipped.Contains(bindingName)
                ? $"Input '{bindingName}' was streamed past unread; read the source directly."
                : $"The invocation has no input '{bindingName}'.");

    /// <summary>Whether an input arrived and was skipped unread (a streamed binding).</summary>
    public bool WasSkipped(string bindingName) => _skipped.Contains(bindingName);

    /// <summary>A metadata entry (trigger metadata, path parameters, <c>sys</c>).</summary>
    public HostValue Metadata(string name) =>
        _metadata.TryGetValue(name, out var value) ? value : throw new HostEncodingException($"The invocation has no metadata '{name}'.");

    /// <summary>A metadata entry, or null when the host omitted it (the host omits null values).</summary>
    public HostValue? TryMetadata(string name) => _metadata.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>sys</c> metadata: method name, host UTC time, a random GUID.</summary>
    public SysMetadata Sys => TryMetadata("sys") is { } sys
        ? sys.AsObject<SysMetadata>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        : new SysMetadata(FunctionName, DateTimeOffset.UtcNow, Guid.NewGuid());
}

/// <summary>The host's <c>sys</c> binding data.</summary>
/// <param name="MethodName">The function name.</param>
/// <param name="UtcNow">The host's clock at invocation.</param>
/// <param name="RandGuid">A GUID the host generated for this invocation.</param>
public sealed record SysMetadata(string MethodName, DateTimeOffset UtcNow, Guid RandGuid);
