using System.Diagnostics;
using Hub.Functions.Protocol;

namespace Hub.Functions.Hosting;

/// <summary>Serves <c>POST /{FunctionName}</c>: decode the envelope, run the function, encode the result.</summary>
public sealed class FunctionEndpoint
{
    private readonly Dictionary<string, (IHubFunction Function, FunctionMetadata Metadata)> _functions;
    private readonly ILogger<FunctionEndpoint> _logger;

    /// <summary>Pairs each registered function with its function.json.</summary>
    public FunctionEndpoint(IEnumerable<IHubFunction> functions, AppRoot appRoot, ILogger<FunctionEndpoint> logger)
    {
        _logger = logger;
        var metadata = FunctionMetadata.LoadAll(appRoot.Path).ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _functions = new(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!metadata.TryGetValue(function.Name, out var meta))
                throw new InvalidOperationException($"Function {function.Name} has no {function.Name}/function.json under {appRoot.Path}.");
            _functions[function.Name] = (function, meta);
        }
    }

    /// <summary>The function names served.</summary>
    public IEnumerable<string> Names => _functions.Keys.Order(StringComparer.Ordinal);

    /// <summary>Handles one invocation request.</summary>
    public async Task HandleAsync(HttpContext context, string functionName)
    {
        var invocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        if (!_functions.TryGetValue(functionName, out var entry))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"No function '{functionName}'." }).ConfigureAwait(false);
            return;
        }

        var watch = Stopwatch.StartNew();
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["Function"] = entry.Metadata.Name });
        try
        {
            var request = await InvocationRequestReader.ReadAsync(context.Request.Body, entry.Metadata.Name, invocationId,
                context.Request.Headers["X-Azure-Functions-HostVersion"].FirstOrDefault(),
                new InvocationRequestReader.ReaderOptions { StreamedBindings = entry.Function.StreamedBindings },
                context.RequestAborted).ConfigureAwait(false);
            var result = new InvocationResult(entry.Metadata);
            await entry.Function.InvokeAsync(request, result, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await result.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            _logger.LogInformation("{Function} {InvocationId} succeeded in {Elapsed} ms", entry.Metadata.Name, invocationId, watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A non-2xx response fails the invocation; the host then retries or dead-letters per its trigger.
            // Exception messages in this code base never carry personal data (My Numbers are masked types).
            _logger.LogError("{Function} {InvocationId} failed after {Elapsed} ms: {Error}: {Message}",
                entry.Metadata.Name, invocationId, watch.ElapsedMilliseconds, e.GetType().Name, e.Message);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = e.GetType().Name, message = e.Message }).ConfigureAwait(false);
        }
    }
}

/// <summary>The function app root: the folder with host.json and the function folders.</summary>
/// <param name="Path">Absolute path.</param>
public sealed record AppRoot(string Path)
{
    /// <summary>
    /// <c>FUNCTIONS_APP_ROOT_PATH</c> as the host sets it for custom handlers, else the folder above the
    /// executable (the deployment layout: bin/ below the app root).
    /// </summary>
    public static AppRoot Resolve()
    {
        var fromHost = Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH");
        if (!string.IsNullOrEmpty(fromHost) && File.Exists(System.IO.Path.Combine(fromHost, "host.json")))
            return new AppRoot(System.IO.Path.GetFullPath(fromHost));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "host.json"))) return new AppRoot(dir.FullName);
        throw new InvalidOperationException("Cannot find the function app root (host.json): set FUNCTIONS_APP_ROOT_PATH.");
    }
}
