using System.Security.Cryptography;

namespace Hub.Webhooks.Signing;

/// <summary>
/// A Standard Webhooks signing secret, <c>whsec_</c> + base64 of the key bytes (24–64 bytes). The HMAC key is
/// the decoded base64 part. <see cref="ToString"/> never shows the key; <see cref="Reveal"/> does, for the one
/// place that must hand it to the insurer (the CLI, once) or encrypt it.
/// </summary>
public sealed class WebhookSecret
{
    /// <summary>The prefix of serialized secrets.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Fewest key bytes (Standard Webhooks: at least 24).</summary>
    public const int MinBytes = 24;

    /// <summary>Most key bytes (Standard Webhooks: at most 512 bits).</summary>
    public const int MaxBytes = 64;

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>A new random 32-byte secret.</summary>
    public static WebhookSecret Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Parses <c>whsec_…</c> (the prefix is optional, as in the reference libraries).</summary>
    /// <exception cref="WebhookException">Not base64 of 24–64 bytes.</exception>
    public static WebhookSecret Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var base64 = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : text;
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw Invalid(e);
        }
        if (key.Length is < MinBytes or > MaxBytes) throw Invalid(null);
        return new WebhookSecret(key);
    }

    /// <summary>The HMAC key.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>The serialized secret <c>whsec_…</c>: show it only to the endpoint's owner, once.</summary>
    public string Reveal() => Prefix + Convert.ToBase64String(_key);

    /// <summary>Never the key.</summary>
    public override string ToString() => Prefix + "********";

    private static WebhookException Invalid(Exception? inner) => new(WebhookErrorCodes.SecretInvalid,
        $"A webhook secret must be '{Prefix}' followed by base64 of {MinBytes}–{MaxBytes} bytes.",
        $"Webhook のシークレットは '{Prefix}' に続けて {MinBytes}〜{MaxBytes} バイトを base64 で表したものにしてください。", inner);
}
