using System.Globalization;
using Hub.Core;
using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Core.Time;
using Hub.Storage.Blobs;

namespace Hub.Cli.Commands.Ops;

/// <summary>An employer's upload credential.</summary>
/// <param name="EmployerCode">The employer (事業所記号).</param>
/// <param name="ContainerSasUri">The container URL with the SAS (treat as a secret).</param>
/// <param name="UploadUrlTemplate">Where a file goes: <c>…/submissions/{code}/{file}?sas</c> with <c>{file}</c> to fill in.</param>
/// <param name="Permissions">The SAS permission letters (<c>cw</c>).</param>
/// <param name="ExpiresOn">When the SAS stops working.</param>
public sealed record EmployerSas(string EmployerCode, Uri ContainerSasUri, string UploadUrlTemplate, string Permissions, DateTimeOffset ExpiresOn);

/// <summary>Why an upload SAS could not be minted (stable code, English and Japanese).</summary>
public sealed class EmployerSasException(string code, string english, string japanese) : Exception($"{code}: {english}")
{
    /// <summary>Stable error code.</summary>
    public string Code { get; } = code;

    /// <summary>English message.</summary>
    public string English { get; } = english;

    /// <summary>Japanese message.</summary>
    public string Japanese { get; } = japanese;
}

/// <summary>
/// Mints an employer's write-only upload SAS: create + write on the <c>submissions</c> container (no read, list
/// or delete), HTTPS only (HTTP too for an Azurite endpoint), optionally limited to the employer's IP range.
/// The storage service can only scope a flat-namespace SAS to a container or one blob, so the SAS could also
/// write into another employer's folder: ingestion authorizes each folder against the employer registry, and
/// docs/operations.md ("Employer onboarding") describes the residual risk and the detection query.
/// </summary>
public static class EmployerUploadSas
{
    /// <summary>Longest validity: an upload link is a bearer secret, so it should expire soon and be re-issued.</summary>
    public const int MaxDays = 31;

    /// <summary>The permissions: create new blobs and write them (block uploads); nothing else.</summary>
    public const BlobContainerSasPermissions Permissions = BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write;

    /// <summary>Mints the SAS for a registered employer.</summary>
    /// <exception cref="EmployerSasException">Bad code or days, unknown employer, or no account key to sign with.</exception>
    /// <remarks>The expiry uses the real clock (<paramref name="time"/>, default the system's), never the hub's simulated day: the storage service checks it.</remarks>
    public static async Task<EmployerSas> CreateAsync(HubServices services, string employerCode, int days, string? ipRange = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!EmployerRegistry.IsValidCode(employerCode))
            throw new EmployerSasException("EMPLOYER_CODE_INVALID", $"'{employerCode}' is not an employer code (1–16 letters, digits or hyphens).",
                $"「{employerCode}」は事業所記号として正しくありません（英数字とハイフン 1～16 文字）。");
        if (days is < 1 or > MaxDays)
            throw new EmployerSasException("SAS_DAYS_INVALID", $"--days must be 1 to {MaxDays}: an upload link is a secret and should expire soon.",
                $"--days には 1～{MaxDays} を指定してください（アップロード用リンクは秘密情報のため短い期限にします）。");
        var container = services.Storage.Container(HubStorage.Containers.Submissions);
        var expiresOn = (time ?? TimeProvider.System).GetUtcNow().AddDays(days);
        expiresOn = expiresOn.AddTicks(-(expiresOn.Ticks % TimeSpan.TicksPerSecond)); // signed to the second
        if (!container.CanGenerateSasUri)
            throw new EmployerSasException("SAS_NEEDS_ACCOUNT_KEY",
                "The storage connection has no account key (production disables shared keys), so this CLI cannot sign a SAS. " +
                "Mint a user delegation SAS with your Entra ID instead (at most 7 days): " + UserDelegationCommand(container.AccountName, employerCode, Math.Min(days, 7), ipRange),
                "ストレージ接続にアカウントキーがないため（本番では共有キーを無効にしています）、この CLI では SAS に署名できません。" +
                "Entra ID でユーザー委任 SAS を発行してください（最長 7 日）: " + UserDelegationCommand(container.AccountName, employerCode, Math.Min(days, 7), ipRange));

        if (await services.Employers.FindAsync(employerCode, cancellationToken).ConfigureAwait(false) is null)
            throw new EmployerSasException("EMPLOYER_NOT_REGISTERED", $"Employer '{employerCode}' is not registered: run ./hub employers add {employerCode} <name> first.",
                $"事業所「{employerCode}」は登録されていません。先に ./hub employers add {employerCode} <名称> を実行してください。");

        var builder = new BlobSasBuilder(Permissions, expiresOn)
        {
            BlobContainerName = container.Name,
            Protocol = container.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            IPRange = ipRange,
        };
        var uri = container.GenerateSasUri(builder);
        var template = $"{container.Uri.ToString().TrimEnd('/')}/{employerCode}/{{file}}{uri.Query}";
        return new EmployerSas(employerCode, uri, template, builder.Permissions, expiresOn);
    }

    /// <summary>The az command that mints the same SAS as a user delegation SAS (for accounts without shared keys).</summary>
    public static string UserDelegationCommand(string accountName, string employerCode, int days, string? ipRange) =>
        $"az storage container generate-sas --account-name {accountName} --name {HubStorage.Containers.Submissions} --permissions cw " +
        $"--expiry $(date -u -d '+{days} days' '+%Y-%m-%dT%H:%MZ') --https-only --auth-mode login --as-user" +
        (ipRange is null ? "" : $" --ip {ipRange}") + $" -o tsv   # then upload to .../{HubStorage.Containers.Submissions}/{employerCode}/<file>?<sas>";

    /// <summary>Expiry shown in Japan time.</summary>
    public static string JapanTime(DateTimeOffset value) =>
        value.ToOffset(HubClock.JapanOffset).ToString("yyyy-MM-dd HH:mm 'JST'", CultureInfo.InvariantCulture);
}
