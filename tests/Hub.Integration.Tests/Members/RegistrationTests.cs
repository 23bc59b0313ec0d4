using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Members;

/// <summary>RegisterMember against real Azurite: identifiers, My Number storage and uniqueness, dependants, rejections.</summary>
[Collection(MemberStorageFixture.Collection.Name)]
public sealed class RegistrationTests(MemberStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task Enrolment_creates_the_member_with_symbol_counter_number_branch_00_and_only_ciphertext()
    {
        var ctx = await fixture.CreateAsync(Today);
        var number = MemberTestData.NewMyNumber();
        var request = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "A001", number));

        var outputs = await ctx.Pipeline.Registration.RegisterAsync(request);

        var memberId = MemberIds.ForInsured(ctx.Employer, "A001");
        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.NotNull(member);
        Assert.Equal(ctx.Employer, member.Symbol);
        Assert.Equal("0000001", member.InsuredNumber);
        Assert.Equal("00", member.BranchNumber);
        Assert.StartsWith("mn1.", member.ProtectedMyNumber);
        Assert.DoesNotContain(number.RevealDigits(), member.ProtectedMyNumber);
        Assert.Equal(ctx.Services.MyNumbers.IndexHash(number), member.MyNumberHash);
        var revealed = await ctx.Services.MyNumbers.RevealAsync(member.ProtectedMyNumber!, new("member:" + memberId, "test", "round trip"));
        Assert.Equal(number, revealed);
        Assert.Equal(memberId, await ctx.Pipeline.Claims.OwnerAsync(member.MyNumberHash!));

        var staged = await ctx.Pipeline.FindStagedRowAsync(request.SubmissionId, request.RowNumber);
        Assert.Equal(StagedRowStatus.Registered, staged!.Status);
        Assert.Equal(memberId, staged.MemberId);
        Assert.Null(staged.ProtectedMyNumber);
        Assert.Null(staged.MyNumberHash);

        Assert.Equal([new NoticeRequest(memberId, ctx.Employer, 1)], outputs.Notices);
        Assert.Empty(outputs.Certificates);
        var dispatch = Assert.Single(outputs.Dispatches);
        Assert.Equal(EventTypes.MemberRegistered, dispatch.EventType);
        Assert.Equal(HubStorage.Tables.Members, dispatch.Table);
        var e = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, dispatch);
        Assert.Equal(1, e!.Sequence);
        Assert.True(e.Data["created"]!.GetValue<bool>());
        Assert.Equal([TimelineKinds.Received, TimelineKinds.Registered], (await ctx.Pipeline.Store.TimelineAsync(memberId)).Select(t => t.Kind));
        Assert.Equal($"notice:{memberId}:v1", member.PendingCertificateRequest);
        Assert.Null(member.SettledAt);
    }

    [Fact]
    public async Task Numbers_come_from_the_employer_counter_stay_stable_and_honour_given_numbers()
    {
        var ctx = await fixture.CreateAsync(Today);
        var first = MemberTestData.Enroll(ctx.Employer, "E1", MemberTestData.NewMyNumber());
        await ctx.RegisterAsync(first);
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "E2", MemberTestData.NewMyNumber()));
        // A number the employer gives is kept (and later counter values skip it).
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "E3", MemberTestData.NewMyNumber()) with { InsuredNumber = "3" });
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "E4", MemberTestData.NewMyNumber()));
        await ctx.RegisterAsync(MemberTestData.Update(first, 5) with { CardState = CardState.NotRegistered });

        async Task<string> NumberOf(string employee) => (await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, employee)))!.InsuredNumber;
        Assert.Equal("0000001", await NumberOf("E1"));
        Assert.Equal("0000002", await NumberOf("E2"));
        Assert.Equal("0000003", await NumberOf("E3"));
        Assert.Equal("0000004", await NumberOf("E4"));

        var taken = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "E5", MemberTestData.NewMyNumber()) with { InsuredNumber = "2" });
        await ctx.Pipeline.Registration.RegisterAsync(taken);
        Assert.Equal("INSURED_NUMBER_TAKEN", (await ctx.Pipeline.FindStagedRowAsync(taken.SubmissionId, taken.RowNumber))!.RejectionCode);

        var mismatch = await ctx.StageAsync(MemberTestData.Update(first, 6) with { InsuredNumber = "9" });
        await ctx.Pipeline.Registration.RegisterAsync(mismatch);
        Assert.Equal("INSURED_NUMBER_MISMATCH", (await ctx.Pipeline.FindStagedRowAsync(mismatch.SubmissionId, mismatch.RowNumber))!.RejectionCode);
        Assert.Equal("0000001", await NumberOf("E1"));
    }

    [Fact]
    public async Task A_my_number_held_by_another_insured_member_is_rejected_and_nothing_is_overwritten()
    {
        var ctx = await fixture.CreateAsync(Today);
        var shared = MemberTestData.NewMyNumber();
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "H1", shared));
        var holderId = MemberIds.ForInsured(ctx.Employer, "H1");
        var before = await ctx.Pipeline.Store.FindAsync(holderId);

        // A new member with the same number.
        var duplicate = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "H2", shared) with { NameKanji = "別人 花子", NameKana = "ベツジン ハナコ" });
        var outputs = await ctx.Pipeline.Registration.RegisterAsync(duplicate);
        // An existing member correcting its number to the same one.
        var other = MemberTestData.Enroll(ctx.Employer, "H3", MemberTestData.NewMyNumber());
        await ctx.RegisterAsync(other);
        var otherBefore = await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "H3"));
        var correction = await ctx.StageAsync(MemberTestData.Update(other, 7) with { MyNumber = shared });
        await ctx.Pipeline.Registration.RegisterAsync(correction);

        Assert.Null(await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "H2")));
        foreach (var request in new[] { duplicate, correction })
        {
            var staged = await ctx.Pipeline.FindStagedRowAsync(request.SubmissionId, request.RowNumber);
            Assert.Equal(StagedRowStatus.Rejected, staged!.Status);
            Assert.Equal(SubmissionErrorCodes.MyNumberBelongsToOtherMember, staged.RejectionCode);
            Assert.Null(staged.ProtectedMyNumber);
        }
        var rejection = Assert.Single(outputs.Dispatches);
        Assert.Equal(EventTypes.MemberRejected, rejection.EventType);
        var e = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, rejection);
        Assert.Equal(SubmissionErrorCodes.MyNumberBelongsToOtherMember, e!.Data["code"]!.GetValue<string>());
        Assert.Contains("別の加入者", e.Data["message_ja"]!.GetValue<string>());

        var after = await ctx.Pipeline.Store.FindAsync(holderId);
        Assert.Equal(before!.ProtectedMyNumber, after!.ProtectedMyNumber);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(holderId, await ctx.Pipeline.Claims.OwnerAsync(ctx.Services.MyNumbers.IndexHash(shared)));
        var otherAfter = await ctx.Pipeline.Store.FindAsync(otherBefore!.MemberId);
        Assert.Equal(otherBefore.ProtectedMyNumber, otherAfter!.ProtectedMyNumber);
        Assert.Equal(otherBefore.ETag, otherAfter.ETag);

        // Redelivering the rejected row gives the same rejection, not a second event.
        var again = await ctx.Pipeline.Registration.RegisterAsync(duplicate);
        Assert.Equal(rejection, Assert.Single(again.Dispatches));
    }

    [Fact]
    public async Task Dependants_link_to_the_insured_share_the_number_and_get_branch_numbers_by_the_configured_rule()
    {
        var ctx = await fixture.CreateAsync(Today, new Dictionary<string, string> { ["Hub__Members__BranchNumberRule"] = "by-relationship" });
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "D1", MemberTestData.NewMyNumber()));
        await ctx.RegisterAsync(MemberTestData.AddDependant(ctx.Employer, "D1", MemberTestData.NewMyNumber(), Relationship.Child, "山田 一郎", "ヤマダ イチロウ", new DateOnly(2015, 1, 2)));
        await ctx.RegisterAsync(MemberTestData.AddDependant(ctx.Employer, "D1", MemberTestData.NewMyNumber(), Relationship.Spouse, "山田 花子", "ヤマダ ハナコ", new DateOnly(1987, 3, 3)));
        await ctx.RegisterAsync(MemberTestData.AddDependant(ctx.Employer, "D1", null, Relationship.Child, "山田 二郎", "ヤマダ ジロウ", new DateOnly(2020, 5, 6)));
        await ctx.RegisterAsync(MemberTestData.AddDependant(ctx.Employer, "D1", MemberTestData.NewMyNumber(), Relationship.Mother, "山田 母", "ヤマダ ハハ", new DateOnly(1955, 7, 8)));

        var insuredId = MemberIds.ForInsured(ctx.Employer, "D1");
        var insured = await ctx.Pipeline.Store.FindAsync(insuredId);
        var household = Household.Parse(insured!.Household);
        var members = new List<Member>();
        foreach (var (id, _) in household) members.Add((await ctx.Pipeline.Store.FindAsync(id))!);
        Assert.Equal(["00", "02", "01", "03", "20"], members.Select(m => m.BranchNumber));
        Assert.All(members, m => Assert.Equal(insured.InsuredNumber, m.InsuredNumber));
        Assert.All(members.Skip(1), m => Assert.Equal(insuredId, m.InsuredMemberId));
        Assert.All(members.Skip(1), m => Assert.Equal(RecordType.Dependant, m.Role));
        var bornAbroad = members.Single(m => m.NameKana == "ヤマダ ジロウ");
        Assert.Null(bornAbroad.ProtectedMyNumber);
        Assert.Equal(NoMyNumberReason.BornAbroad, bornAbroad.NoMyNumberReason);

        // The same dependant again (by My Number, by branch, by birth date and kana) is the same member.
        var spouse = members.Single(m => m.Relationship == Relationship.Spouse);
        var update = await ctx.RegisterAsync(MemberTestData.Update(MemberTestData.AddDependant(ctx.Employer, "D1", null, Relationship.Spouse,
            "山田 花子", "ヤマダ ハナコ", new DateOnly(1987, 3, 3)), 9) with { CardState = CardState.Returned });
        Assert.Equal(spouse.MemberId, (await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, Assert.Single(update.Dispatches)))!.Data["memberId"]!.GetValue<string>());
        Assert.Equal(CardState.Returned, (await ctx.Pipeline.Store.FindAsync(spouse.MemberId))!.CardState);
        Assert.Equal(5, Household.Parse((await ctx.Pipeline.Store.FindAsync(insuredId))!.Household).Count);
    }

    [Fact]
    public async Task A_dependant_waits_for_its_insured_person_in_the_same_submission_then_registers()
    {
        var ctx = await fixture.CreateAsync(Today);
        var submission = MemberTestContext.NewSubmissionId();
        var insured = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "W1", MemberTestData.NewMyNumber(), row: 2), submission);
        var dependant = await ctx.StageAsync(MemberTestData.AddDependant(ctx.Employer, "W1", MemberTestData.NewMyNumber(), Relationship.Child,
            "待田 子", "マチダ コ", new DateOnly(2018, 2, 2), row: 3), submission);

        var waited = await ctx.Pipeline.Registration.RegisterAsync(dependant);
        Assert.Empty(waited.Dispatches);
        Assert.Equal(StagedRowStatus.Staged, (await ctx.Pipeline.FindStagedRowAsync(submission, 3))!.Status);

        var insuredOutputs = await ctx.Pipeline.Registration.RegisterAsync(insured);
        Assert.Equal([dependant], insuredOutputs.Registrations);
        var all = await ctx.RunFollowUpsAsync(insuredOutputs);

        var staged = await ctx.Pipeline.FindStagedRowAsync(submission, 3);
        Assert.Equal(StagedRowStatus.Registered, staged!.Status);
        var child = await ctx.Pipeline.Store.FindAsync(staged.MemberId!);
        Assert.Equal("01", child!.BranchNumber);
        Assert.Empty(await ctx.Pipeline.Roster.WaitingForAsync(ctx.Employer, "W1"));
        Assert.NotNull(child.SettledAt);
        Assert.Contains(all.Dispatches, d => d.EventType == EventTypes.NoticeIssued);
    }

    [Fact]
    public async Task Dependants_waiting_for_an_insured_row_that_is_rejected_are_rejected_as_unknown_insured()
    {
        var ctx = await fixture.CreateAsync(Today);
        var taken = MemberTestData.NewMyNumber();
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "R0", taken));
        var submission = MemberTestContext.NewSubmissionId();
        var insured = await ctx.StageAsync(MemberTestData.Enroll(ctx.Employer, "R1", taken, row: 2), submission);
        var early = await ctx.StageAsync(MemberTestData.AddDependant(ctx.Employer, "R1", MemberTestData.NewMyNumber(), Relationship.Spouse,
            "却下 妻", "キャッカ ツマ", new DateOnly(1990, 1, 1), row: 3), submission);
        var late = await ctx.StageAsync(MemberTestData.AddDependant(ctx.Employer, "R1", MemberTestData.NewMyNumber(), Relationship.Child,
            "却下 子", "キャッカ コ", new DateOnly(2019, 1, 1), row: 4), submission);

        await ctx.Pipeline.Registration.RegisterAsync(early);
        var rejected = await ctx.Pipeline.Registration.RegisterAsync(insured);
        var lateOutputs = await ctx.Pipeline.Registration.RegisterAsync(late);

        Assert.Equal(SubmissionErrorCodes.MyNumberBelongsToOtherMember, (await ctx.Pipeline.FindStagedRowAsync(submission, 2))!.RejectionCode);
        Assert.Equal(SubmissionErrorCodes.UnknownInsured, (await ctx.Pipeline.FindStagedRowAsync(submission, 3))!.RejectionCode);
        Assert.Equal(SubmissionErrorCodes.UnknownInsured, (await ctx.Pipeline.FindStagedRowAsync(submission, 4))!.RejectionCode);
        Assert.Equal(2, rejected.Dispatches.Count);
        Assert.Single(lateOutputs.Dispatches);
        Assert.Empty(await ctx.Pipeline.Roster.WaitingForAsync(ctx.Employer, "R1"));
    }

    [Fact]
    public async Task Updates_of_unknown_members_are_rejected_with_member_not_found()
    {
        var ctx = await fixture.CreateAsync(Today);
        var ghost = await ctx.StageAsync(MemberTestData.Update(MemberTestData.Enroll(ctx.Employer, "X9", null), 2));
        await ctx.Pipeline.Registration.RegisterAsync(ghost);
        Assert.Equal("MEMBER_NOT_FOUND", (await ctx.Pipeline.FindStagedRowAsync(ghost.SubmissionId, 2))!.RejectionCode);

        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "X1", MemberTestData.NewMyNumber()));
        var noSuchDependant = await ctx.StageAsync(MemberTestData.Update(MemberTestData.AddDependant(ctx.Employer, "X1", null, Relationship.Child,
            "不明 子", "フメイ コ", new DateOnly(2012, 12, 12)), 3));
        await ctx.Pipeline.Registration.RegisterAsync(noSuchDependant);
        Assert.Equal("MEMBER_NOT_FOUND", (await ctx.Pipeline.FindStagedRowAsync(noSuchDependant.SubmissionId, 3))!.RejectionCode);
    }

    [Fact]
    public async Task Withdrawal_of_the_insured_person_withdraws_the_dependants_and_schedules_my_number_deletion()
    {
        var ctx = await fixture.CreateAsync(Today);
        var enrol = MemberTestData.Enroll(ctx.Employer, "L1", MemberTestData.NewMyNumber());
        await ctx.RegisterAsync(enrol);
        await ctx.RegisterAsync(MemberTestData.AddDependant(ctx.Employer, "L1", MemberTestData.NewMyNumber(), Relationship.Spouse, "退職 妻", "タイショク ツマ", new DateOnly(1988, 8, 8)));

        var outputs = await ctx.RegisterAsync(MemberTestData.Withdraw(enrol, new DateOnly(2026, 12, 1), 4));

        var insured = await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "L1"));
        Assert.Equal(new DateOnly(2026, 12, 1), insured!.LossDate);
        Assert.Equal(new DateOnly(2026, 12, 1).AddDays(730), insured.MyNumberDeletionDueOn);
        var spouseId = Household.Parse(insured.Household)[1].MemberId;
        var spouse = await ctx.Pipeline.Store.FindAsync(spouseId);
        Assert.Equal(new DateOnly(2026, 12, 1), spouse!.LossDate);
        Assert.Equal(2, outputs.Dispatches.Count(d => d.EventType == EventTypes.MemberWithdrawn));
        Assert.Empty(outputs.Notices);
        Assert.Empty(outputs.Certificates);
        var withdrawn = await EventOutbox.LoadAsync(ctx.Pipeline.Store.Table, outputs.Dispatches.Single(d => d.PartitionKey == spouseId));
        Assert.Equal("insured_withdrawn", withdrawn!.Data["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_number_moves_from_a_member_no_longer_insured_to_a_new_member_with_an_audit_record()
    {
        var ctx = await fixture.CreateAsync(Today);
        var childNumber = MemberTestData.NewMyNumber();
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "P1", MemberTestData.NewMyNumber()));
        var child = MemberTestData.AddDependant(ctx.Employer, "P1", childNumber, Relationship.Child, "独立 子", "ドクリツ コ", new DateOnly(2004, 4, 4));
        await ctx.RegisterAsync(child);
        var childId = (await ctx.Pipeline.Store.FindAsync(MemberIds.ForInsured(ctx.Employer, "P1")))!.Household.Split(';')[1].Split(':')[0];
        await ctx.RegisterAsync(MemberTestData.Withdraw(child, Today.AddDays(-1), 5));

        // The child now works for the employer: enrolled as an insured person with the same My Number.
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "P2", childNumber) with { NameKanji = "独立 子", NameKana = "ドクリツ コ", BirthDate = new DateOnly(2004, 4, 4) });

        var newId = MemberIds.ForInsured(ctx.Employer, "P2");
        Assert.NotNull(await ctx.Pipeline.Store.FindAsync(newId));
        Assert.Equal(newId, await ctx.Pipeline.Claims.OwnerAsync(ctx.Services.MyNumbers.IndexHash(childNumber)));
        var audit = new List<TableEntity>();
        await foreach (var a in ctx.Services.AuditLog.ReadAsync($"member:{newId}")) audit.Add(a);
        Assert.Contains(audit, a => a.GetString("Action") == "mynumber.transferred" && a.GetString("Detail")!.Contains(childId));
    }
}
