using System.Text;
using System.Text.Json;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Domain.Submissions;
using Hub.Testing;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>A refused file's report still says how the file was read, when that was decided before the refusal.</summary>
public sealed class RefusedReportFormatTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static TheoryData<string, string, string?, string?, string?> Cases => new()
    {
        // case, expected code, format, encoding, encoding source
        { "bom-missing-column", SubmissionErrorCodes.MissingColumn, "csv", "utf-8", "bom" },
        { "sjis-unknown-column", SubmissionErrorCodes.UnknownColumn, "csv", "shift_jis", "detected" },
        { "json-unknown-key", SubmissionErrorCodes.UnknownColumn, "json", "utf-8", "detected" },
        { "bom-bad-bytes", SubmissionErrorCodes.EncodingInvalid, "csv", null, null },   // the encoding did not decode: not "known"
        { "xlsx", SubmissionErrorCodes.UnsupportedFormat, null, null, null },              // refused before anything was decided
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Format_and_encoding_are_reported_when_known(string name, string code, string? format, string? encoding, string? source)
    {
        var harness = await IngestionHarness.CreateAsync(azurite, new DateOnly(2026, 11, 21));
        var employer = await harness.EmployerAsync("F" + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        var row = TestFiles.Insured(employer, "A1");
        byte[] content = name switch
        {
            "bom-missing-column" => TestFiles.Utf8(TestFiles.Header.Replace(",birth_date", "", StringComparison.Ordinal) + "\r\n" + row + "\r\n", bom: true),
            "sjis-unknown-column" => TestFiles.ShiftJis(TestFiles.Header + ",部署名\r\n" + row + ",総務\r\n"),
            "json-unknown-key" => Encoding.UTF8.GetBytes($"[{{\"record_type\":\"insured\",\"部署\":\"x\"}}]"),
            "bom-bad-bytes" => [.. TestFiles.Utf8(TestFiles.Csv(row), bom: true), 0xFF, 0xFE, 0x41, 0x0D, 0x0A],
            _ => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00],
        };
        var id = await harness.UploadAsync(employer, name + ".csv", content);
        await harness.IngestAsync(employer, name + ".csv");

        var report = JsonDocument.Parse(await harness.ResultTextAsync(ResultReportWriter.JsonPath(employer, id))).RootElement;
        Assert.Equal("refused", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == code);
        Assert.Equal((format, encoding, source), (report.GetProperty("format").GetString(), report.GetProperty("encoding").GetString(),
            report.GetProperty("encodingSource").GetString()));
        var submission = (await harness.Store.FindAsync(id))!;
        Assert.Equal((SubmissionStatus.Refused, format, encoding), (submission.Status, submission.Format, submission.Encoding));
        Assert.NotNull(report.GetProperty("sha256").GetString());
    }
}
