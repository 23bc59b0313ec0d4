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

// RegisterMember: dependants leave with their insured person.
public sealed partial class MemberRegistration
{
    /// <summary>資格喪失 of the insured person ends the dependants' qualification on the same day (each its own operation).</summary>
    private async Task<StepOutputs> WithdrawDependantsAsync(Member insured, DateOnly lossDate, Row row, CancellationToken ct)
    {
        var outputs = new StepOutputs();
        foreach (var (dependantId, _) in Household.Parse(insured.Household).Where(h => h.MemberId != insured.MemberId))
        {
            var operationId = $"{row.OperationId}/dependant/{dependantId}";
            var done = await ConcurrencyRetry.RunAsync(async () =>
            {
                var dependant = await _p.Store.FindAsync(dependantId, ct).ConfigureAwait(false);
                if (dependant is null || (dependant.LossDate is { } own && own <= lossDate)) return new StepOutputs();
                if (await _p.Store.FindOperationAsync(dependantId, operationId, ct).ConfigureAwait(false) is { } applied) return applied.ReadOutputs();
                var updated = dependant.Copy();
                if (!MemberChangePlanner.Withdraw(updated, lossDate, row.Stamp)) return new StepOutputs();
                var now = Now;
                var set = new MemberChangeSet(updated, false, operationId, StepName, now) { Outcome = "withdrawn" };
                updated.MyNumberDeletionDueOn = _p.Retention.DueOn(lossDate, Today);
                await _p.Retention.ScheduleAsync(dependantId, updated.MyNumberDeletionDueOn.Value, ct).ConfigureAwait(false);
                if (!updated.IsInsuredOn(Today)) updated.PendingCertificateRequest = null;
                UpdateSettled(updated, now, Today);
                var previousAction = updated.NextActionDate;
                await IndexNextActionAsync(updated, Today, ct).ConfigureAwait(false);
                var e = set.AddEvent(EventTypes.MemberWithdrawn, new JsonObject
                {
                    ["memberId"] = dependantId,
                    ["employerCode"] = updated.EmployerCode,
                    ["submissionId"] = row.Request.SubmissionId,
                    ["row"] = row.Request.RowNumber,
                    ["lossDate"] = Iso(lossDate),
                    ["cause"] = "insured_withdrawn",
                    ["insuredMemberId"] = insured.MemberId,
                    ["myNumberDeletionDueOn"] = Iso(updated.MyNumberDeletionDueOn),
                });
                set.AddTimeline(TimelineKinds.Withdrawn,
                    $"被保険者の資格喪失に伴い、{Iso(lossDate)}に被扶養者の資格を喪失しました。",
                    $"Qualification ended on {Iso(lossDate)} with the insured person's.", Iso(lossDate), e);
                var committed = await _p.Store.CommitAsync(set, ct).ConfigureAwait(false);
                if (previousAction is { } old && old != updated.NextActionDate)
                    await _p.ActionIndex.RemoveAsync(old, dependantId, ct).ConfigureAwait(false);
                return committed;
            }, ct).ConfigureAwait(false);
            outputs.Add(done);
        }
        return outputs;
    }
}
