using Hub.Core.Reminders;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Reminders;

/// <summary>
/// SendExpiryReminders (timer <c>%ExpiryReminderSchedule%</c>, UTC; <c>0 0 21 * * *</c> = 06:00 JST): card and
/// e-certificate expiry within the windows, the grace period and its end (→ <c>certificate-issuance</c>), 資格確認書
/// renewal; each reminder a <c>reminder.sent</c> event (<c>webhook-delivery</c>), an outbox line and, where the member
/// must act, a letter. Also deletes the My Numbers whose retention period is over.
/// </summary>
public sealed class SendExpiryRemindersFunction(Lazy<ReminderSweep> sweep) : IHubFunction
{
    /// <inheritdoc />
    public string Name => ReminderSweep.ExpiryFunction;

    /// <inheritdoc />
    public Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken) =>
        ReminderTimer.RunAsync(sweep.Value, ReminderKind.Expiry, Name, purgeMyNumbers: true, request, result, cancellationToken);
}
