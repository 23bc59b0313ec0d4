using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Webhooks.Safety;

namespace Hub.Webhooks.Delivery;

/// <summary>
/// The body of a webhook: <c>{"type","id","timestamp","subject","sequence","data"}</c>, compact UTF-8 JSON with
/// Japanese left readable. <c>id</c> is the event id (also the <c>webhook-id</c> header); <c>timestamp</c> is when
/// the change happened (not the attempt); <c>subject</c> + <c>sequence</c> order a subject's events.
/// </summary>
public static class WebhookMessage
{
    /// <summary>Largest body or data text a delivery record can keep (Table string properties hold 32K characters).</summary>
    public const int MaxChars = 30_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders the body; refuses one that contains a My Number or is too large.</summary>
    /// <exception cref="WebhookException"><see cref="WebhookErrorCodes.BodyContainsMyNumber"/> or <see cref="WebhookErrorCodes.BodyTooLarge"/>.</exception>
    public static string Render(string type, string id, DateTimeOffset occurredAt, string subject, long sequence, JsonObject data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            writer.WriteString("timestamp", Iso(occurredAt));
            writer.WriteString("subject", subject);
            writer.WriteNumber("sequence", sequence);
            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WriteEndObject();
        }
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        Guard(body);
        return body;
    }

    /// <summary>A time as the payloads write it: ISO 8601 UTC with milliseconds (<c>2026-11-21T05:25:21.412Z</c>).</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws unless <paramref name="body"/> may leave the hub.</summary>
    public static void Guard(string body)
    {
        if (MyNumberGuard.ContainsMyNumber(body))
            throw new WebhookException(WebhookErrorCodes.BodyContainsMyNumber,
                "The webhook body contains a 12-digit number with a valid My Number check digit; it was not sent.",
                "Webhook の本文にマイナンバーのチェックデジットを満たす 12 桁の数字が含まれているため、送信しませんでした。");
        if (body.Length > MaxChars)
            throw new WebhookException(WebhookErrorCodes.BodyTooLarge,
                $"The webhook body has {body.Length} characters; at most {MaxChars} are allowed (send ids and links, not documents).",
                $"Webhook の本文が {body.Length} 文字あります。上限は {MaxChars} 文字です（文書ではなく ID とリンクを送ってください）。");
    }
}
