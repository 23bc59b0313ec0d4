using Hub.Core.Reminders;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Reminders;

/// <summary>
/// SendOverseasReminders (timer <c>%OverseasReminderSchedule%</c>, UTC): a departure abroad inside the window without
/// 国外継続利用申請 (reminder with the deadline, the day before departure, and a letter); departure passed without it
/// (card lapsed → <c>certificate-issuance</c>); foreign nationals (certificate before departure).
/// </summary>
public sealed class SendOverseasRemindersFunction(Lazy<ReminderSweep> sweep) : IHubFunction
{
    /// <inheritdoc />
    public string Name => ReminderSweep.OverseasFunction;

    /// <inheritdoc />
    public Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken) =>
        ReminderTimer.RunAsync(sweep.Value, ReminderKind.Overseas, Name, purgeMyNumbers: false, request, result, cancellationToken);
}
