using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Documents.Rendering;

/// <summary>
/// Finishes PDFsharp's uncompressed output (saved with <c>NoCompression</c>):
/// <list type="bullet">
/// <item>the font subset is compacted (see <see cref="TrueTypeCompactor"/>) and gets a <c>/CIDToGIDMap</c> stream —
/// about 25 KB less per document, and less to compress;</item>
/// <item>every stream except the XMP packet is compressed here with <see cref="ZLibStream"/>, which writes the
/// Adler-32 trailer RFC 1950 requires (PDFsharp 6.5's own FlateDecode omits it, and <c>qpdf --check</c> warns);</item>
/// <item>ToUnicode entries for characters outside the BMP (PDFsharp writes them as UTF-32, e.g. <c>&lt;2000B&gt;</c>)
/// are rewritten as the UTF-16 surrogate pairs the PDF specification requires, so such names stay extractable;</item>
/// <item>the random XMP UUIDs and font subset tags are derived from a seed, so equal input gives equal bytes.</item>
/// </list>
/// It relies on the classic xref-table layout PDFsharp writes and fails with <see cref="InvalidDataException"/>
/// on anything else; the tests render every document type through it.
/// </summary>
internal static partial class PdfPostProcessor
{
    private sealed class PdfObject(int number, string dictionary, byte[]? stream)
    {
        public int Number { get; } = number;
        public string Dictionary { get; set; } = dictionary;
        public byte[]? Stream { get; set; } = stream;
        public bool Compress { get; set; } = stream is not null;
    }

    public static byte[] Process(byte[] pdf, string seed)
    {
        try
        {
            return ProcessCore(pdf, seed);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            throw new InvalidDataException($"unexpected PDFsharp output: {e.Message}", e);
        }
    }

    private static byte[] ProcessCore(byte[] pdf, string seed)
    {
        var (header, objects, trailer) = Parse(pdf);
        var byNumber = objects.ToDictionary(o => o.Number);
        var nextNumber = objects.Max(o => o.Number) + 1;
        var added = new List<PdfObject>();

        foreach (var cidFont in objects.Where(o => o.Dictionary.Contains("/Subtype/CIDFontType2", StringComparison.Ordinal)).ToList())
        {
            var descriptor = byNumber[Reference(cidFont.Dictionary, "FontDescriptor") ?? throw Bad("CIDFont without descriptor")];
            var file = byNumber[Reference(descriptor.Dictionary, "FontFile2") ?? throw Bad("descriptor without FontFile2")];
            if (file.Stream is null || !cidFont.Dictionary.Contains("/CIDToGIDMap/Identity", StringComparison.Ordinal))
                throw Bad("unexpected CIDFont layout");

            var compact = TrueTypeCompactor.Compact(file.Stream, UsedCids(cidFont.Dictionary));
            file.Stream = compact.Font;
            file.Dictionary = ReplaceNumber(file.Dictionary, "Length1", compact.Font.Length);
            var map = new PdfObject(nextNumber++, "<<>>", compact.CidToGidMap);
            added.Add(map);
            cidFont.Dictionary = cidFont.Dictionary.Replace("/CIDToGIDMap/Identity", $"/CIDToGIDMap {map.Number} 0 R", StringComparison.Ordinal);
        }

        foreach (var type0 in objects.Where(o => o.Dictionary.Contains("/Subtype/Type0", StringComparison.Ordinal)))
        {
            if (Reference(type0.Dictionary, "ToUnicode") is { } toUnicode && byNumber[toUnicode].Stream is { } cmap)
                byNumber[toUnicode].Stream = Encoding.ASCII.GetBytes(Utf32Destination().Replace(Encoding.ASCII.GetString(cmap), Utf16Pair));
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            obj.Dictionary = SubsetTag().Replace(obj.Dictionary, m => Tag(m.Value, seed, tags));
            if (obj.Stream is not null && obj.Dictionary.Contains("/Type/Metadata", StringComparison.Ordinal))
            {
                // XMP stays uncompressed (readable by tools that do not parse PDF); its UUIDs become deterministic.
                var index = 0;
                var xmp = XmpUuid().Replace(Encoding.UTF8.GetString(obj.Stream), _ => "uuid:" + DerivedGuid(seed, index++));
                obj.Stream = Encoding.UTF8.GetBytes(xmp);
                obj.Compress = false;
            }
        }

        objects.AddRange(added);
        return Write(header, objects, trailer, objects.Max(o => o.Number) + 1);
    }

    private static (byte[] Header, List<PdfObject> Objects, string Trailer) Parse(byte[] pdf)
    {
        var startXref = pdf.AsSpan().LastIndexOf("startxref"u8);
        if (startXref < 0)
            throw Bad("no startxref");
        var xrefOffset = int.Parse(Latin1(pdf, startXref + 9, Math.Min(24, pdf.Length - startXref - 9)).Trim().Split('\n', '\r')[0], CultureInfo.InvariantCulture);
        if (xrefOffset <= 0 || xrefOffset >= startXref)
            throw Bad("startxref out of range");
        var trailerAt = IndexOf(pdf, "trailer"u8, xrefOffset);
        if (trailerAt < 0)
            throw Bad("no trailer");

        var offsets = new List<(int Number, int Offset)>();
        var tokens = Latin1(pdf, xrefOffset, trailerAt - xrefOffset).Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 3 || tokens[0] != "xref")
            throw Bad("no xref table");
        for (var i = 1; i + 1 < tokens.Length;)
        {
            var first = int.Parse(tokens[i], CultureInfo.InvariantCulture);
            var count = int.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
            i += 2;
            for (var n = 0; n < count; n++, i += 3)
            {
                if (tokens[i + 2] == "n")
                    offsets.Add((first + n, int.Parse(tokens[i], CultureInfo.InvariantCulture)));
            }
        }

        offsets.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var objects = new List<PdfObject>(offsets.Count);
        for (var i = 0; i < offsets.Count; i++)
        {
            var end = i + 1 < offsets.Count ? offsets[i + 1].Offset : xrefOffset;
            objects.Add(ParseObject(pdf, offsets[i].Number, offsets[i].Offset, end));
        }

        var trailerText = Latin1(pdf, trailerAt, startXref - trailerAt);
        var dictStart = trailerText.IndexOf("<<", StringComparison.Ordinal);
        var dictEnd = DictionaryEnd(Encoding.Latin1.GetBytes(trailerText), dictStart);
        return (pdf[..offsets[0].Offset], objects.OrderBy(o => o.Number).ToList(), trailerText[dictStart..dictEnd]);
    }

    private static PdfObject ParseObject(byte[] pdf, int number, int start, int end)
    {
        var headerEnd = IndexOf(pdf, "obj"u8, start);
        if (headerEnd < 0 || headerEnd > end || !Latin1(pdf, start, headerEnd - start).Trim().Equals($"{number} 0", StringComparison.Ordinal))
            throw Bad($"object {number} not at its xref offset");
        var at = SkipWhitespace(pdf, headerEnd + 3);
        if (pdf[at] != '<' || pdf[at + 1] != '<')
        {
            var endObj = IndexOf(pdf, "endobj"u8, at);
            return new PdfObject(number, Latin1(pdf, at, endObj - at).TrimEnd(), null) { Compress = false };
        }

        var dictEnd = DictionaryEnd(pdf, at);
        var dictionary = Latin1(pdf, at, dictEnd - at);
        var after = SkipWhitespace(pdf, dictEnd);
        if (!pdf.AsSpan(after).StartsWith("stream"u8))
            return new PdfObject(number, dictionary, null);

        var dataStart = after + 6;
        if (pdf[dataStart] == '\r')
            dataStart++;
        if (pdf[dataStart++] != '\n')
            throw Bad($"object {number}: no end of line after stream");
        var length = Number(dictionary, "Length") ?? throw Bad($"object {number}: stream without direct /Length");
        if (dictionary.Contains("/Filter", StringComparison.Ordinal))
            throw Bad($"object {number}: stream already filtered (save with NoCompression)");
        if (dataStart + length > end || IndexOf(pdf, "endstream"u8, dataStart + length) is var endStream && (endStream < 0 || endStream > end))
            throw Bad($"object {number}: /Length does not match");
        return new PdfObject(number, dictionary, pdf[dataStart..(dataStart + length)]);
    }

    private static byte[] Write(byte[] header, List<PdfObject> objects, string trailer, int size)
    {
        using var output = new MemoryStream(96 * 1024);
        output.Write(header);
        var offsets = new SortedDictionary<int, long>();
        foreach (var obj in objects.OrderBy(o => o.Number))
        {
            offsets[obj.Number] = output.Position;
            var dictionary = obj.Dictionary;
            var data = obj.Stream;
            if (data is not null && obj.Compress)
            {
                data = Deflate(data);
                dictionary = "<</Filter/FlateDecode" + dictionary[2..];
            }

            if (data is not null)
                dictionary = Number(dictionary, "Length") is not null
                    ? ReplaceNumber(dictionary, "Length", data.Length)
                    : dictionary[..^2] + $"/Length {data.Length.ToString(CultureInfo.InvariantCulture)}>>";

            output.Write(Encoding.Latin1.GetBytes($"{obj.Number.ToString(CultureInfo.InvariantCulture)} 0 obj\n{dictionary}\n"));
            if (data is not null)
            {
                output.Write("stream\n"u8);
                output.Write(data);
                output.Write("\nendstream\n"u8);
            }

            output.Write("endobj\n"u8);
        }

        var xrefAt = output.Position;
        var xref = new StringBuilder($"xref\n0 {size.ToString(CultureInfo.InvariantCulture)}\n0000000000 65535 f \n");
        for (var number = 1; number < size; number++)
        {
            xref.Append(offsets.TryGetValue(number, out var offset)
                ? $"{offset.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n"
                : "0000000000 65535 f \n");
        }

        xref.Append("trailer\n").Append(ReplaceNumber(trailer, "Size", size)).Append('\n');
        xref.Append("startxref\n").Append(xrefAt.ToString(CultureInfo.InvariantCulture)).Append("\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(xref.ToString()));
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }

    /// <summary>CIDs listed in the CIDFont's /W array (PDFsharp lists every glyph it used there).</summary>
    internal static HashSet<int> UsedCids(string cidFont)
    {
        var start = cidFont.IndexOf("/W[", StringComparison.Ordinal);
        if (start < 0)
            throw Bad("CIDFont without /W");
        var used = new HashSet<int>();
        var tokens = WidthTokens().Matches(cidFont[(start + 3)..]);
        // Forms: c [w1 w2 …] (consecutive CIDs from c) and c_first c_last w.
        var pending = new List<int>();
        var depth = 0;
        var inner = 0;
        foreach (Match token in tokens)
        {
            var value = token.Value;
            if (value == "[")
            {
                depth++;
                inner = 0;
                continue;
            }

            if (value == "]")
            {
                if (depth == 0)
                    break; // end of /W
                depth--;
                pending.Clear();
                continue;
            }

            var number = (int)double.Parse(value, CultureInfo.InvariantCulture);
            if (depth == 1)
            {
                used.Add(pending[0] + inner++);
                continue;
            }

            pending.Add(number);
            if (pending.Count == 3)
            {
                for (var cid = pending[0]; cid <= pending[1]; cid++)
                    used.Add(cid);
                pending.Clear();
            }
        }

        return used;
    }

    private static int DictionaryEnd(byte[] pdf, int start)
    {
        var depth = 0;
        for (var i = start; i < pdf.Length; i++)
        {
            switch (pdf[i])
            {
                case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == '<':
                    depth++;
                    i++;
                    break;
                case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == '>':
                    depth--;
                    i++;
                    if (depth == 0)
                        return i + 1;
                    break;
                case (byte)'<':
                    i = Array.IndexOf(pdf, (byte)'>', i); // hex string
                    break;
                case (byte)'(':
                    i = LiteralStringEnd(pdf, i);
                    break;
            }

            if (i < 0)
                break;
        }

        throw Bad("unterminated dictionary");
    }

    private static int LiteralStringEnd(byte[] pdf, int start)
    {
        var depth = 0;
        for (var i = start; i < pdf.Length; i++)
        {
            if (pdf[i] == '\\')
                i++;
            else if (pdf[i] == '(')
                depth++;
            else if (pdf[i] == ')' && --depth == 0)
                return i;
        }

        return -1;
    }

    private static int? Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)\s+0\s+R");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static int? Number(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)(?!\s+\d+\s+R)(?=[\s/>])");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string ReplaceNumber(string dictionary, string key, int value)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)(?!\s+\d+\s+R)(?=[\s/>])");
        if (!match.Success)
            throw Bad($"no direct /{key}");
        var group = match.Groups[1];
        return string.Concat(dictionary.AsSpan(0, group.Index), value.ToString(CultureInfo.InvariantCulture), dictionary.AsSpan(group.Index + group.Length));
    }

    private static string Utf16Pair(Match match)
    {
        var codePoint = int.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (codePoint is < 0x10000 or > 0x10FFFF)
            return match.Value;
        var pair = char.ConvertFromUtf32(codePoint);
        return $"{match.Groups[1].Value}{(int)pair[0]:X4}{(int)pair[1]:X4}>";
    }

    private static string Tag(string original, string seed, Dictionary<string, string> tags)
    {
        if (!tags.TryGetValue(original, out var tag))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}#font{tags.Count.ToString(CultureInfo.InvariantCulture)}"));
            tag = string.Concat(hash.Take(6).Select(b => (char)('A' + b % 26)));
            tags[original] = tag;
        }

        return tag;
    }

    private static string DerivedGuid(string seed, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}#xmp{index.ToString(CultureInfo.InvariantCulture)}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // RFC 9562 version 5 (name-based) and variant bits
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    private static int SkipWhitespace(byte[] pdf, int at)
    {
        while (at < pdf.Length && pdf[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            at++;
        return at;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int from)
    {
        var at = haystack.AsSpan(from).IndexOf(needle);
        return at < 0 ? -1 : at + from;
    }

    private static string Latin1(byte[] bytes, int start, int length) => Encoding.Latin1.GetString(bytes, start, length);

    private static InvalidDataException Bad(string what) => new($"unexpected PDFsharp output: {what}");

    [GeneratedRegex(@"(?<=/(?:BaseFont|FontName)\s*/)[A-Z]{6}(?=\+)")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"(<[0-9A-Fa-f]{4}>\s*<[0-9A-Fa-f]{4}>\s*<)([0-9A-Fa-f]{5,6})>")]
    private static partial Regex Utf32Destination();

    [GeneratedRegex(@"\[|\]|-?\d+(?:\.\d+)?")]
    private static partial Regex WidthTokens();
}
