using Hub.Core.Completion;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Completion;

/// <summary>
/// CompleteSubmissions (timer <c>%CompleteSubmissionsSchedule%</c>, UTC; <c>0 */5 * * * *</c> = every 5 minutes): writes each
/// submission's registration result (登録結果, <c>results/{employer}/{submissionId}.registration.json</c> and <c>.csv</c>) once
/// every accepted row is registered or refused — or, after <c>Hub__Completion__PendingAfterHours</c>, with the unfinished
/// rows pending (rewritten when they finish). No outputs: the files and the mark on the submission are the result.
/// </summary>
public sealed class CompleteSubmissionsFunction(Lazy<SubmissionCompletion> completion) : IHubFunction
{
    /// <inheritdoc />
    public string Name => SubmissionCompletion.FunctionName;

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var timer = request.Data("timer").AsObject<TimerInfo>();
        var outcome = await completion.Value.RunAsync(cancellationToken).ConfigureAwait(false);
        if (timer.IsPastDue) result.Log($"{Name}: past due (missed while the app was down); every waiting submission is checked now");
        result.Log($"{Name}: {outcome}");
        foreach (var (submissionId, error) in outcome.Failures)
            result.Log($"submission {submissionId}: registration result not written ({error}); it stays waiting for the next run");
        if (outcome.Failures.Count > 0 && outcome.Written == 0)
            // Nothing written and something failed: fail the invocation so monitoring sees it (the next run retries).
            throw new InvalidOperationException($"{Name}: {outcome.Failures.Count} submission(s) failed and no registration result was written.");
    }

    /// <summary>The timer trigger's value (only what the run reports).</summary>
    private sealed record TimerInfo(bool IsPastDue);
}
