namespace Hub.Functions.Hosting;

/// <summary>
/// A feature's services (ingestion, member pipeline, webhooks, reminders). Implementations are found by
/// reflection, so adding a feature never edits a shared registration list.
/// </summary>
public interface IHubModule
{
    /// <summary>Registers the feature's services.</summary>
    void Register(IServiceCollection services);
}
