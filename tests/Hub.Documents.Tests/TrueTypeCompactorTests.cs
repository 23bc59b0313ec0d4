using System.Buffers.Binary;
using Hub.Documents.Fonts;
using Hub.Documents.Rendering;

namespace Hub.Documents.Tests;

public sealed class TrueTypeCompactorTests
{
    [Fact]
    public void Keeps_notdef_and_the_used_glyphs_with_their_outlines_and_metrics()
    {
        var original = File.ReadAllBytes(FontDirectoryLocator.Locate(null).RegularPath);
        var before = Font.Read(original);
        int[] used = [3, 35, 1762, 12_000];

        var result = TrueTypeCompactor.Compact(original, used);
        var after = Font.Read(result.Font);

        Assert.Equal(5, result.GlyphCount);
        Assert.Equal(5, after.NumGlyphs);
        Assert.Equal(before.Outline(0), after.Outline(0));
        for (var i = 0; i < used.Length; i++)
        {
            var newGid = BinaryPrimitives.ReadUInt16BigEndian(result.CidToGidMap.AsSpan(2 * used[i]));
            Assert.Equal(i + 1, newGid);
            Assert.NotEmpty(before.Outline(used[i]));
            Assert.Equal(before.Outline(used[i]), after.Outline(newGid));
            Assert.Equal(before.Metrics(used[i]), after.Metrics(newGid));
        }

        Assert.Equal(2 * (12_000 + 1), result.CidToGidMap.Length);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(result.CidToGidMap.AsSpan(2 * 4))); // unused CID → .notdef
        Assert.Equal(0xB1B0AFBAu, Font.Checksum(result.Font)); // head.checkSumAdjustment makes the whole font sum right
    }

    [Fact]
    public void Renumbers_the_parts_of_composite_glyphs_and_keeps_them()
    {
        // Glyphs: 0 .notdef, 1 and 2 unused, 3 simple, 4 composite of 3 (and 3 again, scaled).
        var simple = new byte[] { 0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 0, 1, 0 };
        var composite = new byte[]
        {
            0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10,
            0x00, 0x20 | 0x08, 0, 3, 1, 2, 0x40, 0x00,   // MORE_COMPONENTS | WE_HAVE_A_SCALE, glyph 3, byte args, scale
            0x00, 0x01, 0, 3, 0, 1, 0, 2,                 // ARG_1_AND_2_ARE_WORDS, glyph 3, word args, last
        };
        var font = Font.Build([[], [1, 2], [3, 4], simple, composite]);

        var result = TrueTypeCompactor.Compact(font, [4]);
        var after = Font.Read(result.Font);

        Assert.Equal(3, result.GlyphCount); // .notdef, the composite, and its part
        Assert.Equal(simple, after.Glyph(1).ToArray()[..simple.Length]);
        var renumbered = after.Glyph(2).ToArray();
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(renumbered.AsSpan(12)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(renumbered.AsSpan(22)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(result.CidToGidMap.AsSpan(8)));
    }

    [Fact]
    public void A_CID_beyond_the_font_is_an_error()
    {
        var font = Font.Build([[], [1, 2]]);

        Assert.Throws<InvalidDataException>(() => TrueTypeCompactor.Compact(font, [5]));
    }

    /// <summary>Minimal TrueType reader and writer for the checks above.</summary>
    private sealed class Font(byte[] data, Dictionary<string, (int Offset, int Length)> tables)
    {
        public int NumGlyphs => BinaryPrimitives.ReadUInt16BigEndian(Table("maxp")[4..]);

        public static Font Read(byte[] data)
        {
            var tables = new Dictionary<string, (int, int)>();
            for (var i = 0; i < BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4)); i++)
            {
                var r = data.AsSpan(12 + 16 * i);
                tables[System.Text.Encoding.ASCII.GetString(r[..4])] = ((int)BinaryPrimitives.ReadUInt32BigEndian(r[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(r[12..]));
            }

            return new Font(data, tables);
        }

        public ReadOnlySpan<byte> Glyph(int gid)
        {
            var longLoca = BinaryPrimitives.ReadInt16BigEndian(Table("head")[50..]) == 1;
            var loca = Table("loca").ToArray();
            int Offset(int g) => longLoca ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(4 * g)) : 2 * BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(2 * g));
            return Table("glyf")[Offset(gid)..Offset(gid + 1)];
        }

        /// <summary>The glyph data without the zero padding that aligns glyphs (it differs between the two fonts).</summary>
        public byte[] Outline(int gid)
        {
            var glyph = Glyph(gid).ToArray();
            var end = glyph.Length;
            while (end > 0 && end > glyph.Length - 3 && glyph[end - 1] == 0)
                end--;
            return glyph[..end];
        }

        public (int Advance, int Lsb) Metrics(int gid)
        {
            int count = BinaryPrimitives.ReadUInt16BigEndian(Table("hhea")[34..]);
            var hmtx = Table("hmtx");
            var advance = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(4 * Math.Min(gid, count - 1))..]);
            var lsb = gid < count ? BinaryPrimitives.ReadInt16BigEndian(hmtx[(4 * gid + 2)..]) : BinaryPrimitives.ReadInt16BigEndian(hmtx[(4 * count + 2 * (gid - count))..]);
            return (advance, lsb);
        }

        public static uint Checksum(byte[] data)
        {
            uint sum = 0;
            var word = new byte[4];
            for (var i = 0; i < data.Length; i += 4)
            {
                Array.Clear(word);
                data.AsSpan(i, Math.Min(4, data.Length - i)).CopyTo(word);
                sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(word));
            }

            return sum;
        }

        /// <summary>A font with the given glyph data (short loca), all advances 1000.</summary>
        public static byte[] Build(byte[][] glyphs)
        {
            var glyf = new List<byte>();
            var loca = new List<byte>();
            foreach (var glyph in glyphs)
            {
                loca.AddRange([(byte)(glyf.Count / 2 >> 8), (byte)(glyf.Count / 2)]);
                glyf.AddRange(glyph);
                if (glyf.Count % 2 != 0)
                    glyf.Add(0);
            }

            loca.AddRange([(byte)(glyf.Count / 2 >> 8), (byte)(glyf.Count / 2)]);
            var head = new byte[54];
            BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(18), 1000);
            var hhea = new byte[36];
            BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)glyphs.Length);
            var maxp = new byte[6];
            BinaryPrimitives.WriteUInt32BigEndian(maxp, 0x00005000);
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)glyphs.Length);
            var hmtx = new byte[4 * glyphs.Length];
            for (var g = 0; g < glyphs.Length; g++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * g), 1000);
                BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan(4 * g + 2), (short)g);
            }

            var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["glyf"] = [.. glyf], ["head"] = head, ["hhea"] = hhea, ["hmtx"] = hmtx, ["loca"] = [.. loca], ["maxp"] = maxp,
            };
            var result = new List<byte>(new byte[12 + 16 * tables.Count]);
            BinaryPrimitives.WriteUInt32BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result), 0x00010000);
            BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result)[4..], (ushort)tables.Count);
            var index = 0;
            foreach (var (tag, data) in tables)
            {
                var record = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result)[(12 + 16 * index++)..];
                System.Text.Encoding.ASCII.GetBytes(tag, record);
                BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)result.Count);
                BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
                result.AddRange(data);
                while (result.Count % 4 != 0)
                    result.Add(0);
            }

            return [.. result];
        }

        private ReadOnlySpan<byte> Table(string tag) => data.AsSpan(tables[tag].Offset, tables[tag].Length);
    }
}
