using System.Globalization;
using System.Text;

namespace Hub.Storage.Tables;

/// <summary>Builds OData filter strings with every interpolated value written as a correctly escaped literal.</summary>
internal static class TableOdataFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    /// <summary>One value as an OData v3 literal, as the Table service parses it.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        byte b => b.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => Double(d),
        float f => Double(f),
        DateTimeOffset dto => $"datetime'{TableEntityJson.FormatDateTime(dto)}'",
        DateTime dt when dt.Kind != DateTimeKind.Unspecified => $"datetime'{TableEntityJson.FormatDateTime(new DateTimeOffset(dt.ToUniversalTime(), TimeSpan.Zero))}'",
        DateTime => throw Invalid($"A DateTime of unspecified kind is ambiguous; use DateTimeOffset or a UTC DateTime.",
            $"Kind が未指定の DateTime は曖昧です。DateTimeOffset か UTC の DateTime を使ってください。"),
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToMemory().Span)}'",
        // Written as strings by the entity mapping, so compared as strings.
        DateOnly d => Quote(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Enum e => Quote(e.ToString()),
        _ => throw Invalid($"A {value.GetType().Name} cannot be used in a table query.",
            $"{value.GetType().Name} 型の値はテーブルのクエリに使えません。"),
    };

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double without exponent notation (the service's filter grammar has none), always with a fraction.</summary>
    private static string Double(double d)
    {
        if (!double.IsFinite(d))
            throw Invalid($"NaN and infinities cannot be used in a table query.", $"NaN と無限大はテーブルのクエリに使えません。");
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0) text = ExpandExponent(text[..e], int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture));
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-');
        var dot = digits.IndexOf('.');
        var intPart = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? string.Empty : digits[(dot + 1)..];
        var all = intPart + fraction;
        var point = intPart.Length + exponent; // position of the decimal point within 'all'
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (point <= 0) sb.Append("0.").Append('0', -point).Append(all);
        else if (point >= all.Length) sb.Append(all).Append('0', point - all.Length);
        else sb.Append(all, 0, point).Append('.').Append(all, point, all.Length - point);
        return sb.ToString();
    }

    private static TableArgumentException Invalid(FormattableString english, FormattableString japanese) =>
        new(TableErrorCodes.InvalidQuery, english, japanese, "filter");
}
