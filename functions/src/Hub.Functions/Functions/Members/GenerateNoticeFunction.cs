using Hub.Core.Members;
using Hub.Functions.Hosting;
using Hub.Functions.Protocol;

namespace Hub.Functions.Functions.Members;

/// <summary>
/// GenerateNotice (<c>notice-generation</c>): renders and stores the 資格情報のお知らせ, records it, and sends the
/// certificate decision (<c>certificate-issuance</c>) and the <c>notice.issued</c> dispatch (<c>webhook-delivery</c>).
/// </summary>
public sealed class GenerateNoticeFunction(Lazy<MemberPipeline> pipeline) : IHubFunction
{
    /// <inheritdoc />
    public string Name => "GenerateNotice";

    /// <inheritdoc />
    public async Task InvokeAsync(InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var notice = request.Data("notice").AsObject<NoticeRequest>();
        var outputs = await pipeline.Value.Notices.IssueAsync(notice, request.InvocationId, cancellationToken).ConfigureAwait(false);
        StepOutputWriter.Write(result, outputs);
    }
}
