using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Storage;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Members;

/// <summary>Withdrawal schedules the My Number's deletion; the deletion after the retention period is irrecoverable and audited.</summary>
[Collection(MemberStorageFixture.Collection.Name)]
public sealed class RetentionTests(MemberStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task After_the_retention_period_the_my_number_is_deleted_irrecoverably_and_the_deletion_is_audited()
    {
        var ctx = await fixture.CreateAsync(Today, new Dictionary<string, string> { ["Hub__MyNumber__RetentionDays"] = "30" });
        var number = MemberTestData.NewMyNumber();
        var enrol = MemberTestData.Enroll(ctx.Employer, "R1", number);
        await ctx.RunFollowUpsAsync(await ctx.RegisterAsync(enrol));
        await ctx.RegisterAsync(MemberTestData.Withdraw(enrol, new DateOnly(2026, 11, 30), 3));
        var memberId = MemberIds.ForInsured(ctx.Employer, "R1");
        var hash = ctx.Services.MyNumbers.IndexHash(number);
        var due = new DateOnly(2026, 12, 30);
        Assert.Equal(due, (await ctx.Pipeline.Store.FindAsync(memberId))!.MyNumberDeletionDueOn);

        Assert.Empty(await ctx.Pipeline.Retention.PurgeDueAsync(due.AddDays(-1), "test:purge"));
        Assert.NotNull((await ctx.Pipeline.Store.FindAsync(memberId))!.ProtectedMyNumber);

        ctx.Clock.SetDay(due);
        var deleted = await ctx.Pipeline.Retention.PurgeDueAsync(due, "test:purge");

        Assert.Contains(memberId, deleted);
        var member = await ctx.Pipeline.Store.FindAsync(memberId);
        Assert.Null(member!.ProtectedMyNumber);
        Assert.Null(member.MyNumberHash);
        Assert.NotNull(member.MyNumberDeletedAt);
        Assert.Equal("deleted", MemberReport.MyNumberStatus(member));
        Assert.Null(await ctx.Pipeline.Claims.OwnerAsync(hash));
        Assert.Equal(TimelineKinds.MyNumberDeleted, (await ctx.Pipeline.Store.TimelineAsync(memberId))[^1].Kind);
        Assert.Single(await AuditAsync(ctx, memberId));

        // Nothing anywhere still decrypts to the number, even with the key.
        foreach (var table in new[] { HubStorage.Tables.Members, HubStorage.Tables.StagedRows })
            await foreach (var entity in ctx.Services.Storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "ProtectedMyNumber"]))
            {
                if (entity.GetString("ProtectedMyNumber") is not { } ciphertext) continue;
                try
                {
                    Assert.NotEqual(number, await ctx.Services.MyNumbers.RevealAsync(ciphertext, new("scan", "test", "irrecoverability check")));
                }
                catch (HubConfigurationException)
                {
                    // Encrypted under a key this ring does not hold (the rotation test's): not this number either way.
                }
            }

        // Running again deletes nothing more and records nothing more.
        Assert.Empty(await ctx.Pipeline.Retention.PurgeDueAsync(due.AddDays(1), "test:purge"));
        Assert.Single(await AuditAsync(ctx, memberId));

        // The number is free again: a new member may register it.
        await ctx.RegisterAsync(MemberTestData.Enroll(ctx.Employer, "R2", number));
        Assert.Equal(MemberIds.ForInsured(ctx.Employer, "R2"), await ctx.Pipeline.Claims.OwnerAsync(hash));
    }

    [Fact]
    public async Task A_member_who_rejoins_before_the_deletion_date_keeps_the_number()
    {
        var ctx = await fixture.CreateAsync(Today, new Dictionary<string, string> { ["Hub__MyNumber__RetentionDays"] = "10" });
        var enrol = MemberTestData.Enroll(ctx.Employer, "R3", MemberTestData.NewMyNumber());
        await ctx.RegisterAsync(enrol);
        await ctx.RegisterAsync(MemberTestData.Withdraw(enrol, Today, 3));
        await ctx.RegisterAsync(enrol with { RowNumber = 4, QualificationDate = Today.AddDays(3) });
        var memberId = MemberIds.ForInsured(ctx.Employer, "R3");
        Assert.Null((await ctx.Pipeline.Store.FindAsync(memberId))!.MyNumberDeletionDueOn);

        ctx.Clock.SetDay(Today.AddDays(11));
        Assert.DoesNotContain(memberId, await ctx.Pipeline.Retention.PurgeDueAsync(Today.AddDays(11), "test:purge"));
        Assert.NotNull((await ctx.Pipeline.Store.FindAsync(memberId))!.ProtectedMyNumber);
        Assert.Empty(await AuditAsync(ctx, memberId));
    }

    private static async Task<List<TableEntity>> AuditAsync(MemberTestContext ctx, string memberId)
    {
        var list = new List<TableEntity>();
        await foreach (var a in ctx.Services.AuditLog.ReadAsync($"member:{memberId}"))
            if (a.GetString("Action") == MyNumberRetention.AuditAction) list.Add(a);
        Assert.All(list, a => Assert.Equal("test:purge", a.GetString("Actor")));
        return list;
    }
}
