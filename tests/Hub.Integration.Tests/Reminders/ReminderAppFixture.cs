using System.Text.Json;
using Hub.Core;
using Hub.Core.Events;
using Hub.Core.Members;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.LocalHost;
using Hub.LocalHost.Triggers;
using Hub.Testing;

namespace Hub.Integration.Tests.Reminders;

/// <summary>
/// The reminder timers through the local Functions host on real Azurite, on a simulated Japan day
/// (<c>Hub__Clock__AsOf=2027-03-01</c>). Members are registered by the real pipeline on 2026-11-21 (in process, with a
/// clock on that day); then, on 2027-03-01, each timer is invoked twice at once, and the certificate hand-offs run
/// through the real IssueCertificate. The webhook deliverer is not started, so dispatches stay countable.
/// </summary>
public sealed class ReminderAppFixture : IAsyncLifetime
{
    /// <summary>The simulated day.</summary>
    public static readonly DateOnly Today = new(2027, 3, 1);

    /// <summary>The functions the app runs.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>
    {
        ReminderSweep.ExpiryFunction, ReminderSweep.OverseasFunction, "IssueCertificate",
    };

    private AzuriteFixture? _azurite;

    /// <summary>The app.</summary>
    public HubApp App { get; private set; } = null!;

    /// <summary>The employer.</summary>
    public string Employer { get; } = ReminderMembers.NewEmployerCode();

    /// <summary>The pipeline over the app's storage, on the app's day.</summary>
    public MemberPipeline Pipeline { get; private set; } = null!;

    /// <summary>The members by scenario.</summary>
    public Dictionary<string, string> Members { get; } = [];

    /// <summary>The first run's timer invocations.</summary>
    public List<InvocationRecord> TimerRuns { get; } = [];

    /// <summary>The dispatches on <c>webhook-delivery</c> after the first run.</summary>
    public List<EventDispatch> Dispatches { get; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
        App = new HubApp(_azurite.Azurite);
        App.Overrides["Hub__Clock__AsOf"] = Today.ToString("yyyy-MM-dd");
        await App.StartAsync(Functions);
        Pipeline = new MemberPipeline(App.Services);
        await App.Services.Employers.AddOrUpdateAsync(Employer, "リマインダー結合試験株式会社");

        // Registered on 2026-11-21 by the real pipeline, in process, with a clock on that day.
        var values = App.Settings.Values.Where(kv => kv.Key != "Hub__Clock__AsOf").ToDictionary();
        var clock = new ReminderTestClock(new DateOnly(2026, 11, 21));
        var registrationServices = new HubServices(Core.Configuration.Settings.FromDictionary(values), clock);
        var registrationPipeline = new MemberPipeline(registrationServices);
        var ctx = new ReminderTestContext(registrationServices, registrationPipeline, new ReminderSweep(registrationPipeline), clock, Employer);
        var row = 2;
        async Task Add(string name, Hub.Domain.Submissions.SubmissionRecord record, bool followUps = true) =>
            Members[name] = await ctx.RegisterAsync(record with { RowNumber = row++ }, followUps);
        await Add("grace-ended", ReminderMembers.Insured(Employer, "A01", new DateOnly(2026, 11, 30)));     // grace to 2027-02-28
        await Add("in-grace", ReminderMembers.Insured(Employer, "A02", new DateOnly(2026, 12, 31)));        // grace to 2027-03-31, 30-day window on 03-01
        await Add("expiring", ReminderMembers.Insured(Employer, "A03", new DateOnly(2027, 3, 31)));        // 30-day window on 03-01
        await Add("future", ReminderMembers.Insured(Employer, "A04", new DateOnly(2029, 6, 15)));          // nothing before 2029
        await Add("lapsed", ReminderMembers.Leaving(Employer, "B01", new DateOnly(2027, 2, 20), false, Nationality.Japanese));
        await Add("leaving", ReminderMembers.Leaving(Employer, "B02", new DateOnly(2027, 3, 25), false, Nationality.Japanese));
        await Add("filed", ReminderMembers.Leaving(Employer, "B03", new DateOnly(2027, 3, 25), true, Nationality.Japanese));
        // Its certificate decision has not run yet: it holds no certificate when the window opens.
        await Add("foreign", ReminderMembers.Leaving(Employer, "B04", new DateOnly(2027, 3, 20), false, Nationality.Foreign), followUps: false);

        // 2027-03-01: each timer twice at once, as two instances would.
        foreach (var function in new[] { ReminderSweep.ExpiryFunction, ReminderSweep.OverseasFunction })
            TimerRuns.AddRange(await Task.WhenAll(App.Host.RunTimerNowAsync(function), App.Host.RunTimerNowAsync(function)));
        await App.RunUntilIdleAsync(TimeSpan.FromMinutes(2));

        var bus = new LocalServiceBus(App.Account);
        var queue = await bus.QueueAsync("webhook-delivery", CancellationToken.None);
        var received = new List<Hub.Storage.Queues.QueueMessage>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch) received.AddRange(batch);
        foreach (var m in received)
        {
            Dispatches.Add(JsonSerializer.Deserialize<EventDispatch>(LocalServiceBus.Parse(m).Body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
            await queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
