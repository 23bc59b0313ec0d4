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

/// <summary>
/// RegisterMember: turns one staged row into a member change — create, update, withdraw or reinstate — with
/// 記号 from the employer, 番号 from the employer's counter, 枝番 by the configured rule, the My Number kept only
/// as ciphertext and claimed by keyed hash, and the follow-ups (notice, certificate decision) recorded on the
/// operation. Idempotent per row (operation <c>reg:{submissionId}:{row}</c>); races are settled by ETags.
/// <para>Rows the hub cannot register are rejected with a stable code (<see cref="RegistrationRejections"/>): the
/// staged row is marked Rejected and a <c>member.rejected</c> event is stored in the Members partition
/// <c>rejected-{submissionId}</c>. A dependant whose insured person is in the same submission but not yet
/// registered waits for it (no rejection): the insured person's registration sends it again.</para>
/// </summary>
public sealed partial class MemberRegistration
{
    /// <summary>The step name.</summary>
    public const string StepName = "RegisterMember";

    private readonly MemberPipeline _p;

    internal MemberRegistration(MemberPipeline pipeline) => _p = pipeline;

    /// <summary>The Members partition holding the rejection events of a submission.</summary>
    public static string RejectionPartition(string submissionId) => "rejected-" + submissionId;

    /// <summary>
    /// The sequence of row <paramref name="row"/>'s <c>member.rejected</c> in its submission's subject: row + 1, after the
    /// submission's own <c>submission.processed</c> (1), so no two events of the subject share a number (JSON rows start at 1).
    /// </summary>
    public static long RejectionSequence(int row) => row + 1L;

    /// <summary>The row key of row <paramref name="row"/>'s <c>member.rejected</c> event in its <see cref="RejectionPartition"/>.</summary>
    public static string RejectionRowKey(int row) => EventOutbox.RowKey(RejectionSequence(row));

    /// <summary>The operation id of a registration row.</summary>
    public static string OperationIdOf(RegistrationRequest request) => $"reg:{request.SubmissionId}:{request.RowNumber}";

    /// <summary>Registers one staged row; returns what to send once done.</summary>
    /// <exception cref="MemberPipelineException">The staged row does not exist (a contract break: the message dead-letters).</exception>
    public async Task<StepOutputs> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var staged = await _p.FindStagedRowAsync(request.SubmissionId, request.RowNumber, cancellationToken).ConfigureAwait(false)
                     ?? throw new MemberPipelineException("STAGED_ROW_MISSING", $"No staged row {request.SubmissionId}/{request.RowNumber}.");
        if (staged.Status == StagedRowStatus.Rejected || await FindRejectionAsync(request, cancellationToken).ConfigureAwait(false) is not null)
            return await FinishRejectionAsync(request, null, null, cancellationToken).ConfigureAwait(false);

        var record = staged.ReadRecord();
        var employer = await _p.FindEmployerAsync(staged.EmployerCode, cancellationToken).ConfigureAwait(false);
        if (employer is null)
            return await FinishRejectionAsync(request, RegistrationRejections.EmployerNotRegistered(staged.EmployerCode), null, cancellationToken).ConfigureAwait(false);
        var row = new Row(request, staged, record, employer, new RowStamp(staged.StagedAt, request.SubmissionId, request.RowNumber));

        var result = await ReplayAsync(staged, row.OperationId, cancellationToken).ConfigureAwait(false)
            ?? (record.RecordType == RecordType.Insured
                ? await ConcurrencyRetry.RunAsync(() => InsuredAsync(row, cancellationToken), cancellationToken).ConfigureAwait(false)
                : await ConcurrencyRetry.RunAsync(() => DependantAsync(row, cancellationToken), cancellationToken).ConfigureAwait(false));

        if (result.Waiting)
        {
            var waiting = new StepOutputs();
            waiting.Log.Add($"row {request.SubmissionId}/{request.RowNumber} waits for its insured person's registration");
            return waiting;
        }
        if (result.Rejection is { } rejection)
        {
            var rejected = await FinishRejectionAsync(request, rejection, result.MemberId, cancellationToken).ConfigureAwait(false);
            if (record.RecordType == RecordType.Insured)
                rejected.Add(await RejectWaitingDependantsAsync(row, cancellationToken).ConfigureAwait(false));
            else
                await _p.Roster.StopWaitingAsync(employer.Code, record.EmployeeId, request, cancellationToken).ConfigureAwait(false);
            return rejected;
        }

        var member = result.Member!;
        var outputs = result.Outputs!;
        await MarkRegisteredAsync(staged, member.MemberId, cancellationToken).ConfigureAwait(false);
        if (member.Role == RecordType.Insured)
        {
            foreach (var waiting in await _p.Roster.WaitingForAsync(employer.Code, member.EmployeeId, cancellationToken).ConfigureAwait(false))
                outputs.Registrations.Add(waiting);
            if (member.LossDate is { } lossDate)
                outputs.Add(await WithdrawDependantsAsync(member, lossDate, row, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await _p.Roster.StopWaitingAsync(employer.Code, member.EmployeeId, request, cancellationToken).ConfigureAwait(false);
        }
        outputs.Log.Add($"{(result.Replayed ? "replayed" : result.Outcome)} member {member.MemberId} from {request.SubmissionId}/{request.RowNumber}");
        return outputs;
    }

    /// <summary>A row already registered (its staged copy no longer has the My Number): the recorded outputs.</summary>
    private async Task<Result?> ReplayAsync(StagedRow staged, string operationId, CancellationToken ct)
    {
        if (staged.Status != StagedRowStatus.Registered || staged.MemberId is not { } memberId) return null;
        var member = await _p.Store.FindAsync(memberId, ct).ConfigureAwait(false);
        var applied = member is null ? null : await _p.Store.FindOperationAsync(memberId, operationId, ct).ConfigureAwait(false);
        return applied is null ? null : Result.Replay(member!, applied);
    }

    // ---- insured persons ----------------------------------------------------------------------

    private async Task<Result> InsuredAsync(Row row, CancellationToken ct)
    {
        var record = row.Record;
        var memberId = MemberIds.ForInsured(row.Employer.Code, record.EmployeeId);
        var existing = await _p.Store.FindAsync(memberId, ct).ConfigureAwait(false);
        if (existing is not null && await _p.Store.FindOperationAsync(memberId, row.OperationId, ct).ConfigureAwait(false) is { } applied)
            return Result.Replay(existing, applied);
        if (existing is null && record.Action != SubmissionAction.Enroll)
            return Result.Reject(RegistrationRejections.MemberNotFound(RecordType.Insured));
        if (existing is not null && record.InsuredNumber is { } given && InsuredRoster.Canonical(given) != InsuredRoster.Canonical(existing.InsuredNumber))
            return Result.Reject(RegistrationRejections.InsuredNumberMismatch(existing.InsuredNumber), memberId);

        var updated = existing?.Copy() ?? NewMember(memberId, row, RecordType.Insured);
        var change = MemberChangePlanner.Apply(updated, record, row.Stamp, row.Staged.ProtectedMyNumber, row.Staged.MyNumberHash, Today);
        if (await ClaimMyNumberAsync(updated, change, ct).ConfigureAwait(false) is { } refused)
            return Result.Reject(refused, existing?.MemberId);

        if (existing is null)
        {
            var (number, rejection) = await _p.Roster.AssignAsync(row.Employer.Code, record.EmployeeId, memberId, record.InsuredNumber,
                _p.Settings.InsuredNumberWidth, ct).ConfigureAwait(false);
            if (rejection is not null) return Result.Reject(rejection);
            updated.InsuredNumber = number!;
            var own = _p.Settings.BranchNumberRule.Next([], HouseholdRole.Insured).ToString();
            updated.BranchNumber = own;
            updated.Household = Household.Add(null, memberId, own);
        }
        updated.Symbol = row.Employer.Symbol;
        return await CommitAsync(existing, updated, change, row, ct).ConfigureAwait(false);
    }

    // ---- shared -------------------------------------------------------------------------------

    private async Task<RegistrationRejection?> ClaimMyNumberAsync(Member updated, MemberChange change, CancellationToken ct)
    {
        if (!change.MyNumberChanged || updated.MyNumberHash is not { } hash) return null;
        var outcome = await _p.Claims.ClaimAsync(hash, updated.MemberId, id => _p.Store.FindAsync(id, ct), Today, Now, ct).ConfigureAwait(false);
        if (!outcome.Granted) return RegistrationRejections.MyNumberBelongsToOtherMember();
        if (outcome.OtherMemberId is { } from)
            await _p.Services.AuditLog.RecordAsync($"member:{updated.MemberId}", "mynumber.transferred",
                $"My Number index entry taken over from member {from}, whose qualification has ended.", StepName, ct).ConfigureAwait(false);
        return null;
    }

    private async Task<Result> CommitAsync(Member? existing, Member updated, MemberChange change, Row row, CancellationToken ct)
    {
        var now = Now;
        var today = Today;
        var set = new MemberChangeSet(updated, existing is null, row.OperationId, StepName, now);
        if (existing is null) updated.RegisteredAt = now;
        var actionText = ActionCode(row.Record.Action);
        set.AddTimeline(TimelineKinds.Received,
            $"提出 {row.Request.SubmissionId} の {row.Request.RowNumber} 行目（{actionText}）を受け付けました。",
            $"Received row {row.Request.RowNumber} of submission {row.Request.SubmissionId} ({actionText}).",
            $"{row.Request.SubmissionId}:{row.Request.RowNumber}", at: row.Staged.StagedAt);

        if (change.ChangedFields.Contains(MemberFields.LossDate))
        {
            updated.MyNumberDeletionDueOn = updated.LossDate is { } loss ? _p.Retention.DueOn(loss, today) : null;
            if (updated.MyNumberDeletionDueOn is { } due) await _p.Retention.ScheduleAsync(updated.MemberId, due, ct).ConfigureAwait(false);
        }

        var active = updated.IsInsuredOn(today);
        if (active) PlanFollowUps(updated, change, set, row.OperationId);
        else updated.PendingCertificateRequest = null;
        UpdateSettled(updated, now, today);
        var previousAction = existing?.NextActionDate;
        await IndexNextActionAsync(updated, today, ct).ConfigureAwait(false);

        var data = new JsonObject
        {
            ["memberId"] = updated.MemberId,
            ["employerCode"] = updated.EmployerCode,
            ["submissionId"] = row.Request.SubmissionId,
            ["row"] = row.Request.RowNumber,
            ["action"] = actionText,
            ["role"] = updated.Role == RecordType.Insured ? "insured" : "dependant",
            ["insuredMemberId"] = updated.InsuredMemberId,
        };
        if (existing is not null) data["changedFields"] = new JsonArray(change.ChangedFields.Select(f => (JsonNode)f).ToArray());
        if (change.SupersededFields.Count > 0)
            data["supersededFields"] = new JsonArray(change.SupersededFields.Select(f => (JsonNode)f).ToArray());
        var changed = string.Join(", ", change.ChangedFields);
        var superseded = change.SupersededFields.Count == 0 ? ("", "")
            : ($"（後の提出で設定済みのため反映しなかった項目: {string.Join(", ", change.SupersededFields)}）",
               $" (not applied, already set by a later submission: {string.Join(", ", change.SupersededFields)})");
        if (change.Withdrawn)
        {
            data["lossDate"] = updated.LossDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            data["cause"] = "row";
            data["myNumberDeletionDueOn"] = updated.MyNumberDeletionDueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var e = set.AddEvent(EventTypes.MemberWithdrawn, data);
            set.AddTimeline(TimelineKinds.Withdrawn, WithdrawnJa(updated), WithdrawnEn(updated), Iso(updated.LossDate), e);
            set.Outcome = "withdrawn";
        }
        else
        {
            data["created"] = existing is null;
            data["reinstated"] = change.Reinstated;
            var e = set.AddEvent(EventTypes.MemberRegistered, data);
            if (existing is null)
            {
                set.AddTimeline(TimelineKinds.Registered,
                    $"加入者として登録しました（記号 {updated.Symbol}・番号 {updated.InsuredNumber}・枝番 {updated.BranchNumber}）。",
                    $"Registered (記号 {updated.Symbol}, 番号 {updated.InsuredNumber}, 枝番 {updated.BranchNumber}).", null, e);
                set.Outcome = "registered";
            }
            else if (change.Reinstated)
            {
                set.AddTimeline(TimelineKinds.Reinstated, $"資格を再取得しました（{Iso(updated.QualificationDate)}）。",
                    $"Rejoined (qualification from {Iso(updated.QualificationDate)}).", Iso(updated.QualificationDate), e);
                set.Outcome = "reinstated";
            }
            else if (change.ChangedFields.Count > 0)
            {
                set.AddTimeline(TimelineKinds.Updated, $"変更を反映しました: {changed}{superseded.Item1}", $"Updated: {changed}{superseded.Item2}", changed, e);
                set.Outcome = "updated";
            }
            else
            {
                set.AddTimeline(TimelineKinds.Unchanged, $"変更はありませんでした{superseded.Item1}。", $"Nothing changed{superseded.Item2}.", null, e);
                set.Outcome = "unchanged";
            }
        }

        var outputs = await _p.Store.CommitAsync(set, ct).ConfigureAwait(false);
        if (previousAction is { } old && old != updated.NextActionDate)
            await _p.ActionIndex.RemoveAsync(old, updated.MemberId, ct).ConfigureAwait(false);
        if (change.MyNumberChanged && change.PreviousMyNumberHash is { } previousHash)
            await _p.Claims.ReleaseAsync(previousHash, updated.MemberId, ct).ConfigureAwait(false);
        return Result.Done(updated, outputs, set.Outcome);
    }

    /// <summary>
    /// A change to a printed field (or a new member) calls for a new notice version, whose issuance then asks for
    /// the certificate decision; a change to an eligibility fact alone asks for the decision directly. A member
    /// leaving (a 資格喪失日 ahead) needs neither: any certificate held ends with the qualification.
    /// </summary>
    private static void PlanFollowUps(Member updated, MemberChange change, MemberChangeSet set, string operationId)
    {
        var fingerprint = MemberFactsMapper.NoticeFingerprint(updated);
        if (fingerprint != updated.NoticeFingerprint)
        {
            updated.NoticeVersion++;
            updated.NoticeFingerprint = fingerprint;
            updated.NoticeFailure = null;
            var notice = new NoticeRequest(updated.MemberId, updated.EmployerCode, updated.NoticeVersion);
            set.Outputs.Notices.Add(notice);
            updated.PendingCertificateRequest = NoticeIssuance.CertificateRequestIdFor(notice);
        }
        else if ((change.EligibilityChanged && !change.Withdrawn) || change.Reinstated)
        {
            var request = new CertificateRequest(updated.MemberId, updated.EmployerCode, operationId, IssuanceReasons.Registration);
            set.Outputs.Certificates.Add(request);
            updated.PendingCertificateRequest = request.RequestId;
        }
    }

    /// <summary>Settled: the latest notice version is done (or cannot be) and no certificate decision is pending.</summary>
    internal static void UpdateSettled(Member member, DateTimeOffset now, DateOnly today)
    {
        var noticeDone = member.NoticeIssuedVersion >= member.NoticeVersion || member.NoticeFailure is not null || !member.IsInsuredOn(today);
        var settled = noticeDone && member.PendingCertificateRequest is null;
        if (!settled) member.SettledAt = null;
        else member.SettledAt ??= now;
    }

    /// <summary>Indexes the member under its next action date (written before the commit; the old entry is removed after).</summary>
    internal async Task IndexNextActionAsync(Member updated, DateOnly today, CancellationToken ct)
    {
        DateOnly? next = null;
        if (updated.IsInsuredOn(today))
        {
            try
            {
                next = ReminderSchedule.FirstActionDate(MemberFactsMapper.Facts(updated), today, _p.Settings.Reminders);
            }
            catch (RuleException)
            {
                next = null; // inconsistent card dates: nothing can be scheduled from them
            }
        }
        if (next is { } date && date != updated.NextActionDate)
            await _p.ActionIndex.AddAsync(date, updated.MemberId, updated.EmployerCode, ct).ConfigureAwait(false);
        updated.NextActionDate = next;
    }

    private static Member NewMember(string memberId, Row row, RecordType role) => new()
    {
        PartitionKey = memberId,
        EmployerCode = row.Employer.Code,
        EmployeeId = row.Record.EmployeeId,
        Role = role,
        NameKanji = row.Record.NameKanji,
        NameKana = row.Record.NameKana,
        BirthDate = row.Record.BirthDate,
    };

    private async Task MarkRegisteredAsync(StagedRow read, string memberId, CancellationToken ct)
    {
        var staged = read;
        for (var attempt = 1; ; attempt++)
        {
            if (staged.Status == StagedRowStatus.Registered && staged.ProtectedMyNumber is null) return;
            // The member holds the ciphertext now: the staged copy is not needed any more.
            staged.Status = StagedRowStatus.Registered;
            staged.MemberId = memberId;
            staged.ProtectedMyNumber = null;
            staged.MyNumberHash = null;
            try
            {
                await _p.StagedRows.UpdateEntityAsync(staged, staged.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                return;
            }
            catch (StorageRequestFailedException e) when (e.IsPreconditionFailed && attempt < ConcurrencyRetry.MaxAttempts)
            {
                staged = await _p.FindStagedRowAsync(read.PartitionKey, read.RowNumber, ct).ConfigureAwait(false)
                         ?? throw new MemberPipelineException("STAGED_ROW_MISSING", $"Staged row {read.PartitionKey}/{read.RowNumber} disappeared.");
            }
        }
    }

    private static string WithdrawnJa(Member m) => m.Role == RecordType.Insured
        ? $"{Iso(m.LossDate)}に資格を喪失しました。個人番号は{Iso(m.MyNumberDeletionDueOn)}以降に削除します。"
        : $"{Iso(m.LossDate)}に被扶養者でなくなりました（非該当）。個人番号は{Iso(m.MyNumberDeletionDueOn)}以降に削除します。";

    private static string WithdrawnEn(Member m) =>
        $"Qualification ended on {Iso(m.LossDate)}; the My Number will be deleted on or after {Iso(m.MyNumberDeletionDueOn)}.";

    /// <summary>The stable code of a row action (as in the submission format).</summary>
    public static string ActionCode(SubmissionAction action) => action switch
    {
        SubmissionAction.Enroll => "enroll",
        SubmissionAction.Update => "update",
        SubmissionAction.Withdraw => "withdraw",
        SubmissionAction.Add => "add",
        SubmissionAction.Remove => "remove",
        _ => action.ToString(),
    };

    internal static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private DateOnly Today => _p.Services.Clock.TodayInJapan;

    private DateTimeOffset Now => _p.Services.Clock.GetUtcNow();

    private sealed record Row(RegistrationRequest Request, StagedRow Staged, SubmissionRecord Record, Employer Employer, RowStamp Stamp)
    {
        public string OperationId { get; } = OperationIdOf(Request);
    }

    private sealed record Result(Member? Member, StepOutputs? Outputs, RegistrationRejection? Rejection, string? MemberId, bool Waiting, bool Replayed, string Outcome)
    {
        public static Result Done(Member member, StepOutputs outputs, string outcome) => new(member, outputs, null, member.MemberId, false, false, outcome);

        public static Result Replay(Member member, MemberOperation applied) => new(member, applied.ReadOutputs(), null, member.MemberId, false, true, applied.Outcome);

        public static Result Reject(RegistrationRejection rejection, string? memberId = null) => new(null, null, rejection, memberId, false, false, "rejected");

        public static Result Wait() => new(null, null, null, null, true, false, "waiting");
    }
}

/// <summary>A pipeline step cannot go on (a contract break or missing data); the message is retried and then dead-lettered with this reason.</summary>
public sealed class MemberPipelineException(string code, string message) : Exception($"{code}: {message}")
{
    /// <summary>Stable code.</summary>
    public string Code { get; } = code;
}
