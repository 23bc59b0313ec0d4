using Hub.Core;
using Hub.Core.Ingestion;
using Hub.Core.Ingestion.FanOut;
using Hub.Functions.Hosting;

namespace Hub.Functions.Functions.Ingestion;

/// <summary>Registers submission ingestion: its settings (<c>Hub__Ingestion__*</c>), IngestSubmission's and FanOutSubmission's services.</summary>
public sealed class IngestionModule : IHubModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var hub = sp.GetRequiredService<HubServices>();
            return IngestionSettings.FromSettings(hub.Settings, hub.Environment);
        });
        services.AddSingleton(sp => new SubmissionIngestion(sp.GetRequiredService<HubServices>(), sp.GetRequiredService<IngestionSettings>()));
        services.AddSingleton(sp => new SubmissionFanOut(sp.GetRequiredService<HubServices>()));
    }
}
