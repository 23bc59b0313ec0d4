using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Storage.Blobs;

/// <summary>
/// How blob and container metadata travel as <c>x-ms-meta-*</c> HTTP headers, which carry ASCII only.
/// </summary>
/// <remarks>
/// <para><b>Names</b> must be ASCII C# identifiers (<c>[A-Za-z_][A-Za-z0-9_]*</c>, as the service requires);
/// anything else is refused with an <see cref="ArgumentException"/>. Names are case-insensitive: two names
/// differing only in case are refused too.</para>
/// <para><b>Values</b> that are printable ASCII (0x20–0x7E) without leading or trailing spaces are sent
/// unchanged. Any other value — Japanese text, emoji, control characters, surrounding spaces (the service
/// would trim them), or an ASCII value that itself looks like an encoded word — is sent as one RFC 2047
/// encoded word of its UTF-8 bytes: <c>=?UTF-8?B?&lt;base64&gt;?=</c> (e.g. <c>社員名簿</c> →
/// <c>=?UTF-8?B?56S+5ZOh5ZCN57C/?=</c>). The clients decode such values on every read (properties,
/// download details, listings), so callers see the original text. Other tools (Azure Portal, Storage
/// Explorer) show the encoded form; <see cref="DecodeValue"/> turns it back.</para>
/// </remarks>
public static partial class BlobMetadataEncoding
{
    private const string Prefix = "=?UTF-8?B?";
    private const string Suffix = "?=";

    /// <summary>Whether <paramref name="name"/> is a valid metadata name (an ASCII C# identifier).</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 } && NamePattern().IsMatch(name);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Encodes a metadata value for its header (unchanged when it is plain printable ASCII).</summary>
    /// <exception cref="ArgumentException">The value is not valid UTF-16 (a lone surrogate), so it could not round-trip.</exception>
    public static string EncodeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsEncoding(value)) return value;
        try
        {
            return Prefix + Convert.ToBase64String(StrictUtf8.GetBytes(value)) + Suffix;
        }
        catch (EncoderFallbackException)
        {
            throw BlobErrors.InvalidMetadataValue();
        }
    }

    /// <summary>Decodes a header value written by <see cref="EncodeValue"/>; any other value is returned as is.</summary>
    public static string DecodeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var match = EncodedWordPattern().Match(value);
        if (!match.Success) return value;
        var base64 = match.Groups[1].Value;
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length);
        try
        {
            // Not ours after all (or corrupted): hand the raw value over rather than guess.
            if (!Convert.TryFromBase64String(base64, buffer, out var written)) return value;
            try
            {
                return StrictUtf8.GetString(buffer, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return value;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Validates names and encodes values, returning the header pairs to send.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an ASCII C# identifier, or two names differ only in case.</exception>
    internal static List<KeyValuePair<string, string>> ToHeaders(IDictionary<string, string>? metadata)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (metadata is null) return headers;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            if (!IsValidName(name))
                throw BlobErrors.InvalidMetadataName(name);
            if (!seen.Add(name))
                throw BlobErrors.DuplicateMetadataName(name);
            ArgumentNullException.ThrowIfNull(value, $"metadata[{name}]");
            headers.Add(new("x-ms-meta-" + name, EncodeValue(value)));
        }
        return headers;
    }

    private static bool NeedsEncoding(string value)
    {
        if (value.Length == 0) return false;
        if (value[0] == ' ' || value[^1] == ' ') return true;
        foreach (var c in value)
            if (c is < ' ' or > '~') return true;
        // An ASCII value shaped like our encoded word would be decoded on read: encode it so it round-trips.
        return EncodedWordPattern().IsMatch(value);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^=\?UTF-8\?B\?([A-Za-z0-9+/]*={0,2})\?=$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}
