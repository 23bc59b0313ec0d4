using System.Collections.Concurrent;
using Hub.Core.Events;

namespace Hub.Webhooks.Delivery;

/// <summary>What one DeliverWebhooks or RetryWebhooks run did (counts only: safe to log).</summary>
public sealed class DeliveryOutcome
{
    private int _attempts, _delivered, _rescheduled, _failed, _skipped, _stale, _busy;
    private readonly ConcurrentQueue<EventDispatch> _dispatches = new();

    /// <summary>HTTP attempts made.</summary>
    public int Attempts => _attempts;

    /// <summary>Deliveries that reached delivered.</summary>
    public int Delivered => _delivered;

    /// <summary>Deliveries left pending with a later attempt scheduled.</summary>
    public int Rescheduled => _rescheduled;

    /// <summary>Deliveries that reached failed.</summary>
    public int Failed => _failed;

    /// <summary>Deliveries skipped because the endpoint is disabled.</summary>
    public int Skipped => _skipped;

    /// <summary>Schedule entries dropped as stale.</summary>
    public int Stale => _stale;

    /// <summary>Due deliveries another attempt holds right now.</summary>
    public int Busy => _busy;

    /// <summary>Event dispatches to output (endpoint.disabled events recorded by this run, or relayed).</summary>
    public IReadOnlyList<EventDispatch> Dispatches => _dispatches.ToList();

    internal void Attempted(int n) => Interlocked.Add(ref _attempts, n);

    internal void Finished(DeliveryStatus status)
    {
        switch (status)
        {
            case DeliveryStatus.Delivered: Interlocked.Increment(ref _delivered); break;
            case DeliveryStatus.Pending: Interlocked.Increment(ref _rescheduled); break;
            case DeliveryStatus.Failed: Interlocked.Increment(ref _failed); break;
            case DeliveryStatus.Skipped: Interlocked.Increment(ref _skipped); break;
        }
    }

    internal void WasStale() => Interlocked.Increment(ref _stale);

    internal void WasBusy() => Interlocked.Increment(ref _busy);

    internal void Emit(EventDispatch dispatch) => _dispatches.Enqueue(dispatch);

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        $"{Attempts} attempt(s): {Delivered} delivered, {Rescheduled} rescheduled, {Failed} failed, {Skipped} skipped" +
        (Stale + Busy > 0 ? $"; {Stale} stale, {Busy} busy" : "") + (_dispatches.IsEmpty ? "" : $"; {_dispatches.Count} event(s) to dispatch");
}
