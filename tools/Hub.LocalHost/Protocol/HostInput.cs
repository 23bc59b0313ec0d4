using System.Globalization;
using System.Text.Json.Nodes;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// A value the host puts in the envelope (<c>Data</c> input or <c>Metadata</c> entry), by the .NET type
/// the real host holds, so that <see cref="Encode"/> can apply the host's rule for that type
/// (WebJobs.Script <c>GetHttpScriptInvocationContextValue</c>): byte[] → base64; DateTime and
/// DateTimeOffset → reparsed ISO string; objects → JSON object; anything else →
/// <c>JsonConvert.SerializeObject</c>, which makes strings, numbers, booleans and arrays strings of JSON.
/// </summary>
public abstract record HostInput
{
    /// <summary>The value's JSON as it appears in the envelope.</summary>
    public abstract string Encode();

    /// <summary>A .NET string (arrives double-encoded).</summary>
    public sealed record Text(string Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(NewtonsoftJson.Quote(Value));
    }

    /// <summary>A byte[] (arrives as base64, whether or not the binding is binary).</summary>
    public sealed record Bytes(ReadOnlyMemory<byte> Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(Convert.ToBase64String(Value.Span));
    }

    /// <summary>An integer (arrives as a string: <c>"3"</c>).</summary>
    public sealed record Integer(long Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A boolean (arrives as <c>"true"</c>/<c>"false"</c>).</summary>
    public sealed record Boolean(bool Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(Value ? "true" : "false");
    }

    /// <summary>A DateTime (arrives as an ISO string at second precision, without a zone).</summary>
    public sealed record Timestamp(DateTime Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(NewtonsoftJson.HostDateTime(Value));
    }

    /// <summary>A DateTimeOffset (arrives as an ISO string at second precision with its offset).</summary>
    public sealed record TimestampOffset(DateTimeOffset Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(NewtonsoftJson.HostDateTimeOffset(Value));
    }

    /// <summary>An object (POCO or dictionary) — arrives as the JSON object <c>JObject.FromObject</c> makes.</summary>
    public sealed record Object(JsonObject Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => Value.ToJsonString(NewtonsoftLike.Options);
    }

    /// <summary>An array or list (JObject.FromObject refuses it, so it arrives as a string of JSON).</summary>
    public sealed record Array(JsonArray Value) : HostInput
    {
        /// <inheritdoc />
        public override string Encode() => NewtonsoftJson.Quote(Value.ToJsonString(NewtonsoftLike.Options));
    }
}

/// <summary>System.Text.Json options that write like Newtonsoft's defaults (no escaping of non-ASCII, compact).</summary>
internal static class NewtonsoftLike
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
