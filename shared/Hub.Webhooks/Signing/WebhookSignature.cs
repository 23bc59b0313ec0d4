using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Webhooks.Signing;

/// <summary>
/// Standard Webhooks symmetric signatures: <c>v1,</c> + base64 HMAC-SHA256(key, <c>"{id}.{timestamp}.{body}"</c>),
/// one per secret, space-separated (so receivers keep verifying while a secret rotates).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The symmetric signature version.</summary>
    public const string Version = "v1";

    /// <summary>How far a timestamp may be from the receiver's clock (the reference libraries use 5 minutes).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>One signature, <c>v1,&lt;base64&gt;</c>.</summary>
    public static string Sign(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Version + "," + Convert.ToBase64String(HMACSHA256.HashData(secret.Key, content));
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, space-separated.</summary>
    public static string Header(IEnumerable<WebhookSecret> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var parts = new List<string>();
        foreach (var secret in secrets) parts.Add(Sign(secret, id, timestamp, body));
        if (parts.Count == 0) throw new InvalidOperationException("An endpoint without an active secret cannot be signed for.");
        return string.Join(' ', parts);
    }

    /// <summary>
    /// Verifies a message as a receiver does: the timestamp within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, and at least one <c>v1</c> signature in the header matching one of
    /// <paramref name="secrets"/> (constant-time comparison).
    /// </summary>
    public static VerificationResult Verify(IEnumerable<WebhookSecret> secrets, string? id, string? timestampHeader, string? signatureHeader,
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(id)) return VerificationResult.Fail("missing webhook-id");
        if (string.IsNullOrEmpty(signatureHeader)) return VerificationResult.Fail("missing webhook-signature");
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return VerificationResult.Fail("missing or invalid webhook-timestamp");
        var allowed = tolerance ?? DefaultTolerance;
        var skew = now.ToUnixTimeSeconds() - timestamp;
        if (skew > allowed.TotalSeconds) return VerificationResult.Fail("timestamp too old");
        if (-skew > allowed.TotalSeconds) return VerificationResult.Fail("timestamp too new");

        var candidates = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(',', 2))
            .Where(p => p.Length == 2 && p[0] == Version)
            .Select(p => p[1])
            .ToList();
        foreach (var secret in secrets)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body)[(Version.Length + 1)..]);
            foreach (var candidate in candidates)
                if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate))) return VerificationResult.Ok;
        }
        return VerificationResult.Fail("no matching signature");
    }
}

/// <summary>The outcome of <see cref="WebhookSignature.Verify"/>.</summary>
/// <param name="Valid">Whether the message is authentic and fresh.</param>
/// <param name="Error">Why not (never contains the secret).</param>
public sealed record VerificationResult(bool Valid, string? Error)
{
    /// <summary>Valid.</summary>
    public static readonly VerificationResult Ok = new(true, null);

    /// <summary>Invalid, with a reason.</summary>
    public static VerificationResult Fail(string error) => new(false, error);
}
