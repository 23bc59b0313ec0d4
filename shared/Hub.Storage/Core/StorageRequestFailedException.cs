using Azure;

namespace Hub.Storage;

/// <summary>
/// The one exception every storage client throws for a failed service request. It is a
/// <see cref="RequestFailedException"/> (as the official SDKs throw), adding the service request id and
/// easy checks for the statuses callers branch on.
/// </summary>
/// <example><code>
/// catch (StorageRequestFailedException e) when (e.IsPreconditionFailed) { /* ETag changed: re-read and retry */ }
/// </code></example>
public sealed class StorageRequestFailedException : RequestFailedException
{
    internal StorageRequestFailedException(Response response)
        : base(response, null, StorageErrorDetailsParser.Instance)
    {
        RequestId = response.Headers.TryGetValue("x-ms-request-id", out var id) ? id : null;
    }

    internal StorageRequestFailedException(int status, string message, string errorCode)
        : base(status, message, errorCode, null)
    {
    }

    /// <summary>The <c>x-ms-request-id</c> the service assigned, for support and log correlation.</summary>
    public string? RequestId { get; }

    /// <summary>404: the container, blob, table, entity, queue or message does not exist.</summary>
    public bool IsNotFound => Status == 404;

    /// <summary>409: it already exists, or a conflicting operation is under way.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>412: an If-Match / If-None-Match condition failed (someone else changed it first).</summary>
    public bool IsPreconditionFailed => Status == 412;
}
