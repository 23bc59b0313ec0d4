using Hub.Core;
using Hub.Core.Members;
using Hub.Functions.Hosting;

namespace Hub.Functions.Functions.Members;

/// <summary>
/// Registers the member pipeline (RegisterMember, GenerateNotice, IssueCertificate) over the app's
/// <see cref="HubServices"/>, built on first use so that a bad member setting fails those functions with a
/// clear message instead of the whole handler at start-up.
/// </summary>
public sealed class MembersModule : IHubModule
{
    /// <inheritdoc />
    public void Register(IServiceCollection services) =>
        services.AddSingleton(sp => new Lazy<MemberPipeline>(() => new MemberPipeline(sp.GetRequiredService<HubServices>())));
}
