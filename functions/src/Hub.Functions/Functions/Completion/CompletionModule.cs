using Hub.Core;
using Hub.Core.Completion;
using Hub.Functions.Hosting;

namespace Hub.Functions.Functions.Completion;

/// <summary>
/// Registers the registration-result writer (<see cref="SubmissionCompletion"/>), built on first use so that a bad
/// <c>Hub__Completion__*</c> setting fails the timer with a clear message instead of the whole handler at start-up.
/// </summary>
public sealed class CompletionModule : IHubModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) =>
        services.AddSingleton(sp => new Lazy<SubmissionCompletion>(() =>
        {
            var hub = sp.GetRequiredService<HubServices>();
            return new SubmissionCompletion(hub, CompletionSettings.FromSettings(hub.Settings));
        }));
}
