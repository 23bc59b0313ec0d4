using Azure.Identity;
using Hub.Storage;

namespace Hub.Integration.Tests.Storage;

/// <summary>Connection strings and identity-based settings resolve like the Functions host resolves a binding's connection.</summary>
public sealed class StorageConnectionTests
{
    [Fact]
    public void Development_storage_points_at_azurite_default_ports_with_the_well_known_account()
    {
        var c = StorageConnection.Parse("UseDevelopmentStorage=true");
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", c.BlobEndpoint!.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", c.QueueEndpoint!.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", c.TableEndpoint!.ToString().TrimEnd('/'));
        Assert.Equal("devstoreaccount1", c.SharedKey!.AccountName);
    }

    [Fact]
    public void Explicit_endpoints_win_over_the_account_name()
    {
        var c = StorageConnection.Parse(
            "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=" + Convert.ToBase64String(new byte[32]) +
            ";BlobEndpoint=http://127.0.0.1:5000/acct;QueueEndpoint=http://127.0.0.1:5001/acct;TableEndpoint=http://127.0.0.1:5002/acct;");
        Assert.Equal(5000, c.BlobEndpoint!.Port);
        Assert.Equal(5001, c.QueueEndpoint!.Port);
        Assert.Equal(5002, c.TableEndpoint!.Port);
        Assert.Equal("acct", c.SharedKey!.AccountName);
    }

    [Fact]
    public void Production_string_builds_https_endpoints_from_account_and_suffix()
    {
        var c = StorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=hubprod;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";EndpointSuffix=core.windows.net");
        Assert.Equal("https://hubprod.blob.core.windows.net/", c.BlobEndpoint!.ToString());
        Assert.Equal("https://hubprod.queue.core.windows.net/", c.QueueEndpoint!.ToString());
        Assert.Equal("https://hubprod.table.core.windows.net/", c.TableEndpoint!.ToString());
    }

    [Fact]
    public void Round_trips_through_to_connection_string()
    {
        var original = StorageConnection.Parse("UseDevelopmentStorage=true");
        var again = StorageConnection.Parse(original.ToConnectionString());
        Assert.Equal(original.BlobEndpoint, again.BlobEndpoint);
        Assert.Equal(original.TableEndpoint, again.TableEndpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AccountName=x")]
    [InlineData("AccountKey=abc=;BlobEndpoint=http://x")]
    [InlineData("justtext")]
    [InlineData("AccountName=x;AccountKey=not base64!")]
    public void Malformed_strings_fail_clearly(string value)
    {
        var e = Record.Exception(() => StorageConnection.Parse(value));
        Assert.True(e is FormatException or ArgumentException, e?.GetType().Name);
    }

    [Fact]
    public void The_account_key_never_appears_in_a_format_error()
    {
        var e = Assert.Throws<FormatException>(() => StorageConnection.Parse("AccountKey=c2VjcmV0c2VjcmV0;broken"));
        Assert.DoesNotContain("c2VjcmV0c2VjcmV0", e.Message);
    }

    [Fact]
    public void Identity_based_settings_resolve_service_uris_and_a_managed_identity()
    {
        var settings = new Dictionary<string, string>
        {
            ["HubStorage__blobServiceUri"] = "https://hubprod.blob.core.windows.net",
            ["HubStorage__queueServiceUri"] = "https://hubprod.queue.core.windows.net",
            ["HubStorage__tableServiceUri"] = "https://hubprod.table.core.windows.net",
            ["HubStorage__credential"] = "managedidentity",
        };
        var c = StorageConnection.FromSettings("HubStorage", k => settings.GetValueOrDefault(k));
        Assert.Equal("hubprod.blob.core.windows.net", c.BlobEndpoint!.Host);
        Assert.Equal("hubprod.table.core.windows.net", c.TableEndpoint!.Host);
        Assert.IsType<ManagedIdentityCredential>(c.TokenCredential);
        Assert.Null(c.SharedKey);
    }

    [Fact]
    public void Account_name_setting_derives_all_three_endpoints()
    {
        var c = StorageConnection.FromSettings("HubStorage", k => k == "HubStorage__accountName" ? "hubdev" : null);
        Assert.Equal("https://hubdev.queue.core.windows.net/", c.QueueEndpoint!.ToString());
        Assert.IsType<DefaultAzureCredential>(c.TokenCredential);
    }

    [Fact]
    public void A_connection_string_setting_wins_and_AzureWebJobs_prefix_is_tried()
    {
        var viaPrefix = StorageConnection.FromSettings("Data", k => k == "AzureWebJobsData" ? "UseDevelopmentStorage=true" : null);
        Assert.NotNull(viaPrefix.SharedKey);
        var defaultName = StorageConnection.FromSettings(null, k => k == "AzureWebJobsStorage" ? "UseDevelopmentStorage=true" : null);
        Assert.Equal(10000, defaultName.BlobEndpoint!.Port);
    }

    [Fact]
    public void Missing_connection_names_the_settings_to_set()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromSettings("HubStorage", _ => null));
        Assert.Contains("HubStorage__blobServiceUri", e.Message);
    }
}
