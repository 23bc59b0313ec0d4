namespace Hub.LocalHost.Triggers;

/// <summary>Drives one function's trigger.</summary>
internal interface ITriggerListener : IAsyncDisposable
{
    /// <summary>Starts listening.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Whether the listener has nothing to do right now (no work visible or pending in its sources).</summary>
    Task<bool> IsIdleAsync(CancellationToken cancellationToken);
}
