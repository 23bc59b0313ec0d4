using Hub.Core.Configuration;
using Hub.Core.Members;

namespace Hub.Integration.Tests.Members;

/// <summary>The pipeline indexes members by their next action date with the same reminder windows the sweeps use.</summary>
public sealed class MemberPipelineSettingsTests
{
    [Fact]
    public void Reminder_windows_come_from_the_reminder_settings()
    {
        var settings = Settings.FromDictionary(new Dictionary<string, string>
        {
            ["Hub__Reminders__ExpiryWindowDays"] = "120, 45",
            ["Hub__Reminders__OverseasWindowDays"] = "21",
        });

        var read = MemberPipelineSettings.FromSettings(settings);

        Assert.Equal([120, 45], read.Reminders.ExpiryWindowDays);
        Assert.Equal(21, read.Reminders.OverseasWindowDays);
    }

    [Fact]
    public void Without_reminder_settings_the_defaults_apply()
    {
        var read = MemberPipelineSettings.FromSettings(Settings.FromDictionary(new Dictionary<string, string>()));

        Assert.Equal(Hub.Domain.Eligibility.ReminderSettings.Default.ExpiryWindowDays, read.Reminders.ExpiryWindowDays);
    }

    [Fact]
    public void A_bad_reminder_window_names_its_setting()
    {
        var settings = Settings.FromDictionary(new Dictionary<string, string> { ["Hub__Reminders__ExpiryWindowDays"] = "90,abc" });

        var error = Assert.Throws<HubConfigurationException>(() => MemberPipelineSettings.FromSettings(settings));

        Assert.Contains("Hub__Reminders__ExpiryWindowDays", error.Message, StringComparison.Ordinal);
    }
}
