namespace Hub.Webhooks;

/// <summary>
/// Bad input or a refused operation in the webhook feature. The message carries English and Japanese;
/// <see cref="Code"/> is stable (see <see cref="WebhookErrorCodes"/>).
/// </summary>
public sealed class WebhookException : Exception
{
    /// <summary>Creates the error.</summary>
    public WebhookException(string code, string english, string japanese, Exception? inner = null)
        : base($"[{code}] {english} / {japanese}", inner)
    {
        Code = code;
        English = english;
        Japanese = japanese;
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The English message.</summary>
    public string English { get; }

    /// <summary>The Japanese message.</summary>
    public string Japanese { get; }
}

/// <summary>The stable codes of <see cref="WebhookException"/>.</summary>
public static class WebhookErrorCodes
{
    /// <summary>The URL is not an absolute http(s) URL, or carries credentials or a fragment.</summary>
    public const string UrlInvalid = "WEBHOOK_URL_INVALID";

    /// <summary>Outside local mode only https is allowed; locally http only to loopback.</summary>
    public const string UrlNotHttps = "WEBHOOK_URL_NOT_HTTPS";

    /// <summary>The host resolves to a private, loopback, link-local, unique-local or otherwise non-public address.</summary>
    public const string AddressRefused = "WEBHOOK_ADDRESS_REFUSED";

    /// <summary>The host name does not resolve.</summary>
    public const string HostUnresolvable = "WEBHOOK_HOST_UNRESOLVABLE";

    /// <summary>An event-type filter names no known event type.</summary>
    public const string EventTypeUnknown = "WEBHOOK_EVENT_TYPE_UNKNOWN";

    /// <summary>A signing secret is not <c>whsec_</c> + base64 of 24–64 bytes.</summary>
    public const string SecretInvalid = "WEBHOOK_SECRET_INVALID";

    /// <summary>No endpoint has that id.</summary>
    public const string EndpointNotFound = "WEBHOOK_ENDPOINT_NOT_FOUND";

    /// <summary>The endpoint is disabled (enable it first).</summary>
    public const string EndpointDisabled = "WEBHOOK_ENDPOINT_DISABLED";

    /// <summary>No delivery has that id, or the id is malformed.</summary>
    public const string DeliveryNotFound = "WEBHOOK_DELIVERY_NOT_FOUND";

    /// <summary>The body contains a 12-digit run that passes the My Number check digit: never sent.</summary>
    public const string BodyContainsMyNumber = "WEBHOOK_BODY_CONTAINS_MY_NUMBER";

    /// <summary>The body or event data is larger than a delivery record can hold.</summary>
    public const string BodyTooLarge = "WEBHOOK_BODY_TOO_LARGE";

    /// <summary>A <c>…Blob</c> field points into a container that must never be linked (e.g. raw submissions).</summary>
    public const string LinkNotAllowed = "WEBHOOK_LINK_NOT_ALLOWED";

    /// <summary>A time or duration option could not be read.</summary>
    public const string TimeInvalid = "WEBHOOK_TIME_INVALID";
}
