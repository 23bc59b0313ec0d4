using System.Text;
using Hub.Core.Ingestion.Reading;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>CP932 as Windows reads it: every byte form of the NEC and IBM extensions, and nothing more.</summary>
public sealed class TextEncodingsTests
{
    private static string Decode(params byte[] bytes) => TextEncodings.ShiftJis.GetString(bytes);

    [Theory]
    [InlineData("EEE0", "FBFC", "髙")]
    [InlineData("ED95", "FAB1", "﨑")]
    [InlineData("EEEF", "FA40", "ⅰ")]
    [InlineData("ED40", "FA5C", "纊")]
    [InlineData("EEF9", "81CA", "￢")]
    [InlineData("FA54", "81CA", "￢")]
    [InlineData("FA58", "878A", "㈱")]
    [InlineData("FA59", "8782", "№")]
    [InlineData("FA4A", "8754", "Ⅰ")]
    [InlineData("8790", "81E0", "≒")]
    [InlineData("879A", "81E6", "∵")]
    public void A_one_way_byte_pair_reads_as_the_character_of_its_canonical_form(string alias, string canonical, string expected)
    {
        Assert.Equal(expected, Decode(Convert.FromHexString(canonical)));
        Assert.Equal(expected, Decode(Convert.FromHexString(alias)));
        Assert.Equal(canonical, Convert.ToHexString(TextEncodings.ShiftJis.GetBytes(expected)));
    }

    [Fact]
    public void Every_nec_selected_ibm_extension_reads_as_its_ibm_extension()
    {
        var read = 0;
        for (var lead = 0xED; lead <= 0xEE; lead++)
        for (var trail = 0x40; trail <= 0xFC; trail++)
        {
            if (trail == 0x7F || (lead == 0xEE && trail is 0xED or 0xEE)) continue; // 0xEEED–0xEEEE are unassigned
            var text = Decode((byte)lead, (byte)trail);
            var canonical = TextEncodings.ShiftJis.GetBytes(text);
            Assert.True(canonical[0] is 0xFA or 0xFB or 0xFC or 0x81 or 0x87, $"{lead:X2}{trail:X2} → {text} → {Convert.ToHexString(canonical)}");
            read++;
        }

        Assert.Equal(374, read);
    }

    [Theory]
    [InlineData("8540")] // unassigned row
    [InlineData("EAA5")] // past JIS X 0208
    [InlineData("EEED")] // a gap in the NEC-selected block
    [InlineData("FC4C")] // past the IBM extensions
    [InlineData("817F")] // trail byte 0x7F
    [InlineData("82")]   // a lead byte with nothing after it
    public void Anything_else_that_is_not_cp932_still_throws(string hex)
    {
        Assert.Throws<DecoderFallbackException>(() => Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_pair_split_across_reads_decodes_the_same()
    {
        byte[] bytes = [.. TextEncodings.ShiftJis.GetBytes("山"), 0xEE, 0xE0, .. TextEncodings.ShiftJis.GetBytes("橋"), 0xFA, 0x58];
        var decoder = TextEncodings.ShiftJis.GetDecoder();
        var text = new StringBuilder();
        var chars = new char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            var n = decoder.GetChars(bytes, i, 1, chars, 0, flush: i == bytes.Length - 1);
            text.Append(chars, 0, n);
        }

        Assert.Equal("山髙橋㈱", text.ToString());
    }
}
