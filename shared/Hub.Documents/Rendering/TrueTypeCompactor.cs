using System.Buffers.Binary;

namespace Hub.Documents.Rendering;

/// <summary>
/// Turns PDFsharp's font subset into a compact TrueType font. PDFsharp keeps the original glyph ids (it writes
/// <c>/CIDToGIDMap /Identity</c>), so its subset still carries <c>loca</c> and <c>hmtx</c> entries for all 12,638
/// glyphs of BIZ UDGothic (~100 KB before compression). Here the used glyphs are renumbered 1..n and the CID→GID
/// map is returned for a <c>/CIDToGIDMap</c> stream; CIDs in the content, <c>/W</c> and ToUnicode stay as they are.
/// </summary>
internal static class TrueTypeCompactor
{
    private const ushort ArgsAreWords = 0x0001, HaveScale = 0x0008, MoreComponents = 0x0020, HaveXyScale = 0x0040, HaveTwoByTwo = 0x0080;

    /// <summary>The compact font and the CID→GID map (big-endian uint16 per CID 0..max).</summary>
    public sealed record Result(byte[] Font, byte[] CidToGidMap, int GlyphCount);

    /// <summary>Compacts <paramref name="font"/> to glyph 0, the used CIDs and their composite components.</summary>
    public static Result Compact(byte[] font, IReadOnlyCollection<int> usedCids)
    {
        var tables = ReadTables(font);
        var head = Table(font, tables, "head");
        var hhea = Table(font, tables, "hhea");
        var maxp = Table(font, tables, "maxp");
        var hmtx = Table(font, tables, "hmtx");
        var loca = Table(font, tables, "loca");
        var glyf = Table(font, tables, "glyf");

        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.Slice(50, 2)) == 1;
        int numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(maxp.Slice(4, 2));
        int numberOfHMetrics = BinaryPrimitives.ReadUInt16BigEndian(hhea.Slice(34, 2));
        if (numberOfHMetrics == 0 || numberOfHMetrics > numGlyphs)
            throw new InvalidDataException("hhea.numberOfHMetrics out of range");

        var offsets = new int[numGlyphs + 1];
        for (var g = 0; g <= numGlyphs; g++)
            offsets[g] = longLoca ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(loca.Slice(4 * g, 4))) : 2 * BinaryPrimitives.ReadUInt16BigEndian(loca.Slice(2 * g, 2));

        // Glyph 0 (.notdef) first, then the used glyphs and, recursively, the parts of composite glyphs.
        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>(usedCids.Where(c => c > 0));
        while (pending.Count > 0)
        {
            var gid = pending.Pop();
            if (gid >= numGlyphs)
                throw new InvalidDataException($"CID {gid} beyond the font's {numGlyphs} glyphs");
            if (!keep.Add(gid))
                continue;
            foreach (var component in Components(GlyphData(glyf, offsets, gid)))
                pending.Push(component);
        }

        var newId = new Dictionary<int, int>();
        foreach (var gid in keep)
            newId[gid] = newId.Count;

        // glyf and loca (long offsets), with composite references renumbered.
        using var glyfOut = new MemoryStream();
        var newLoca = new byte[4 * (keep.Count + 1)];
        var index = 0;
        foreach (var gid in keep)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * index++), (uint)glyfOut.Position);
            var data = GlyphData(glyf, offsets, gid).ToArray();
            RenumberComponents(data, newId);
            glyfOut.Write(data);
            while (glyfOut.Position % 4 != 0)
                glyfOut.WriteByte(0);
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * index), (uint)glyfOut.Position);

        var newHmtx = new byte[4 * keep.Count];
        index = 0;
        foreach (var gid in keep)
        {
            var metric = Math.Min(gid, numberOfHMetrics - 1);
            var advance = BinaryPrimitives.ReadUInt16BigEndian(hmtx.Slice(4 * metric, 2));
            var lsb = gid < numberOfHMetrics
                ? BinaryPrimitives.ReadInt16BigEndian(hmtx.Slice(4 * gid + 2, 2))
                : BinaryPrimitives.ReadInt16BigEndian(hmtx.Slice(4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics), 2));
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(4 * index), advance);
            BinaryPrimitives.WriteInt16BigEndian(newHmtx.AsSpan(4 * index + 2), lsb);
            index++;
        }

        var newHead = head.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8, 4), 0); // checkSumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50, 2), 1);
        var newHhea = hhea.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newHhea.AsSpan(34, 2), (ushort)keep.Count);
        var newMaxp = maxp.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newMaxp.AsSpan(4, 2), (ushort)keep.Count);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = newHead, ["hhea"] = newHhea, ["maxp"] = newMaxp, ["hmtx"] = newHmtx, ["loca"] = newLoca, ["glyf"] = glyfOut.ToArray(),
        };
        foreach (var (tag, (offset, length)) in tables)
            output.TryAdd(tag, font.AsSpan(offset, length).ToArray()); // cvt, fpgm, prep: no glyph ids inside

        var compact = WriteFont(output);

        var maxCid = usedCids.Count == 0 ? 0 : usedCids.Max();
        var map = new byte[2 * (maxCid + 1)];
        foreach (var cid in usedCids.Where(c => c >= 0))
            BinaryPrimitives.WriteUInt16BigEndian(map.AsSpan(2 * cid), (ushort)newId[cid]);
        return new Result(compact, map, keep.Count);
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTables(byte[] font)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4, 2));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + 16 * i, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record.Slice(8, 4)));
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record.Slice(12, 4)));
            if (offset < 0 || length < 0 || offset + length > font.Length)
                throw new InvalidDataException($"table {tag} outside the font");
            tables[tag] = (offset, length);
        }

        return tables;
    }

    private static ReadOnlySpan<byte> Table(byte[] font, Dictionary<string, (int Offset, int Length)> tables, string tag) =>
        tables.TryGetValue(tag, out var t) ? font.AsSpan(t.Offset, t.Length) : throw new InvalidDataException($"no {tag} table");

    private static ReadOnlySpan<byte> GlyphData(ReadOnlySpan<byte> glyf, int[] offsets, int gid)
    {
        var start = offsets[gid];
        var end = offsets[gid + 1];
        if (end < start || end > glyf.Length)
            throw new InvalidDataException($"glyph {gid} outside glyf");
        return glyf[start..end];
    }

    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
            return result;
        for (var at = 10; ;)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.Slice(at, 2));
            result.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph.Slice(at + 2, 2)));
            at = NextComponent(at, flags);
            if ((flags & MoreComponents) == 0)
                return result;
        }
    }

    private static void RenumberComponents(byte[] glyph, Dictionary<int, int> newId)
    {
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
            return;
        for (var at = 10; ;)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at, 2));
            var old = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at + 2, 2));
            BinaryPrimitives.WriteUInt16BigEndian(glyph.AsSpan(at + 2, 2), (ushort)newId[old]);
            at = NextComponent(at, flags);
            if ((flags & MoreComponents) == 0)
                return;
        }
    }

    private static int NextComponent(int at, ushort flags)
    {
        at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
        if ((flags & HaveScale) != 0)
            at += 2;
        else if ((flags & HaveXyScale) != 0)
            at += 4;
        else if ((flags & HaveTwoByTwo) != 0)
            at += 8;
        return at;
    }

    private static byte[] WriteFont(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = 16 * (1 << entrySelector);
        var headerLength = 12 + 16 * count;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(font, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(10), (ushort)(16 * count - searchRange));

        var offset = headerLength;
        var record = 12;
        var headOffset = -1;
        foreach (var (tag, data) in tables)
        {
            System.Text.Encoding.ASCII.GetBytes(tag, font.AsSpan(record, 4));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(record + 4), Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(record + 12), (uint)data.Length);
            data.CopyTo(font, offset);
            if (tag == "head")
                headOffset = offset;
            offset += (data.Length + 3) & ~3;
            record += 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(font)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4)
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data.Slice(i, 4)));
        if (whole < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            data[whole..].CopyTo(last);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(last));
        }

        return sum;
    }
}
