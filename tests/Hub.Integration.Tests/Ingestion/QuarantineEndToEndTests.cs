using System.Text.Json;
using Hub.Core.Ingestion;
using Hub.Core.Storage;
using Hub.Domain.Submissions;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Spoofed employers and hostile names: quarantined unread with a report; nothing else happens.</summary>
[Collection(IngestionCollection.Name)]
public sealed class QuarantineEndToEndTests(IngestionAppFixture app)
{
    // Names with C0 control characters are covered in process (IngestionServiceTests): Azurite cannot list a container
    // holding one (invalid XML), and the local host's blob scan lists the container.
    public static TheoryData<string, string, string> Cases => new()
    {
        // folder (relative to a registered employer), file name, expected code
        { "unregistered", "a.csv", SubmissionErrorCodes.EmployerNotRegistered },
        { "sub-folder", "a.csv", SubmissionErrorCodes.FileNameInvalid },
        { "registered", "report\u202Evsc.exe", SubmissionErrorCodes.FileNameInvalid },
        { "registered", new string('n', 300) + ".csv", SubmissionErrorCodes.FileNameInvalid },
        { "not-a-code", "a.csv", SubmissionErrorCodes.FileNameInvalid },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_upload_is_quarantined_with_a_report_and_nothing_else_happens(string folderKind, string fileName, string code)
    {
        var registered = await app.NewEmployerAsync("QUA");
        var folder = folderKind switch
        {
            "unregistered" => "UNREG-" + registered[^4..],
            "sub-folder" => registered + "/sub",
            "not-a-code" => registered + " x",
            _ => registered,
        };
        var content = TestFiles.Utf8(TestFiles.Csv(TestFiles.Insured(registered, "A1")));
        var blobName = $"{folder}/{fileName}";
        await app.App.Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), overwrite: true);

        await app.App.RunUntilIdleAsync();

        // Gone from submissions/, kept in quarantine/ with a report.
        Assert.False((await app.App.Services.Storage.Container(HubStorage.Containers.Submissions).GetBlobClient(blobName).ExistsAsync()).Value);
        var quarantine = app.App.Services.Storage.Container(HubStorage.Containers.Quarantine);
        var expectedFolder = Hub.Core.Employers.EmployerRegistry.IsValidCode(folder) ? folder : SubmissionQuarantine.InvalidFolder;
        var reports = new List<string>();
        await foreach (var blob in quarantine.GetBlobsAsync(prefix: expectedFolder + "/")) reports.Add(blob.Name);
        JsonElement? found = null;
        foreach (var name in reports.Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var json = JsonDocument.Parse((await quarantine.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToMemory()).RootElement;
            if (json.GetProperty("fileName").GetString() == SubmissionErrorCatalog.Quote(fileName, 200)
                && json.GetProperty("employerFolder").GetString() == SubmissionErrorCatalog.Quote(folder, 80))
                found = json;
        }

        var report = found ?? throw new Xunit.Sdk.XunitException($"No quarantine report for {folder}/{fileName} among {string.Join(", ", reports)}");
        Assert.Equal("quarantined", report.GetProperty("status").GetString());
        Assert.Equal(code, report.GetProperty("errors")[0].GetProperty("code").GetString());
        var kept = report.GetProperty("content").GetString()!;
        Assert.Equal(content, (await quarantine.GetBlobClient(kept["quarantine/".Length..]).DownloadContentAsync()).Value.Content.ToArray());
        var quarantineId = report.GetProperty("quarantineId").GetString()!;
        Assert.Contains(await app.AuditAsync($"quarantine:{quarantineId}"), a => a.Action == "quarantined" && a.Detail.StartsWith(code, StringComparison.Ordinal));

        // Nothing else: no submission recorded, nothing staged, no report in results/, no message.
        var submissions = new List<string>();
        await foreach (var s in app.App.Services.Storage.Table(HubStorage.Tables.Submissions)
                           .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"EmployerCode eq {folder}"))) submissions.Add(s.PartitionKey);
        Assert.Empty(submissions);
        await foreach (var _ in app.App.Services.Storage.Container(HubStorage.Containers.Results).GetBlobsAsync(prefix: folder + "/")) Assert.Fail("a result was written");
        Assert.Equal(0, await app.PendingChunksAsync());
    }
}
