using System.Globalization;
using System.Text.Json.Nodes;
using Hub.Core.Employers;
using Hub.Core.Events;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

// RegisterMember: rows refused at registration (<c>member.rejected</c>).
public sealed partial class MemberRegistration
{
    private async Task<HubEvent?> FindRejectionAsync(RegistrationRequest request, CancellationToken ct)
    {
        var entity = await _p.Store.Table.GetEntityIfExistsAsync<TableEntity>(RejectionPartition(request.SubmissionId),
            RejectionRowKey(request.RowNumber), cancellationToken: ct).ConfigureAwait(false);
        return entity.HasValue ? EventOutbox.FromEntity(entity.Value!) : null;
    }

    /// <summary>
    /// Records a rejection: the <c>member.rejected</c> event first (create-only, deterministic: a redelivery finds
    /// it and completes the same rejection), then the staged row (Rejected, its ciphertext removed).
    /// With a null <paramref name="rejection"/> it completes a rejection already recorded.
    /// </summary>
    private async Task<StepOutputs> FinishRejectionAsync(RegistrationRequest request, RegistrationRejection? rejection, string? memberId, CancellationToken ct)
    {
        var partition = RejectionPartition(request.SubmissionId);
        var e = await FindRejectionAsync(request, ct).ConfigureAwait(false);
        if (e is null && rejection is not null)
        {
            var subject = $"submission/{request.SubmissionId}";
            e = new HubEvent(HubEvent.DeterministicId(subject, EventTypes.MemberRejected, request.RowNumber.ToString(CultureInfo.InvariantCulture)),
                EventTypes.MemberRejected, subject, RejectionSequence(request.RowNumber), Now, new JsonObject
                {
                    ["submissionId"] = request.SubmissionId,
                    ["row"] = request.RowNumber,
                    ["employerCode"] = request.EmployerCode,
                    ["memberId"] = memberId,
                    ["code"] = rejection.Code,
                    ["message_ja"] = rejection.MessageJa,
                    ["message_en"] = rejection.MessageEn,
                });
            try
            {
                await _p.Store.Table.AddEntityAsync(EventOutbox.ToEntity(partition, e), ct).ConfigureAwait(false);
            }
            catch (StorageRequestFailedException conflict) when (conflict.IsConflict)
            {
                e = await FindRejectionAsync(request, ct).ConfigureAwait(false);
            }
        }
        var outputs = new StepOutputs();
        if (e is null) return outputs;
        var code = e.Data["code"]?.GetValue<string>() ?? "";
        await ConcurrencyRetry.RunAsync(async () =>
        {
            var staged = await _p.FindStagedRowAsync(request.SubmissionId, request.RowNumber, ct).ConfigureAwait(false);
            if (staged is null || (staged.Status == StagedRowStatus.Rejected && staged.ProtectedMyNumber is null)) return true;
            staged.Status = StagedRowStatus.Rejected;
            staged.RejectionCode = code;
            staged.MemberId = e.Data["memberId"]?.GetValue<string>();
            staged.ProtectedMyNumber = null;
            staged.MyNumberHash = null;
            await _p.StagedRows.UpdateEntityAsync(staged, staged.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        outputs.Dispatches.Add(EventOutbox.Dispatch(HubStorage.Tables.Members, partition, e));
        outputs.Log.Add($"rejected {request.SubmissionId}/{request.RowNumber}: {code}");
        return outputs;
    }

    /// <summary>The insured person's row was rejected: dependant rows of the same submission waiting for it are rejected too.</summary>
    private async Task<StepOutputs> RejectWaitingDependantsAsync(Row row, CancellationToken ct)
    {
        var employer = row.Employer.Code;
        var employeeId = row.Record.EmployeeId;
        await _p.Roster.RecordInsuredRejectionAsync(employer, employeeId, row.Request.SubmissionId, ct).ConfigureAwait(false);
        var outputs = new StepOutputs();
        foreach (var waiting in await _p.Roster.WaitingForAsync(employer, employeeId, ct).ConfigureAwait(false))
        {
            if (waiting.SubmissionId != row.Request.SubmissionId) continue;
            outputs.Add(await FinishRejectionAsync(waiting, RegistrationRejections.UnknownInsured(withdrawn: false), null, ct).ConfigureAwait(false));
            await _p.Roster.StopWaitingAsync(employer, employeeId, waiting, ct).ConfigureAwait(false);
        }
        return outputs;
    }
}
