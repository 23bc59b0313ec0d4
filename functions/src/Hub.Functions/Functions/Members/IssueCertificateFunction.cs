using Hub.Core.Members;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Members;

/// <summary>
/// IssueCertificate (<c>certificate-issuance</c>): decides whether the member needs a 資格確認書, issues it or records
/// why not, and sends the event dispatch (<c>webhook-delivery</c>). Also fed by the reminder timers.
/// </summary>
public sealed class IssueCertificateFunction(Lazy<MemberPipeline> pipeline) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "IssueCertificate";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var certificate = request.Data("certificate").AsObject<CertificateRequest>();
        var outputs = await pipeline.Value.Certificates.IssueAsync(certificate, cancellationToken).ConfigureAwait(false);
        StepOutputWriter.Write(result, outputs);
    }
}
