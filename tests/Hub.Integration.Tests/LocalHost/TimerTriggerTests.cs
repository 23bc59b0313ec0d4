using System.Text.Json;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

public sealed class TimerTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Once a year: it never fires during a test on its own.
    private const string Yearly = """
        { "bindings": [ { "name": "timer", "type": "timerTrigger", "direction": "in", "schedule": "%Schedule%" } ] }
        """;

    [Fact]
    public async Task Missed_occurrence_runs_once_at_start_as_past_due()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["Schedule"] = "0 0 0 1 1 *";
        app.Function("Tick", Yearly);
        var status = app.Account.CreateBlobServiceClient().GetBlobContainerClient("azure-webjobs-hosts");
        await status.CreateIfNotExistsAsync();
        var past = DateTime.UtcNow.AddDays(-3);
        await status.GetBlobClient("timers/hub-local/Host.Functions.Tick/status")
            .UploadAsync(BinaryData.FromString($"{{\"Last\":\"{past.AddDays(-1):O}\",\"Next\":\"{past:O}\",\"LastUpdated\":\"{past:O}\"}}"), overwrite: true);

        await app.StartAsync();
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        var data = TestApp.Envelope(Assert.Single(app.Records("Tick")))["Data"]!["timer"]!.AsObject();
        Assert.True(data["IsPastDue"]!.GetValue<bool>());
        Assert.NotNull(data["ScheduleStatus"]!["Next"]);

        // The status now points at the next real occurrence, so a restart does not run it again.
        await app.Host.DisposeAsync();
        await app.StartAsync();
        Assert.True(await app.Host.RunUntilIdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(app.Records("Tick"));
        var saved = (await status.GetBlobClient("timers/hub-local/Host.Functions.Tick/status").DownloadContentAsync()).Value.Content;
        using var doc = JsonDocument.Parse(saved.ToString());
        Assert.True(doc.RootElement.GetProperty("Next").GetDateTime() > DateTime.UtcNow);
    }

    [Fact]
    public async Task Run_on_startup_fires_once_without_past_due_and_schedule_uses_seconds()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["Schedule"] = "*/2 * * * * *"; // every 2 seconds: six-field NCRONTAB
        app.Function("Tick", """
            { "bindings": [ { "name": "timer", "type": "timerTrigger", "direction": "in", "schedule": "%Schedule%", "runOnStartup": true } ] }
            """);
        await app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var records = app.Records("Tick");
        Assert.InRange(records.Count, 2, 5);
        Assert.False(TestApp.Envelope(records[0])["Data"]!["timer"]!["IsPastDue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Undefined_schedule_setting_fails_clearly()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.Function("Tick", Yearly);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(app.StartAsync);
        Assert.Contains("Schedule", e.Message);
    }

    [Fact]
    public async Task A_timer_function_can_be_run_on_demand_like_the_admin_api()
    {
        await using var app = new TestApp(azurite.Azurite);
        app.ExtraSettings["Schedule"] = "0 0 0 1 1 *";
        app.Function("Tick", Yearly);
        await app.StartAsync();
        var record = await app.Host.RunTimerNowAsync("Tick");
        Assert.True(record.Succeeded);
        Assert.Contains("Manually triggered", record.Reason);
        Assert.False(TestApp.Envelope(Assert.Single(app.Records("Tick")))["Data"]!["timer"]!["IsPastDue"]!.GetValue<bool>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Host.RunTimerNowAsync("Nope"));
    }
}
