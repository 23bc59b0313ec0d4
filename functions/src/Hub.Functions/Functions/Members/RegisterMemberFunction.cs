using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Members;

/// <summary>
/// RegisterMember (<c>member-registration</c>): creates or updates the member from its staged row; sends the
/// notice (<c>notice-generation</c>) or certificate decision (<c>certificate-issuance</c>) the change calls for,
/// dependants that waited for this insured person (<c>member-registration</c>), and the event dispatches
/// (<c>webhook-delivery</c>).
/// </summary>
public sealed class RegisterMemberFunction(Lazy<MemberPipeline> pipeline) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "RegisterMember";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var registration = request.Data("registration").AsObject<RegistrationRequest>();
        var outputs = await pipeline.Value.Registration.RegisterAsync(registration, cancellationToken).ConfigureAwait(false);
        StepOutputWriter.Write(result, outputs);
    }
}
