namespace Hub.Webhooks.Signing;

/// <summary>The Standard Webhooks header names.</summary>
public static class WebhookHeaders
{
    /// <summary>The message id: stable across retries and replays (the event id).</summary>
    public const string Id = "webhook-id";

    /// <summary>The attempt time, unix seconds.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Space-separated <c>v1,&lt;base64&gt;</c> signatures, one per active secret.</summary>
    public const string Signature = "webhook-signature";
}
