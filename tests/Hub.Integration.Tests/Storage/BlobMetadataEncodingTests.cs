using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hub.Storage.Blobs;

namespace Hub.Integration.Tests.Storage;

/// <summary>The metadata value codec and name rules, without a service.</summary>
public sealed class BlobMetadataEncodingTests
{
    [Theory]
    [InlineData("E001")]
    [InlineData("attachment; filename=\"a.csv\"")]
    [InlineData("a b ~!@#$%^&*()")]
    [InlineData("")]
    [InlineData("=?UTF-8?B?not base64?")] // not the exact shape, so not ambiguous
    public void Plain_printable_ascii_is_sent_unchanged(string value)
    {
        Assert.Equal(value, BlobMetadataEncoding.EncodeValue(value));
        Assert.Equal(value, BlobMetadataEncoding.DecodeValue(value));
    }

    [Theory]
    [InlineData("社員名簿", "=?UTF-8?B?56S+5ZOh5ZCN57C/?=")]
    [InlineData("🏥", "=?UTF-8?B?8J+PpQ==?=")]
    [InlineData(" leading", "=?UTF-8?B?IGxlYWRpbmc=?=")]
    [InlineData("trailing ", "=?UTF-8?B?dHJhaWxpbmcg?=")]
    [InlineData("line1\r\nline2", "=?UTF-8?B?bGluZTENCmxpbmUy?=")]
    [InlineData("tab\there", "=?UTF-8?B?dGFiCWhlcmU=?=")]
    [InlineData("=?UTF-8?B?AAAA?=", "=?UTF-8?B?PT9VVEYtOD9CP0FBQUE/PQ==?=")] // a lookalike is encoded so it round-trips
    public void Other_values_become_one_utf8_base64_encoded_word(string value, string encoded)
    {
        Assert.Equal(encoded, BlobMetadataEncoding.EncodeValue(value));
        Assert.Equal(value, BlobMetadataEncoding.DecodeValue(encoded));
    }

    [Theory]
    [InlineData("=?utf-8?b?56S+5ZOh5ZCN57C/?=", "社員名簿")] // charset and encoding letters are case-insensitive
    [InlineData("=?UTF-8?B?****?=", "=?UTF-8?B?****?=")]     // not base64: left as is
    [InlineData("=?UTF-8?B?/w==?=", "=?UTF-8?B?/w==?=")]     // 0xFF is not UTF-8: left as is
    [InlineData("=?ISO-2022-JP?B?GyRCJDMbKEI=?=", "=?ISO-2022-JP?B?GyRCJDMbKEI=?=")] // other charsets are not ours
    public void Decoding_only_accepts_our_exact_shape(string raw, string expected) =>
        Assert.Equal(expected, BlobMetadataEncoding.DecodeValue(raw));

    [Fact]
    public void A_lone_surrogate_is_refused_with_a_code()
    {
        var e = Assert.Throws<ArgumentException>(() => BlobMetadataEncoding.EncodeValue("bad\uD800"));
        Assert.Equal(BlobErrors.MetadataValueInvalid, e.Data[BlobErrors.CodeKey]);
    }

    [Fact]
    public void Every_valid_string_round_trips_through_printable_ascii()
    {
        var valid = ArbMap.Default.GeneratorFor<string>()
            .Where(s => s is not null && IsValidUtf16(s))
            .ToArbitrary();
        Prop.ForAll(valid, value =>
        {
            var encoded = BlobMetadataEncoding.EncodeValue(value);
            return encoded.All(c => c is >= ' ' and <= '~')
                   && (encoded.Length == 0 || (encoded[0] != ' ' && encoded[^1] != ' '))
                   && BlobMetadataEncoding.DecodeValue(encoded) == value;
        }).QuickCheckThrowOnFailure();

        var japanese = Gen.Elements("協会", "太郎", "🏥", "ｶﾅ", "　", " ", "A", "\n", "=?", "?=")
            .ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary();
        Prop.ForAll(japanese, value => BlobMetadataEncoding.DecodeValue(BlobMetadataEncoding.EncodeValue(value)) == value)
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("employer", true)]
    [InlineData("_private", true)]
    [InlineData("Name2", true)]
    [InlineData("originalFileName", true)]
    [InlineData("2name", false)]
    [InlineData("x-ms-meta", false)]
    [InlineData("has space", false)]
    [InlineData("名前", false)]   // a C# identifier, but not ASCII: headers cannot carry it
    [InlineData("café", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_must_be_ascii_csharp_identifiers(string? name, bool valid) =>
        Assert.Equal(valid, BlobMetadataEncoding.IsValidName(name));

    private static bool IsValidUtf16(string s)
    {
        try
        {
            new UTF8Encoding(false, true).GetByteCount(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
