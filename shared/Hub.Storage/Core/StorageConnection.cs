using Azure.Core;
using Azure.Identity;

namespace Hub.Storage;

/// <summary>
/// Where a storage account is and how to authenticate to it, resolved from a connection string or from
/// identity-based settings exactly as the Azure Functions host resolves a binding's <c>connection</c>.
/// </summary>
public sealed partial class StorageConnection
{
    /// <summary>The well-known Azurite / storage emulator account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known (public) Azurite / storage emulator key.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(Uri? blob, Uri? queue, Uri? table, StorageSharedKeyCredential? sharedKey,
        TokenCredential? token, string? sas)
    {
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        SharedKey = sharedKey;
        TokenCredential = token;
        SharedAccessSignature = sas;
    }

    /// <summary>Blob service endpoint, if the connection has one.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>Queue service endpoint, if the connection has one.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>Table service endpoint, if the connection has one.</summary>
    public Uri? TableEndpoint { get; }

    /// <summary>Account key credential (connection strings with an AccountKey).</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Microsoft Entra credential (identity-based connections).</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>A SAS token (connection strings with SharedAccessSignature), without the leading '?'.</summary>
    public string? SharedAccessSignature { get; }

    /// <summary>Parses a storage connection string: <c>UseDevelopmentStorage=true</c>, explicit endpoints
    /// (Azurite), or a production account string with <c>AccountName</c>/<c>AccountKey</c>/<c>EndpointSuffix</c>.</summary>
    /// <exception cref="FormatException">The string is not a usable storage connection string.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Connection string segment '{Redact(segment)}' is not key=value.");
            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var isDev) && isDev)
        {
            var host = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? new Uri(proxy) : new Uri("http://127.0.0.1");
            Uri At(int port) => new($"{host.Scheme}://{host.Host}:{port}/{DevelopmentAccountName}");
            return new StorageConnection(At(10000), At(10001), At(10002),
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey), null, null);
        }

        parts.TryGetValue("AccountName", out var account);
        parts.TryGetValue("AccountKey", out var key);
        parts.TryGetValue("SharedAccessSignature", out var sas);
        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var p) ? p : "https";
        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";

        Uri? Endpoint(string name, string service)
        {
            if (parts.TryGetValue(name, out var explicitEndpoint))
                return new Uri(explicitEndpoint.TrimEnd('/'));
            return account is null ? null : new Uri($"{protocol}://{account}.{service}.{suffix}");
        }

        var blob = Endpoint("BlobEndpoint", "blob");
        var queue = Endpoint("QueueEndpoint", "queue");
        var table = Endpoint("TableEndpoint", "table");
        if (blob is null && queue is null && table is null)
            throw new FormatException("The connection string names no account and no endpoint.");

        StorageSharedKeyCredential? sharedKey = null;
        if (key is not null)
        {
            if (account is null) throw new FormatException("The connection string has an AccountKey but no AccountName.");
            sharedKey = new StorageSharedKeyCredential(account, key);
        }
        else if (sas is null)
        {
            throw new FormatException("The connection string has neither an AccountKey nor a SharedAccessSignature.");
        }

        return new StorageConnection(blob, queue, table, sharedKey, null, sas?.TrimStart('?'));
    }

    /// <summary>
    /// Resolves a binding's <c>connection</c> like the Functions host: the setting <c>name</c> (or
    /// <c>AzureWebJobs{name}</c>) as a connection string; otherwise identity-based settings
    /// <c>{name}__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__serviceUri</c>
    /// (blob) or <c>__accountName</c>, with <c>__credential</c>/<c>__clientId</c>/<c>__tenantId</c>/<c>__clientSecret</c>.
    /// An empty name means <c>AzureWebJobsStorage</c>.
    /// </summary>
    /// <param name="connectionName">The binding's <c>connection</c> value, or null/empty.</param>
    /// <param name="getSetting">Reads an app setting (environment variable or local.settings.json value).</param>
    /// <param name="credential">The credential for identity-based connections; null builds one from the settings.</param>
    /// <exception cref="InvalidOperationException">No setting describes the connection.</exception>
    public static StorageConnection FromSettings(string? connectionName, Func<string, string?> getSetting, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(getSetting);
        var name = string.IsNullOrWhiteSpace(connectionName) ? "AzureWebJobsStorage" : connectionName;
        var value = getSetting(name);
        if (string.IsNullOrWhiteSpace(value) && !name.StartsWith("AzureWebJobs", StringComparison.Ordinal))
            value = getSetting("AzureWebJobs" + name);
        if (!string.IsNullOrWhiteSpace(value))
            return Parse(value);

        string? Section(string key) => getSetting($"{name}__{key}") is { Length: > 0 } v ? v : null;
        var accountName = Section("accountName");
        var blob = Section("blobServiceUri") ?? Section("serviceUri") ?? (accountName is null ? null : $"https://{accountName}.blob.core.windows.net");
        var queue = Section("queueServiceUri") ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        var table = Section("tableServiceUri") ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        if (blob is null && queue is null && table is null)
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string or " +
                $"'{name}__blobServiceUri' / '__queueServiceUri' / '__tableServiceUri' for an identity-based connection.");

        credential ??= CreateCredential(Section("credential"), Section("clientId"), Section("tenantId"), Section("clientSecret"));
        return new StorageConnection(ToUri(blob), ToUri(queue), ToUri(table), null, credential, null);
    }

    /// <summary>Builds a Queue service client for this connection.</summary>
    public Queues.QueueServiceClient CreateQueueServiceClient(StorageClientOptions? options = null) =>
        new(Require(QueueEndpoint, "queue"), this, options);

    /// <summary>Creates a connection for explicit endpoints and credentials (tests, tools).</summary>
    public static StorageConnection Create(Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint,
        StorageSharedKeyCredential? sharedKey = null, TokenCredential? tokenCredential = null) =>
        new(blobEndpoint, queueEndpoint, tableEndpoint, sharedKey, tokenCredential, null);

    /// <summary>A connection string for this connection (shared key only), e.g. to hand to a child process.</summary>
    public string ToConnectionString()
    {
        if (SharedKey is null) throw new InvalidOperationException("Only shared-key connections have a connection string.");
        var parts = new List<string> { "DefaultEndpointsProtocol=" + (BlobEndpoint ?? QueueEndpoint ?? TableEndpoint)!.Scheme,
            "AccountName=" + SharedKey.AccountName, "AccountKey=" + SharedKey.ExportKey() };
        if (BlobEndpoint is not null) parts.Add("BlobEndpoint=" + BlobEndpoint.ToString().TrimEnd('/'));
        if (QueueEndpoint is not null) parts.Add("QueueEndpoint=" + QueueEndpoint.ToString().TrimEnd('/'));
        if (TableEndpoint is not null) parts.Add("TableEndpoint=" + TableEndpoint.ToString().TrimEnd('/'));
        return string.Join(';', parts) + ";";
    }

    private static TokenCredential CreateCredential(string? kind, string? clientId, string? tenantId, string? clientSecret)
    {
        if (clientSecret is not null && clientId is not null && tenantId is not null)
            return new ClientSecretCredential(tenantId, clientId, clientSecret);
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static Uri? ToUri(string? value) => value is null ? null : new Uri(value.TrimEnd('/'));

    private static Uri Require(Uri? endpoint, string service) =>
        endpoint ?? throw new InvalidOperationException($"The storage connection has no {service} endpoint.");

    private static string Redact(string segment) =>
        segment.Contains("key", StringComparison.OrdinalIgnoreCase) || segment.Contains("sig", StringComparison.OrdinalIgnoreCase)
            ? segment[..Math.Min(segment.Length, 12)] + "…"
            : segment;
}
