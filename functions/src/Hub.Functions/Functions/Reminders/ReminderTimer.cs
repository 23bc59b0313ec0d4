using Hub.Core.Reminders;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Reminders;

/// <summary>What the two reminder timers share: run the sweep, hand its outputs to the bindings, log counts, forget the journal notes.</summary>
internal static class ReminderTimer
{
    public const string Webhooks = "webhooks";
    public const string Certificates = "certificates";

    /// <summary>
    /// Stop taking new members after 8 minutes, inside host.json's 10-minute functionTimeout: a timeout fails the invocation
    /// and its outputs would only leave with the next run's recovery. Members left are handled by the next run.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(8);

    public static async Task RunAsync(ReminderSweep sweep, ReminderKind kind, string functionName, bool purgeMyNumbers,
        InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var timer = request.Data("timer").AsObject<TimerInfo>();
        var outcome = await sweep.RunAsync(kind, new ReminderRunOptions
        {
            Actor = functionName,
            Budget = Budget,
            PurgeMyNumbers = purgeMyNumbers,
        }, cancellationToken).ConfigureAwait(false);

        if (timer.IsPastDue) result.Log($"{functionName}: past due (missed while the app was down); index entries up to today are caught up");
        result.Log(outcome.ToString());
        foreach (var (memberId, error) in outcome.Failures) result.Log($"member {memberId} not reminded ({error}); it stays indexed for the next run");
        if (outcome.PurgeError is { } purge) result.Log($"My Number purge failed ({purge}); retried on the next run");
        if (outcome.Failures.Count > 0 && outcome.Dispatches.IsEmpty && outcome.CertificateRequests.IsEmpty)
            // Nothing to hand over and every member failed: fail the invocation so monitoring sees it.
            throw new InvalidOperationException($"{functionName}: {outcome.Failures.Count} member(s) failed and none was reminded.");

        result.SetMessages(Webhooks, outcome.Dispatches);
        result.SetMessages(Certificates, outcome.CertificateRequests);
        // The outputs leave when this invocation returns; should that fail, the notes are gone and the next run cannot
        // resend them — the host then logs the failed invocation (a rerun's dispatches would be deduped downstream).
        await sweep.CompleteAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The timer trigger's value (only what the sweep reports).</summary>
    private sealed record TimerInfo(bool IsPastDue);
}
