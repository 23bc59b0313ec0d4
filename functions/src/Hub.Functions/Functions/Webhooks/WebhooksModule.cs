using Hub.Core;
using Hub.Functions.Hosting;
using Hub.Webhooks;

namespace Hub.Functions.Functions.Webhooks;

/// <summary>Registers the webhook feature (one <see cref="WebhookServices"/> per handler process).</summary>
public sealed class WebhooksModule : IHubModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Hub.Webhooks");
            // One line per attempt: delivery ids, statuses and timings; never bodies or secrets.
            return WebhookServices.Create(sp.GetRequiredService<HubServices>(), log: line => logger.LogInformation("{Line}", line));
        });
}
