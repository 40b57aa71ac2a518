namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// ITU-T G.711 mu-law (PCMU, payload type 0): the reference segment algorithm that <see cref="G711Codec"/> builds
/// its tables from.
/// </summary>
public sealed class G711MuLaw : G711Codec
{
    public static readonly G711MuLaw Instance = new();

    private const int Bias = 0x84;
    private const int Clip = 32635;

    private G711MuLaw() : base(0, "PCMU", EncodeReference, DecodeReference)
    {
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
