namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// ITU-T G.711 A-law (PCMA, payload type 8). Table driven like <see cref="G711MuLaw"/>; the tables are built
/// once from the reference segment algorithm (even bits inverted with 0x55).
/// </summary>
public sealed class G711ALaw : IAudioCodec
{
    public static readonly G711ALaw Instance = new();

    private readonly short[] _decode = new short[256];
    private readonly byte[] _encode = new byte[65536];

    private G711ALaw()
    {
        for (var i = 0; i < 256; i++) _decode[i] = DecodeReference((byte)i);
        for (var i = 0; i < 65536; i++) _encode[i] = EncodeReference((short)(i - 32768));
    }

    public byte PayloadType => 8;

    public string Name => "PCMA";

    public byte Encode(short sample) => _encode[sample + 32768];

    public short Decode(byte code) => _decode[code];

    public void Encode(ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        if (encoded.Length < pcm.Length) throw new ArgumentException("The output is shorter than the input.", nameof(encoded));
        for (var i = 0; i < pcm.Length; i++) encoded[i] = _encode[pcm[i] + 32768];
    }

    public void Decode(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        if (pcm.Length < encoded.Length) throw new ArgumentException("The output is shorter than the input.", nameof(pcm));
        for (var i = 0; i < encoded.Length; i++) pcm[i] = _decode[encoded[i]];
    }

    private static byte EncodeReference(short sample)
    {
        int value = sample;
        int sign;
        if (value >= 0) sign = 0x80;
        else
        {
            sign = 0;
            value = -value - 1;
        }
        value >>= 3; // A-law works on 13-bit magnitudes
        if (value > 0xFFF) value = 0xFFF;
        int exponent;
        int mantissa;
        if (value < 32)
        {
            exponent = 0;
            mantissa = value >> 1;
        }
        else
        {
            exponent = 1;
            for (var v = value >> 5; v > 1; v >>= 1) exponent++;
            mantissa = (value >> exponent) & 0x0F;
        }
        return (byte)((sign | (exponent << 4) | mantissa) ^ 0x55);
    }

    private static short DecodeReference(byte code)
    {
        int value = code ^ 0x55;
        var sign = value & 0x80;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = exponent == 0
            ? (mantissa << 4) + 8
            : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)(sign != 0 ? magnitude : -magnitude);
    }
}
