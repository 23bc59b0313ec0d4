using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Azure.Identity;
using Hub.Core.Configuration;
using Hub.Storage;

namespace Hub.Cli.Cli;

/// <summary>
/// What an ops verb tells its user when the storage behind it fails: one line in Japanese and English that says what
/// to do, instead of a stack trace. Anything not recognised here is a bug and keeps its stack trace.
/// </summary>
public static class CliErrors
{
    /// <summary>Exit code of a recognised environment problem (storage unreachable, not set up, no permission).</summary>
    public const int EnvironmentProblem = 2;

    /// <summary>The bilingual explanation of <paramref name="error"/>, or null when it is not a known environment problem.</summary>
    public static string? Explain(Exception error) => error switch
    {
        StorageRequestFailedException { ErrorCode: "TableNotFound" } e =>
            $"保存先にまだ何も記録されていません（テーブルがありません）。ローカルでは ./hub demo --keep の実行中に試してください。 / Nothing is stored here yet (table not found{RequestOf(e)}): locally, try while ./hub demo --keep is running.",
        StorageRequestFailedException { ErrorCode: "ContainerNotFound" or "QueueNotFound" } e =>
            $"保存先にまだ何も記録されていません（{e.ErrorCode}）。 / Nothing is stored here yet ({e.ErrorCode}{RequestOf(e)}).",
        StorageRequestFailedException { Status: 401 or 403 } e =>
            $"ストレージへのアクセスが拒否されました（{e.Status} {e.ErrorCode}）。ロールの割り当てとサインインを確認してください。 / Storage refused access ({e.Status} {e.ErrorCode}{RequestOf(e)}): check your role assignments and sign-in (az login).",
        AuthenticationFailedException or CredentialUnavailableException =>
            "Microsoft Entra ID にサインインできません。az login を実行してください。 / No Microsoft Entra ID credential: run az login (or set the HubStorage connection for a local Azurite).",
        HubConfigurationException e => $"設定エラー / Configuration error: {e.Message}",
        RequestFailedException { Status: 0 } or HttpRequestException or SocketException => Unreachable(),
        AggregateException { InnerExceptions: [var inner] } => Explain(inner),
        _ when error.InnerException is { } inner && error is RequestFailedException or AggregateException => Explain(inner),
        _ => null,
    };

    private static string Unreachable() =>
        "ストレージに接続できません。ローカルでは ./hub demo --keep の実行中に試すか、HubStorage（または HubStorage__blobServiceUri など）を設定してください。 / " +
        "Cannot reach storage: locally, run this while ./hub demo --keep is running, or set HubStorage (or HubStorage__blobServiceUri, …) to the hub's storage.";

    private static string RequestOf(StorageRequestFailedException e) => e.RequestId is null ? "" : $", request {e.RequestId}";
}
