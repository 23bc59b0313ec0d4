using System.Globalization;
using System.Text;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// The few Newtonsoft.Json serialisation rules the real host's envelope depends on, reproduced without
/// the package: string quoting (escapes only quote, backslash, control characters and U+0085/2028/2029,
/// lowercase hex; non-ASCII stays raw) and the ISO date formats.
/// </summary>
public static class NewtonsoftJson
{
    /// <summary><c>JsonConvert.SerializeObject(string)</c>.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c is '\u0085' or '\u2028' or '\u2029')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A DateTime as the host sends it: <c>DateTime.Parse(value.ToString())</c> (second precision, kind
    /// lost) written in Newtonsoft's ISO format, e.g. <c>2026-11-21T04:31:07</c>.
    /// </summary>
    public static string HostDateTime(DateTime value) =>
        new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, DateTimeKind.Unspecified)
            .ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>A DateTimeOffset as the host sends it (second precision), e.g. <c>2026-11-21T04:31:07+00:00</c>.</summary>
    public static string HostDateTimeOffset(DateTimeOffset value) =>
        value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    /// <summary>A UTC DateTime inside a serialised object (full precision, trailing zeros dropped, 'Z').</summary>
    public static string IsoUtc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK", CultureInfo.InvariantCulture);

    /// <summary>A DateTimeOffset inside a serialised object (full precision, trailing zeros dropped).</summary>
    public static string IsoOffset(DateTimeOffset value) =>
        value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
