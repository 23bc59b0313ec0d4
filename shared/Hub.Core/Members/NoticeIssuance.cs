using System.Text.Json.Nodes;
using Hub.Core.Auditing;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Documents;

namespace Hub.Core.Members;

/// <summary>
/// GenerateNotice: renders version N of a member's 資格情報のお知らせ, stores it at
/// <c>notices/{employerCode}/{memberId}/{noticeId}.pdf</c> (the id is deterministic per member and version, so a
/// redelivery overwrites the same blob), records it on the member with a <c>notice.issued</c> event (its
/// <c>noticeBlob</c> becomes a time-limited link in the webhook), then asks for the certificate decision.
/// The last 4 digits of the My Number are read through <see cref="Security.MyNumberProtector.RevealAsync"/>, which
/// records the access first.
/// </summary>
public sealed class NoticeIssuance
{
    /// <summary>The step name.</summary>
    public const string StepName = "GenerateNotice";

    private readonly MemberPipeline _p;

    internal NoticeIssuance(MemberPipeline pipeline) => _p = pipeline;

    /// <summary>The certificate request a notice leads to (its id is also the member's pending request until decided).</summary>
    public static string CertificateRequestIdFor(NoticeRequest notice) => notice.OperationId;

    /// <summary>Issues the notice; returns what to send once done.</summary>
    /// <param name="request">The notice to render.</param>
    /// <param name="invocationId">The host invocation id (recorded with the My Number access).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<StepOutputs> IssueAsync(NoticeRequest request, string? invocationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outputs = await ConcurrencyRetry.RunAsync(() => AttemptAsync(request, invocationId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return outputs;
    }

    private async Task<StepOutputs> AttemptAsync(NoticeRequest request, string? invocationId, CancellationToken ct)
    {
        var member = await _p.Store.FindAsync(request.MemberId, ct).ConfigureAwait(false)
                     ?? throw new MemberPipelineException("MEMBER_NOT_FOUND", $"No member {request.MemberId} for notice version {request.NoticeVersion}.");
        if (await _p.Store.FindOperationAsync(member.MemberId, request.OperationId, ct).ConfigureAwait(false) is { } applied)
        {
            var replay = applied.ReadOutputs();
            replay.Log.Add($"notice v{request.NoticeVersion} of {member.MemberId} already handled ({applied.Outcome})");
            return replay;
        }
        if (request.NoticeVersion > member.NoticeVersion)
            throw new MemberPipelineException("NOTICE_VERSION_UNKNOWN", $"Member {member.MemberId} has no notice version {request.NoticeVersion} (latest {member.NoticeVersion}).");

        var now = _p.Services.Clock.GetUtcNow();
        var today = _p.Services.Clock.TodayInJapan;
        var updated = member.Copy();
        var set = new MemberChangeSet(updated, false, request.OperationId, StepName, now);
        var certificateRequest = new CertificateRequest(member.MemberId, member.EmployerCode, CertificateRequestIdFor(request), IssuanceReasons.Notice);

        if (request.NoticeVersion < member.NoticeVersion || member.NoticeIssuedVersion >= request.NoticeVersion)
        {
            // A newer version is on its way (its message asks for the certificate decision).
            set.Outcome = "superseded";
            set.AddTimeline(TimelineKinds.NoticeSkipped, $"お知らせ（第{request.NoticeVersion}版）は新しい版があるため発行しませんでした。",
                $"Notice version {request.NoticeVersion} was not issued: a newer version supersedes it.", $"v{request.NoticeVersion}");
        }
        else if (!member.IsInsuredOn(today))
        {
            set.Outcome = "not_insured";
            updated.PendingCertificateRequest = null;
            set.AddTimeline(TimelineKinds.NoticeSkipped, "資格を喪失しているため、お知らせは発行しませんでした。",
                "No notice was issued: the member is no longer insured.", $"v{request.NoticeVersion}");
        }
        else
        {
            var noticeId = MemberIds.NoticeId(member.MemberId, request.NoticeVersion);
            try
            {
                var last4 = member.ProtectedMyNumber is { } protectedNumber
                    ? (await _p.Services.MyNumbers.RevealAsync(protectedNumber, new AccessContext(
                        $"member:{member.MemberId}", StepName,
                        "資格情報のお知らせに登録済み個人番号の下4桁を印字 / print the last 4 digits of the registered My Number on the notice",
                        invocationId), ct).ConfigureAwait(false)).Last4
                    : null;
                var model = MemberDocuments.Notice(member, noticeId, today, _p.Settings.RequireInsurer(), last4, _p.Settings.Reminders);
                var pdf = _p.NoticeRenderer.Render(model);
                var blobName = $"{member.EmployerCode}/{member.MemberId}/{noticeId}.pdf";
                await _p.Services.Storage.Container(HubStorage.Containers.Notices).GetBlobClient(blobName)
                    .UploadAsync(BinaryData.FromBytes(pdf), overwrite: true, cancellationToken: ct).ConfigureAwait(false);

                var reissue = member.NoticeIssuedVersion > 0;
                updated.NoticeIssuedVersion = request.NoticeVersion;
                updated.NoticeId = noticeId;
                updated.NoticeBlob = $"{HubStorage.Containers.Notices}/{blobName}";
                updated.NoticeIssuedAt = now;
                updated.NoticeFailure = null;
                set.Outcome = "issued";
                var e = set.AddEvent(EventTypes.NoticeIssued, new JsonObject
                {
                    ["memberId"] = member.MemberId,
                    ["employerCode"] = member.EmployerCode,
                    ["noticeId"] = noticeId,
                    ["noticeVersion"] = request.NoticeVersion,
                    ["reissue"] = reissue,
                    ["myNumberLast4Printed"] = last4 is not null,
                    ["issuedOn"] = MemberRegistration.Iso(today),
                    ["noticeBlob"] = updated.NoticeBlob,
                });
                set.AddTimeline(TimelineKinds.NoticeIssued,
                    reissue ? $"資格情報のお知らせを再発行しました（{noticeId}）。" : $"資格情報のお知らせを発行しました（{noticeId}）。",
                    reissue ? $"Reissued the 資格情報のお知らせ ({noticeId})." : $"Issued the 資格情報のお知らせ ({noticeId}).", noticeId, e);
            }
            catch (DocumentException e) when (e.Code is DocumentErrorCodes.InvalidField or DocumentErrorCodes.InconsistentDates)
            {
                // The member's own data cannot be printed: retrying cannot help. Recorded; the certificate decision still follows.
                updated.NoticeFailure = $"{e.Code}: {e.MessageEn}";
                set.Outcome = "failed";
                set.AddTimeline(TimelineKinds.NoticeFailed, $"お知らせを作成できませんでした: {e.MessageJa}", $"The notice could not be rendered: {e.MessageEn}", e.Code);
            }
            set.Outputs.Certificates.Add(certificateRequest);
            updated.PendingCertificateRequest = certificateRequest.RequestId;
        }

        MemberRegistration.UpdateSettled(updated, now, today);
        return await _p.Store.CommitAsync(set, ct).ConfigureAwait(false);
    }
}
