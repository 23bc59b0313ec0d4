using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.Domain.Submissions;

namespace Hub.Integration.Tests.Reminders;

/// <summary>The daily expiry sweep's My Number purge, and the reminder windows from settings.</summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class RetentionAndSettingsTests(ReminderStorageFixture fixture)
{
    [Fact]
    public async Task The_daily_sweep_deletes_the_My_Numbers_whose_retention_ended_and_reports_the_count()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 11, 21));
        var record = ReminderMembers.Insured(ctx.Employer, "W1", new DateOnly(2029, 6, 15));
        var id = await ctx.RegisterAsync(record);
        await ctx.RegisterAsync(new SubmissionRecord
        {
            RowNumber = 3, RecordType = RecordType.Insured, Action = SubmissionAction.Withdraw, EmployerCode = ctx.Employer,
            EmployeeId = "W1", NameKanji = record.NameKanji, NameKana = record.NameKana, BirthDate = record.BirthDate,
            LossDate = new DateOnly(2026, 11, 30),
        });
        var member = await ctx.MemberAsync(id);
        Assert.Equal(new DateOnly(2028, 11, 29), member.MyNumberDeletionDueOn); // 730 days after the 資格喪失日
        Assert.NotNull(member.ProtectedMyNumber);

        ctx.Clock.SetDay(new DateOnly(2028, 11, 28));
        var before = await ctx.Sweep.RunAsync(ReminderKind.Expiry, ctx.Options() with { PurgeMyNumbers = true });
        Assert.NotNull((await ctx.MemberAsync(id)).ProtectedMyNumber);
        Assert.Equal(0, before.MyNumbersDeleted);

        ctx.Clock.SetDay(new DateOnly(2028, 11, 29));
        var due = await ctx.Sweep.RunAsync(ReminderKind.Expiry, ctx.Options() with { PurgeMyNumbers = true });
        Assert.True(due.MyNumbersDeleted >= 1);
        Assert.Contains("My Numbers deleted", due.ToString());
        member = await ctx.MemberAsync(id);
        Assert.Null(member.ProtectedMyNumber);
        Assert.NotNull(member.MyNumberDeletedAt);
        // Withdrawn members get no reminders and leave the index.
        Assert.Empty(await ctx.ReminderEventsAsync(id));
        Assert.Empty(await ctx.IndexDatesAsync(id));

        // The overseas timer does not purge.
        var overseas = await ctx.Sweep.RunAsync(ReminderKind.Overseas, ctx.Options());
        Assert.Null(overseas.MyNumbersDeleted);
    }

    [Fact]
    public void Windows_come_from_settings_and_default_to_the_rules_defaults()
    {
        var defaults = ReminderConfiguration.FromSettings(Settings.FromDictionary(new Dictionary<string, string>()));
        Assert.Equal(ReminderSettings.Default.ExpiryWindowDays, defaults.ExpiryWindowDays);
        Assert.Equal((30, 60), (defaults.OverseasWindowDays, defaults.CertificateRenewalWindowDays));

        var custom = ReminderConfiguration.FromSettings(Settings.FromDictionary(new Dictionary<string, string>
        {
            [ReminderConfiguration.ExpiryWindowDays] = "120, 60,14",
            [ReminderConfiguration.GraceWindowDays] = "45",
            [ReminderConfiguration.OverseasWindowDays] = "21",
            [ReminderConfiguration.CertificateRenewalWindowDays] = "90",
        }));
        Assert.Equal([120, 60, 14], custom.ExpiryWindowDays);
        Assert.Equal([45], custom.GraceWindowDays);
        Assert.Equal((21, 90), (custom.OverseasWindowDays, custom.CertificateRenewalWindowDays));
    }

    [Theory]
    [InlineData("Hub__Reminders__ExpiryWindowDays", "90,ninety", "is not a whole number")]
    [InlineData("Hub__Reminders__ExpiryWindowDays", "30,30", "duplicates")]
    [InlineData("Hub__Reminders__OverseasWindowDays", "0", "outside")]
    [InlineData("Hub__Reminders__CertificateRenewalWindowDays", "-5", "is not a whole number")]
    [InlineData("Hub__Reminders__GraceWindowDays", "4000", "outside")]
    public void A_bad_window_is_a_configuration_error_naming_the_setting(string name, string value, string reason)
    {
        var e = Assert.Throws<HubConfigurationException>(() =>
            ReminderConfiguration.FromSettings(Settings.FromDictionary(new Dictionary<string, string> { [name] = value })));
        Assert.Contains(reason, e.Message);
        Assert.Contains("Hub__Reminders__", e.Message);
    }

    [Fact]
    public async Task The_sweep_uses_the_configured_windows()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 1, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "Y1", new DateOnly(2027, 3, 31)));
        var sweep = new ReminderSweep(ctx.Pipeline, new ReminderSettings { ExpiryWindowDays = [45] });
        ctx.Clock.SetDay(new DateOnly(2027, 2, 14)); // 45 days before 2027-03-31
        await ctx.Pipeline.ActionIndex.AddAsync(new DateOnly(2027, 2, 14), id, ctx.Employer);
        var run = await sweep.RunAsync(ReminderKind.Expiry, ctx.Options());
        var sent = Assert.Single(run.Sent);
        Assert.Equal(new DateOnly(2027, 2, 14), sent.DueDate);
        await sweep.CompleteAsync(run);
    }
}
