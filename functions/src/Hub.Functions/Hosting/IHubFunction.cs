using Hub.Functions.Protocol;

namespace Hub.Functions.Hosting;

/// <summary>One function of the app, invoked by the host as <c>POST /{Name}</c>.</summary>
public interface IHubFunction
{
    /// <summary>The function folder name (must have a function.json).</summary>
    string Name { get; }

    /// <summary>Inputs the handler streams itself; the envelope reader skips their content unread.</summary>
    IReadOnlySet<string> StreamedBindings => EmptySet;

    /// <summary>Runs one invocation. Throwing fails it (the host retries or dead-letters per the trigger).</summary>
    Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken);

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
