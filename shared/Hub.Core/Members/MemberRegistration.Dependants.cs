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

// RegisterMember for dependants (被扶養者): the insured person, the household and its 枝番.
public sealed partial class MemberRegistration
{
    private async Task<Result> DependantAsync(Row row, CancellationToken ct)
    {
        var record = row.Record;
        var insuredId = MemberIds.ForInsured(row.Employer.Code, record.EmployeeId);
        var insured = await _p.Store.FindAsync(insuredId, ct).ConfigureAwait(false);
        if (insured is null)
        {
            // The insured person's row may be in this submission and not registered yet: wait for it. Mark first,
            // then look again, so that either this row sees the insured person or the insured person sees the mark.
            await _p.Roster.WaitForInsuredAsync(row.Employer.Code, record.EmployeeId, row.Request, ct).ConfigureAwait(false);
            insured = await _p.Store.FindAsync(insuredId, ct).ConfigureAwait(false);
            if (insured is null)
                return await _p.Roster.InsuredRejectedAsync(row.Employer.Code, record.EmployeeId, row.Request.SubmissionId, ct).ConfigureAwait(false)
                    ? Result.Reject(RegistrationRejections.UnknownInsured(withdrawn: false))
                    : Result.Wait();
        }
        if (record.InsuredNumber is { } given && InsuredRoster.Canonical(given) != InsuredRoster.Canonical(insured.InsuredNumber))
            return Result.Reject(RegistrationRejections.InsuredNumberMismatch(insured.InsuredNumber));

        var existing = await ResolveDependantAsync(insured, row, ct).ConfigureAwait(false);
        if (existing is null && record.Action != SubmissionAction.Add)
            return Result.Reject(RegistrationRejections.MemberNotFound(RecordType.Dependant));
        if (existing is null && !insured.IsInsuredOn(Today))
            return Result.Reject(RegistrationRejections.UnknownInsured(withdrawn: true));
        var memberId = existing?.MemberId ?? MemberIds.ForDependant(row.Employer.Code, record.EmployeeId, record.BirthDate, record.NameKana);
        existing ??= await _p.Store.FindAsync(memberId, ct).ConfigureAwait(false);
        if (existing is not null && await _p.Store.FindOperationAsync(memberId, row.OperationId, ct).ConfigureAwait(false) is { } applied)
            return Result.Replay(existing, applied);
        if (existing is not null && record.Action == SubmissionAction.Add && existing.LossDate is not null && !insured.IsInsuredOn(Today))
            return Result.Reject(RegistrationRejections.UnknownInsured(withdrawn: true), memberId);

        var updated = existing?.Copy() ?? NewMember(memberId, row, RecordType.Dependant);
        var change = MemberChangePlanner.Apply(updated, record, row.Stamp, row.Staged.ProtectedMyNumber, row.Staged.MyNumberHash, Today);
        if (await ClaimMyNumberAsync(updated, change, ct).ConfigureAwait(false) is { } refused)
            return Result.Reject(refused, existing?.MemberId);

        var household = Household.Parse(insured.Household);
        var branch = household.FirstOrDefault(h => h.MemberId == memberId).Branch;
        if (branch is null)
        {
            if (record.BranchNumber is { } requested)
            {
                if (household.Any(h => h.Branch == requested)) return Result.Reject(RegistrationRejections.BranchNumberTaken(requested));
                branch = requested;
            }
            else
            {
                try
                {
                    branch = _p.Settings.BranchNumberRule.Next(Household.Branches(insured.Household), Household.RoleOf(updated.Relationship)).ToString();
                }
                catch (RuleException e)
                {
                    return Result.Reject(RegistrationRejections.FromRule(e.Error));
                }
            }
            // The 枝番 is claimed on the insured member first (ETag), so a redelivery finds the same one.
            var claimed = insured.Copy();
            claimed.Household = Household.Add(insured.Household, memberId, branch);
            await _p.Store.Table.UpdateEntityAsync(claimed, insured.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
        updated.InsuredMemberId = insuredId;
        updated.EmployeeId = insured.EmployeeId;
        updated.InsuredNumber = insured.InsuredNumber;
        updated.BranchNumber = branch;
        updated.Symbol = row.Employer.Symbol;
        return await CommitAsync(existing, updated, change, row, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the registered dependant a row is about, among everyone ever in the insured's household: by My
    /// Number, else by 枝番, else by 生年月日 and フリガナ, else (not for additions) by a unique 生年月日.
    /// </summary>
    private async Task<Member?> ResolveDependantAsync(Member insured, Row row, CancellationToken ct)
    {
        var record = row.Record;
        var ids = Household.Parse(insured.Household).Where(h => h.MemberId != insured.MemberId).ToList();
        if (ids.Count == 0) return null;
        if (row.Staged.MyNumberHash is { } hash && await _p.Claims.OwnerAsync(hash, ct).ConfigureAwait(false) is { } owner && ids.Any(h => h.MemberId == owner))
            return await _p.Store.FindAsync(owner, ct).ConfigureAwait(false);
        if (record.BranchNumber is { } branch && ids.FirstOrDefault(h => h.Branch == branch).MemberId is { } byBranch)
            return await _p.Store.FindAsync(byBranch, ct).ConfigureAwait(false);
        var members = (await Task.WhenAll(ids.Select(h => _p.Store.FindAsync(h.MemberId, ct))).ConfigureAwait(false)).OfType<Member>().ToList();
        var kana = MemberIds.KanaKey(record.NameKana);
        var byName = members.Where(m => m.BirthDate == record.BirthDate && MemberIds.KanaKey(m.NameKana) == kana).ToList();
        if (byName.Count == 1) return byName[0];
        if (record.Action == SubmissionAction.Add) return null;
        var byBirth = members.Where(m => m.BirthDate == record.BirthDate).ToList();
        return byBirth.Count == 1 ? byBirth[0] : null;
    }
}
