using Azure.Core;

namespace Hub.Storage;

/// <summary>
/// Options for the Blob, Queue and Table clients: retries, transport, diagnostics (all inherited from
/// <see cref="ClientOptions"/>) and the REST API version.
/// </summary>
public class StorageClientOptions : ClientOptions
{
    /// <summary>The Blob and Queue REST API version sent as <c>x-ms-version</c> (supported by Azurite 3.35).</summary>
    public const string DefaultBlobQueueVersion = "2025-05-05";

    /// <summary>The Table REST API version (the one the official Azure.Data.Tables client uses).</summary>
    public const string DefaultTableVersion = "2019-02-02";

    /// <summary>Creates options with the hub's defaults: exponential retries, 5 attempts after the first.</summary>
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(400);
        Retry.MaxDelay = TimeSpan.FromSeconds(20);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        // Request and response bodies can hold personal data: never log them.
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "mynumber-hub";
    }

    /// <summary>Overrides the REST API version; null uses the per-service default.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>How queue message text is encoded on the wire (Functions' queue bindings expect base64).</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}

/// <summary>Queue message body encoding on the wire.</summary>
public enum QueueMessageEncoding
{
    /// <summary>The text as is (XML-escaped).</summary>
    None,

    /// <summary>UTF-8 bytes, base64-encoded; what the Azure Functions queue extension reads and writes by default.</summary>
    Base64,
}
