using System.Security.Cryptography;
using System.Text;
using Azure;
using Hub.Core.Time;

namespace Hub.Core.Ingestion;

/// <summary>
/// Deterministic ids of uploads. A submission is one version of one upload: the same blob version (employer, name,
/// ETag) always gets the same id, so every retry of it finds its own staging, report and messages; a new upload of
/// the same name is a new version and a new submission. The Japan date of the upload leads, so ids sort by day.
/// </summary>
public static class SubmissionIds
{
    /// <summary>The submission id: <c>S{yyyyMMdd}-{16 hex}</c>, safe as a table key and blob name.</summary>
    public static string Submission(string employerCode, string fileName, ETag etag, DateTimeOffset lastModified) =>
        "S" + Day(lastModified) + "-" + Hash($"submission\n{employerCode}\n{fileName}\n{etag}");

    /// <summary>The id of a quarantined upload: <c>Q{yyyyMMdd}-{16 hex}</c>.</summary>
    public static string Quarantine(string blobName, ETag etag, DateTimeOffset lastModified) =>
        "Q" + Day(lastModified) + "-" + Hash($"quarantine\n{blobName}\n{etag}");

    /// <summary>The Japan date of an instant as <c>yyyyMMdd</c>.</summary>
    private static string Day(DateTimeOffset at) => at.ToOffset(HubClock.JapanOffset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
