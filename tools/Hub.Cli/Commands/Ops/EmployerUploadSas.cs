using System.Globalization;
using Azure.Identity;
using Hub.Core;
using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Core.Time;
using Hub.Storage;
using Hub.Storage.Blobs;

namespace Hub.Cli.Commands.Ops;

/// <summary>An employer's upload credential.</summary>
/// <param name="EmployerCode">The employer (事業所記号).</param>
/// <param name="ContainerSasUri">The container URL with the SAS (treat as a secret).</param>
/// <param name="UploadUrlTemplate">Where a file goes: <c>…/submissions/{code}/{file}?sas</c> with <c>{file}</c> to fill in.</param>
/// <param name="Permissions">The SAS permission letters (<c>cw</c>).</param>
/// <param name="ExpiresOn">When the SAS stops working.</param>
/// <param name="UserDelegation">
/// True when signed with the operator's Microsoft Entra ID (a user delegation SAS, no account key): it then also stops
/// working if that identity loses its storage role or its delegation keys are revoked.
/// </param>
public sealed record EmployerSas(string EmployerCode, Uri ContainerSasUri, string UploadUrlTemplate, string Permissions, DateTimeOffset ExpiresOn,
    bool UserDelegation = false);

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
/// Signed with the account key when the storage connection has one (Azurite, development), else — production, where
/// shared keys are disabled — as a user delegation SAS with the operator's Microsoft Entra ID (<c>az login</c>), which
/// the service limits to 7 days. The storage service can only scope a flat-namespace SAS to a container or one blob,
/// so the SAS could also write into another employer's folder: ingestion authorizes each folder against the employer
/// registry, and docs/operations.md ("Employer onboarding") describes the residual risk and the detection query.
/// </summary>
public static class EmployerUploadSas
{
    /// <summary>Longest validity: an upload link is a bearer secret, so it should expire soon and be re-issued.</summary>
    public const int MaxDays = 31;

    /// <summary>Longest validity of a user delegation SAS (the service's limit for the key that signs it).</summary>
    public const int MaxUserDelegationDays = 7;

    /// <summary>The permissions: create new blobs and write them (block uploads); nothing else.</summary>
    public const BlobContainerSasPermissions Permissions = BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write;

    /// <summary>Mints the SAS for a registered employer.</summary>
    /// <exception cref="EmployerSasException">Bad code or days, unknown employer, or nothing (or no one) to sign with.</exception>
    /// <remarks>The expiry uses the real clock (<paramref name="time"/>, default the system's), never the hub's simulated day: the storage service checks it.</remarks>
    public static Task<EmployerSas> CreateAsync(HubServices services, string employerCode, int days, string? ipRange = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        CreateAsync(services.Storage, services.Employers, employerCode, days, ipRange, time, cancellationToken);

    /// <summary>Mints the SAS on <paramref name="storage"/>'s <c>submissions</c> container for an employer in <paramref name="employers"/>.</summary>
    /// <exception cref="EmployerSasException">Bad code or days, unknown employer, or nothing (or no one) to sign with.</exception>
    public static async Task<EmployerSas> CreateAsync(HubStorage storage, EmployerRegistry employers, string employerCode, int days,
        string? ipRange = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!EmployerRegistry.IsValidCode(employerCode))
            throw new EmployerSasException("EMPLOYER_CODE_INVALID", $"'{employerCode}' is not an employer code (1–16 letters, digits or hyphens).",
                $"「{employerCode}」は事業所記号として正しくありません（英数字とハイフン 1～16 文字）。");
        if (days is < 1 or > MaxDays)
            throw new EmployerSasException("SAS_DAYS_INVALID", $"--days must be 1 to {MaxDays}: an upload link is a secret and should expire soon.",
                $"--days には 1～{MaxDays} を指定してください（アップロード用リンクは秘密情報のため短い期限にします）。");
        var container = storage.Container(HubStorage.Containers.Submissions);
        var userDelegation = !container.CanGenerateSasUri;
        if (userDelegation && !container.CanGenerateUserDelegationSasUri)
            throw new EmployerSasException("SAS_NO_SIGNING_CREDENTIAL",
                "The storage connection is a SAS: it has neither an account key nor a Microsoft Entra ID to sign an upload link with.",
                "ストレージ接続が SAS のため、アップロード用リンクに署名するアカウント キーも Microsoft Entra ID もありません。");
        if (userDelegation && days > MaxUserDelegationDays)
            throw new EmployerSasException("SAS_DAYS_USER_DELEGATION",
                $"Without an account key (production disables shared keys) the link is a user delegation SAS signed with your Entra ID, which lives at most {MaxUserDelegationDays} days: use --days {MaxUserDelegationDays} or less and re-issue it when it expires.",
                $"アカウント キーがないため（本番では共有キーを無効にしています）、リンクは Entra ID で署名するユーザー委任 SAS となり、有効期間は最長 {MaxUserDelegationDays} 日です。--days {MaxUserDelegationDays} 以下を指定し、期限が来たら再発行してください。");

        if (await employers.FindAsync(employerCode, cancellationToken).ConfigureAwait(false) is null)
            throw new EmployerSasException("EMPLOYER_NOT_REGISTERED", $"Employer '{employerCode}' is not registered: run ./hub employers add {employerCode} <name> first.",
                $"事業所「{employerCode}」は登録されていません。先に ./hub employers add {employerCode} <名称> を実行してください。");

        var expiresOn = (time ?? TimeProvider.System).GetUtcNow().AddDays(days);
        expiresOn = expiresOn.AddTicks(-(expiresOn.Ticks % TimeSpan.TicksPerSecond)); // signed to the second
        var builder = new BlobSasBuilder(Permissions, expiresOn)
        {
            BlobContainerName = container.Name,
            Protocol = container.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            IPRange = ipRange,
        };
        var sas = await SignAsync(container, builder, cancellationToken).ConfigureAwait(false);
        var uri = new UriBuilder(container.Uri) { Query = sas.ToString() }.Uri;
        var template = $"{container.Uri.ToString().TrimEnd('/')}/{employerCode}/{{file}}{uri.Query}";
        return new EmployerSas(employerCode, uri, template, builder.Permissions, sas.ExpiresOn, userDelegation);
    }

    /// <summary>Signs through the storage client's single entry point (account key, else a user delegation key), explaining refusals.</summary>
    private static async Task<BlobSasQueryParameters> SignAsync(BlobContainerClient container, BlobSasBuilder builder, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetParentBlobServiceClient().GenerateSasQueryParametersAsync(builder, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException e)
        {
            throw new EmployerSasException("SAS_ENTRA_SIGN_IN_NEEDED",
                $"Could not get a Microsoft Entra ID token to sign the link ({e.GetType().Name}): sign in with 'az login' (or set HubStorage__credential) and try again.",
                $"リンクに署名するための Microsoft Entra ID トークンを取得できませんでした（{e.GetType().Name}）。'az login' でサインインしてから再実行してください。");
        }
        catch (StorageRequestFailedException e)
        {
            throw new EmployerSasException("SAS_USER_DELEGATION_REFUSED",
                $"Storage refused a user delegation key ({e.Status} {e.ErrorCode}): your Entra ID needs 'Storage Blob Data Contributor' on the account " +
                "(it may generate delegation keys, and the link can write no more than you can). Role assignments take a few minutes to apply.",
                $"ストレージがユーザー委任キーの発行を拒否しました（{e.Status} {e.ErrorCode}）。あなたの Entra ID にストレージ アカウントの「ストレージ BLOB データ共同作成者」ロールが必要です" +
                "（委任キーを発行でき、リンクはあなた自身にできる範囲でしか書き込めません）。ロールの割り当ては反映まで数分かかります。");
        }
    }

    /// <summary>Expiry shown in Japan time.</summary>
    public static string JapanTime(DateTimeOffset value) =>
        value.ToOffset(HubClock.JapanOffset).ToString("yyyy-MM-dd HH:mm 'JST'", CultureInfo.InvariantCulture);
}
