using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Functions.Hosting;

namespace Hub.Functions.Functions.Reminders;

/// <summary>
/// Registers the reminder sweep over the member pipeline (registered by the members module), built on first use so
/// that a bad reminder setting fails the timers with a clear message instead of the whole handler at start-up.
/// </summary>
public sealed class RemindersModule : IHubModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) =>
        services.AddSingleton(sp => new Lazy<ReminderSweep>(() => new ReminderSweep(sp.GetRequiredService<Lazy<MemberPipeline>>().Value)));
}
