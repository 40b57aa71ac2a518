namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// ITU-T G.711 mu-law (PCMU, payload type 0). Decoding is a 256-entry table; encoding a 64 Ki-entry table
/// indexed by the 16-bit sample, built once from the reference segment algorithm, so both are one lookup.
/// </summary>
public sealed class G711MuLaw : IAudioCodec
{
    public static readonly G711MuLaw Instance = new();

    private const int Bias = 0x84;
    private const int Clip = 32635;

    private readonly short[] _decode = new short[256];
    private readonly byte[] _encode = new byte[65536];

    private G711MuLaw()
    {
        for (var i = 0; i < 256; i++) _decode[i] = DecodeReference((byte)i);
        for (var i = 0; i < 65536; i++) _encode[i] = EncodeReference((short)(i - 32768));
    }

    public byte PayloadType => 0;

    public string Name => "PCMU";

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
        var sign = (value >> 8) & 0x80;
        if (sign != 0) value = -value;
        if (value > Clip) value = Clip;
        value += Bias;
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static short DecodeReference(byte code)
    {
        int value = (byte)~code;
        var sign = value & 0x80;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
        return (short)(sign != 0 ? -magnitude : magnitude);
    }
}
