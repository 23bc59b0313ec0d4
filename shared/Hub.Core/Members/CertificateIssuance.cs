using System.Text.Json.Nodes;
using Hub.Core.Configuration;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Documents;
using Hub.Documents.Models;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;

namespace Hub.Core.Members;

/// <summary>
/// IssueCertificate: decides with <see cref="CertificateEligibility.Decide"/> (as of today in Japan) whether the
/// member needs a 資格確認書. If so — and the member does not already hold a valid one showing the same printed
/// fields (unless the request is a renewal) — renders it with the 有効期限 from the insurer's policy and stores it at
/// <c>certificates/{employerCode}/{memberId}/{certificateId}.pdf</c> (<c>certificate.issued</c>); if not, records
/// the reason (<c>certificate.not_required</c> with the explanation). Idempotent per request id.
/// </summary>
public sealed class CertificateIssuance
{
    /// <summary>The step name.</summary>
    public const string StepName = "IssueCertificate";

    private readonly MemberPipeline _p;

    internal CertificateIssuance(MemberPipeline pipeline) => _p = pipeline;

    /// <summary>Decides (and issues); returns what to send once done.</summary>
    public Task<StepOutputs> IssueAsync(CertificateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ConcurrencyRetry.RunAsync(() => AttemptAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<StepOutputs> AttemptAsync(CertificateRequest request, CancellationToken ct)
    {
        var member = await _p.Store.FindAsync(request.MemberId, ct).ConfigureAwait(false)
                     ?? throw new MemberPipelineException("MEMBER_NOT_FOUND", $"No member {request.MemberId} for certificate request {request.RequestId}.");
        if (await _p.Store.FindOperationAsync(member.MemberId, request.OperationId, ct).ConfigureAwait(false) is { } applied)
        {
            var replay = applied.ReadOutputs();
            replay.Log.Add($"certificate request {request.RequestId} of {member.MemberId} already handled ({applied.Outcome})");
            return replay;
        }
        var layout = MemberPipelineSettings.ParseLayout(request.Layout, "certificate request layout") ?? _p.Settings.CertificateLayout;
        var now = _p.Services.Clock.GetUtcNow();
        var today = _p.Services.Clock.TodayInJapan;
        var updated = member.Copy();
        var set = new MemberChangeSet(updated, false, request.OperationId, StepName, now);
        var why = $"（{request.Reason}）";

        CertificateDecision decision;
        try
        {
            decision = CertificateEligibility.Decide(MemberFactsMapper.Facts(member), today, _p.Settings.Reminders);
        }
        catch (RuleException e)
        {
            Fail(updated, set, now, e.Code, e.Error.MessageJa, e.Error.MessageEn);
            return await FinishAsync(member, updated, set, request, now, today, ct).ConfigureAwait(false);
        }
        updated.CertificateReason = decision.Reason.ToString();
        updated.CertificateExplanationJa = decision.ExplanationJa;
        updated.CertificateExplanationEn = decision.ExplanationEn;
        updated.CertificateDecidedAt = now;

        var data = new JsonObject
        {
            ["memberId"] = member.MemberId,
            ["employerCode"] = member.EmployerCode,
            ["requestId"] = request.RequestId,
            ["requestReason"] = request.Reason,
            ["reason"] = decision.Reason.ToString(),
            ["urgent"] = decision.Urgent,
            ["explanation_ja"] = decision.ExplanationJa,
            ["explanation_en"] = decision.ExplanationEn,
            ["relevantDate"] = decision.RelevantDate is { } d ? MemberRegistration.Iso(d) : null,
        };

        if (!decision.Required)
        {
            updated.CertificateStatus = CertificateStatuses.NotRequired;
            set.Outcome = CertificateStatuses.NotRequired;
            var e = set.AddEvent(EventTypes.CertificateNotRequired, data);
            set.AddTimeline(TimelineKinds.CertificateNotRequired, decision.ExplanationJa + why, decision.ExplanationEn + $" ({request.Reason})", decision.Reason.ToString(), e);
            return await FinishAsync(member, updated, set, request, now, today, ct).ConfigureAwait(false);
        }

        var fingerprint = MemberFactsMapper.CertificateFingerprint(member);
        if (!request.Renew && member.CertificateId is not null && member.CertificateValidUntil is { } held && held >= today
            && member.CertificateFingerprint == fingerprint)
        {
            updated.CertificateStatus = CertificateStatuses.Held;
            set.Outcome = CertificateStatuses.Held;
            set.AddTimeline(TimelineKinds.CertificateHeld,
                $"{decision.ExplanationJa}ただし交付済みの資格確認書（{member.CertificateId}、有効期限 {MemberRegistration.Iso(held)}）が有効なため、新たには交付しません。{why}",
                $"{decision.ExplanationEn} The certificate already issued ({member.CertificateId}, valid until {MemberRegistration.Iso(held)}) still serves; none is issued. ({request.Reason})",
                member.CertificateId);
            return await FinishAsync(member, updated, set, request, now, today, ct).ConfigureAwait(false);
        }

        CertificateValidity validity;
        try
        {
            validity = _p.Settings.ValidityPolicy.Compute(today, member.BirthDate, member.LossDate);
        }
        catch (RuleException e) when (e.Code == "CERTIFICATE_POLICY_END_BEFORE_ISSUE")
        {
            // A configuration to fix, not a member problem: fail the invocation (the message dead-letters with this reason).
            throw new HubConfigurationException($"Hub__Certificates__ValidityPolicy: {e.Error.MessageEn} / {e.Error.MessageJa}");
        }

        var number = member.CertificateCount + 1;
        var certificateId = MemberIds.CertificateId(member.MemberId, number);
        try
        {
            var model = MemberDocuments.Certificate(member, certificateId, validity, _p.Settings.RequireInsurer());
            var pdf = _p.CertificateRenderer.Render(model, layout);
            var blobName = $"{member.EmployerCode}/{member.MemberId}/{certificateId}.pdf";
            // Deterministic name: a redelivery before the commit overwrites the same blob.
            await _p.Services.Storage.Container(HubStorage.Containers.Certificates).GetBlobClient(blobName)
                .UploadAsync(BinaryData.FromBytes(pdf), overwrite: true, cancellationToken: ct).ConfigureAwait(false);
            updated.CertificateCount = number;
            updated.CertificateId = certificateId;
            updated.CertificateBlob = $"{HubStorage.Containers.Certificates}/{blobName}";
            updated.CertificateIssuedOn = validity.IssuedOn;
            updated.CertificateValidUntil = validity.ValidUntil;
            updated.CertificateLayout = MemberPipelineSettings.LayoutName(layout);
            updated.CertificateFingerprint = fingerprint;
            updated.CertificateStatus = CertificateStatuses.Issued;
            set.Outcome = CertificateStatuses.Issued;
            data["certificateId"] = certificateId;
            data["issuedOn"] = MemberRegistration.Iso(validity.IssuedOn);
            data["validUntil"] = MemberRegistration.Iso(validity.ValidUntil);
            data["validityLimitedBy"] = validity.LimitedBy.ToString();
            data["layout"] = updated.CertificateLayout;
            data["certificateBlob"] = updated.CertificateBlob;
            var e = set.AddEvent(EventTypes.CertificateIssued, data);
            set.AddTimeline(TimelineKinds.CertificateIssued,
                $"資格確認書を交付しました（{certificateId}、有効期限 {MemberRegistration.Iso(validity.ValidUntil)}）。{decision.ExplanationJa}{why}",
                $"Issued a certificate ({certificateId}, valid until {MemberRegistration.Iso(validity.ValidUntil)}). {decision.ExplanationEn} ({request.Reason})",
                certificateId, e);
        }
        catch (DocumentException e) when (e.Code is DocumentErrorCodes.InvalidField or DocumentErrorCodes.InconsistentDates)
        {
            Fail(updated, set, now, e.Code, e.MessageJa, e.MessageEn);
        }
        return await FinishAsync(member, updated, set, request, now, today, ct).ConfigureAwait(false);
    }

    private static void Fail(Member updated, MemberChangeSet set, DateTimeOffset now, string code, string ja, string en)
    {
        updated.CertificateStatus = CertificateStatuses.Failed;
        updated.CertificateReason = code;
        updated.CertificateExplanationJa = ja;
        updated.CertificateExplanationEn = en;
        updated.CertificateDecidedAt = now;
        set.Outcome = CertificateStatuses.Failed;
        set.AddTimeline(TimelineKinds.CertificateFailed, $"資格確認書の判定・作成ができませんでした: {ja}", $"The certificate could not be decided or rendered: {en}", code);
    }

    private async Task<StepOutputs> FinishAsync(Member member, Member updated, MemberChangeSet set, CertificateRequest request,
        DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        if (updated.PendingCertificateRequest == request.RequestId) updated.PendingCertificateRequest = null;
        MemberRegistration.UpdateSettled(updated, now, today);
        var previousAction = member.NextActionDate;
        await _p.Registration.IndexNextActionAsync(updated, today, ct).ConfigureAwait(false);
        var outputs = await _p.Store.CommitAsync(set, ct).ConfigureAwait(false);
        if (previousAction is { } old && old != updated.NextActionDate)
            await _p.ActionIndex.RemoveAsync(old, member.MemberId, ct).ConfigureAwait(false);
        outputs.Log.Add($"certificate {set.Outcome} for {member.MemberId} ({request.Reason})");
        return outputs;
    }
}
