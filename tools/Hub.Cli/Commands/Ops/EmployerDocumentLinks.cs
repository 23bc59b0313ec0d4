using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Storage.Blobs;

namespace Hub.Cli.Commands.Ops;

/// <summary>One document of an employer with a read-only link.</summary>
/// <param name="Kind">results, outbox, notices or certificates.</param>
/// <param name="Path">The blob path inside its container (<c>{employerCode}/…</c>).</param>
/// <param name="LastModified">When it was written.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Url">The read-only link (a secret until it expires).</param>
public sealed record EmployerDocumentLink(string Kind, string Path, DateTimeOffset LastModified, long Bytes, Uri Url);

/// <summary>
/// Read-only links to what the hub produced for one employer — result reports (<c>results/</c>), the daily reminder
/// outbox and letters (<c>outbox/</c>), 資格情報のお知らせ (<c>notices/</c>) and 資格確認書 (<c>certificates/</c>) — so ops
/// (or the insurer's employer portal) can hand them to the employer's HR staff. One SAS per blob: a flat-namespace
/// container SAS cannot be limited to the employer's folder, a blob SAS can. None of these files holds a clear My Number.
/// </summary>
public static class EmployerDocumentLinks
{
    /// <summary>The containers whose <c>{employerCode}/</c> folders are listed, in this order.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [HubStorage.Containers.Results, HubStorage.Containers.Outbox, HubStorage.Containers.Notices, HubStorage.Containers.Certificates];

    /// <summary>Links to the employer's documents written since <paramref name="since"/> (all when null), valid <paramref name="days"/> days.</summary>
    /// <exception cref="EmployerSasException">Bad code or days, unknown employer, or nothing to sign with.</exception>
    public static async Task<IReadOnlyList<EmployerDocumentLink>> CreateAsync(HubStorage storage, EmployerRegistry employers, string employerCode,
        DateTimeOffset? since, int days, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!EmployerRegistry.IsValidCode(employerCode))
            throw new EmployerSasException("EMPLOYER_CODE_INVALID", $"'{employerCode}' is not an employer code (1–16 letters, digits or hyphens).",
                $"「{employerCode}」は事業所記号として正しくありません（英数字とハイフン 1～16 文字）。");
        if (days is < 1 or > EmployerUploadSas.MaxUserDelegationDays)
            throw new EmployerSasException("SAS_DAYS_INVALID", $"--days must be 1 to {EmployerUploadSas.MaxUserDelegationDays}: a link is a secret and should expire soon.",
                $"--days には 1～{EmployerUploadSas.MaxUserDelegationDays} を指定してください（リンクは秘密情報のため短い期限にします）。");
        if (await employers.FindAsync(employerCode, cancellationToken).ConfigureAwait(false) is null)
            throw new EmployerSasException("EMPLOYER_NOT_REGISTERED", $"Employer '{employerCode}' is not registered.",
                $"事業所「{employerCode}」は登録されていません。");

        // Real time, not the hub's simulated day: the storage service checks the expiry.
        var expiresOn = (time ?? TimeProvider.System).GetUtcNow().AddDays(days);
        var links = new List<EmployerDocumentLink>();
        foreach (var kind in Kinds)
        {
            var container = storage.Container(kind);
            if (!(await container.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value) continue;
            await foreach (var item in container.GetBlobsAsync(prefix: employerCode + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (since is { } from && item.Properties.LastModified < from) continue;
                var url = await container.GetBlobClient(item.Name).GenerateSasUriAsync(BlobSasPermissions.Read, expiresOn, cancellationToken).ConfigureAwait(false);
                links.Add(new EmployerDocumentLink(kind, item.Name, item.Properties.LastModified, item.Properties.ContentLength, url));
            }
        }
        return links;
    }
}
