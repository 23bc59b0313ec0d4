using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Azure;
using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Blobs;

namespace Hub.Core.Ingestion;

/// <summary>
/// Moves a refused-unread upload (unsafe name, unregistered employer folder) out of <c>submissions/</c>: the bytes
/// to <c>quarantine/{folder}/{quarantineId}.upload</c> and a JSON report beside them (<c>{quarantineId}.json</c>);
/// then deletes the upload and records it in the audit log. Nothing else happens: the content is not parsed, no
/// submission is recorded, nothing is staged or sent. <c>{folder}</c> is the employer folder when it is a
/// well-formed code (so the insurer can find a not-yet-registered employer's files), else <c>_invalid</c>.
/// Idempotent: a retry rewrites the same blobs.
/// </summary>
public sealed class SubmissionQuarantine(HubServices services, IngestionSettings settings, string actor)
{
    /// <summary>The folder for uploads whose employer part is not a code.</summary>
    public const string InvalidFolder = "_invalid";

    private static readonly JsonSerializerOptions ReportJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Quarantines <paramref name="upload"/> (the version <paramref name="properties"/> describes) for <paramref name="error"/>; returns the quarantine id.</summary>
    public async Task<string> QuarantineAsync(BlobClient upload, BlobProperties properties, string employerFolder, string fileName, SubmissionError error,
        CancellationToken cancellationToken)
    {
        var blobName = employerFolder + "/" + fileName;
        var id = SubmissionIds.Quarantine(blobName, properties.ETag, properties.LastModified);
        var folder = EmployerRegistry.IsValidCode(employerFolder) ? employerFolder : InvalidFolder;
        var quarantine = services.Storage.Container(HubStorage.Containers.Quarantine);
        var contentPath = $"{folder}/{id}.upload";

        // Kept for the insurer to inspect (and re-submit once the employer is registered); not when absurdly large.
        var kept = properties.ContentLength <= settings.MaxFileBytes && await CopyAsync(upload, properties.ETag, quarantine.GetBlobClient(contentPath), cancellationToken).ConfigureAwait(false);
        var report = new
        {
            quarantineId = id,
            status = "quarantined",
            employerFolder = SubmissionErrorCatalog.Quote(employerFolder, 80),
            fileName = SubmissionErrorCatalog.Quote(fileName, 200),
            receivedAt = properties.LastModified.ToOffset(Time.HubClock.JapanOffset),
            quarantinedAt = services.Clock.NowInJapan,
            bytes = properties.ContentLength,
            content = kept ? $"{HubStorage.Containers.Quarantine}/{contentPath}" : null,
            errors = new[] { new { code = error.Code, field = error.Column, message_ja = error.MessageJa, message_en = error.MessageEn } },
        };
        await quarantine.GetBlobClient($"{folder}/{id}.json").UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(report, ReportJson)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } }, cancellationToken).ConfigureAwait(false);

        await DeleteVersionAsync(upload, properties.ETag, cancellationToken).ConfigureAwait(false);
        await services.AuditLog.RecordAsync($"quarantine:{id}", "quarantined",
            $"{error.Code}: upload ({properties.ContentLength} bytes, ETag {properties.ETag}) moved out of submissions/ " +
            (kept ? $"to quarantine/{contentPath}" : "(content not kept: over the size limit)") + $"; report quarantine/{folder}/{id}.json",
            actor, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private static async Task<bool> CopyAsync(BlobClient source, ETag etag, BlobClient target, CancellationToken cancellationToken)
    {
        try
        {
            var download = await source.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = new RequestConditions { IfMatch = etag } }, cancellationToken)
                .ConfigureAwait(false);
            await using var content = download.Value.Content;
            await target.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound || e.IsPreconditionFailed)
        {
            return false; // replaced or deleted meanwhile: that version is gone anyway
        }
    }

    /// <summary>Deletes exactly the version read; a newer upload under the same name is left alone.</summary>
    internal static async Task<string> DeleteVersionAsync(BlobClient upload, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await upload.DeleteAsync(conditions: new RequestConditions { IfMatch = etag }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return "deleted";
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return "already deleted";
        }
        catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
        {
            return "already replaced by a newer upload (left alone)";
        }
    }
}
