using System.Text;

namespace Hub.Core.Ingestion.Reading;

/// <summary>
/// Completes .NET's strict CP932 decoder with the byte pairs Windows decodes one way only: the NEC-selected IBM
/// extensions (0xED40–0xEEFC, e.g. 髙 written as 0xEEE0 instead of 0xFBFC), the IBM duplicates of NEC special
/// characters (0xFA4A–0xFA5B: Ⅰ–Ⅹ, ￢, ㈱, №, ℡, ∵) and the NEC duplicates of JIS symbols (0x8790–0x879C: ≒ ≡ ∫ …).
/// .NET keeps these in its best-fit table, so a strict decoder refuses them although they are ordinary characters
/// that Windows software writes. Every other undecodable byte still throws (ENCODING_INVALID).
/// </summary>
/// <remarks>
/// The table is taken from .NET's own CP932 best-fit decoding, keeping only pairs that decode to a character CP932 can
/// encode (the replacement character ・ marks unassigned codes and is left out), so nothing is invented here.
/// </remarks>
internal sealed class Cp932AliasFallback : DecoderFallback
{
    private readonly Dictionary<int, char> _aliases;

    private Cp932AliasFallback(Dictionary<int, char> aliases) => _aliases = aliases;

    /// <inheritdoc />
    public override int MaxCharCount => 1;

    /// <summary>Builds the fallback from the registered code page 932 (call after registering the code-pages provider).</summary>
    public static Cp932AliasFallback Create()
    {
        var strict = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var bestFit = Encoding.GetEncoding(932);
        var aliases = new Dictionary<int, char>();
        Span<byte> pair = stackalloc byte[2];
        Span<char> decoded = stackalloc char[4];
        for (var lead = 0x81; lead <= 0xFC; lead++)
        {
            if (lead is > 0x9F and < 0xE0) continue; // half-width katakana: single bytes
            for (var trail = 0x40; trail <= 0xFC; trail++)
            {
                if (trail == 0x7F) continue;
                pair[0] = (byte)lead;
                pair[1] = (byte)trail;
                if (Decodes(strict, pair)) continue;
                if (bestFit.GetChars(pair, decoded) != 1 || decoded[0] == '\u30FB') continue; // unassigned
                var c = decoded[0];
                if (!char.IsSurrogate(c) && Encodes(strict, c)) aliases[(lead << 8) | trail] = c;
            }
        }

        return new Cp932AliasFallback(aliases);
    }

    /// <inheritdoc />
    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private static bool Decodes(Encoding strict, ReadOnlySpan<byte> bytes)
    {
        try
        {
            strict.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool Encodes(Encoding strict, char c)
    {
        try
        {
            strict.GetByteCount([c]);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private sealed class Buffer(Cp932AliasFallback fallback) : DecoderFallbackBuffer
    {
        private char _pending;
        private bool _available;

        public override int Remaining => _available ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            if (bytesUnknown.Length == 2 && fallback._aliases.TryGetValue((bytesUnknown[0] << 8) | bytesUnknown[1], out var c))
            {
                _pending = c;
                _available = true;
                return true;
            }

            throw new DecoderFallbackException(
                $"Bytes {Convert.ToHexString(bytesUnknown)} at index {index} are not valid CP932.", bytesUnknown, index);
        }

        public override char GetNextChar()
        {
            if (!_available) return '\0';
            _available = false;
            return _pending;
        }

        public override bool MovePrevious()
        {
            if (_available) return false;
            _available = true;
            return true;
        }

        public override void Reset() => _available = false;
    }
}
