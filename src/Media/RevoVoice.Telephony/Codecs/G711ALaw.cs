namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// ITU-T G.711 A-law (PCMA, payload type 8): the reference segment algorithm (even bits inverted with 0x55) that
/// <see cref="G711Codec"/> builds its tables from.
/// </summary>
public sealed class G711ALaw : G711Codec
{
    public static readonly G711ALaw Instance = new();

    private G711ALaw() : base(8, "PCMA", EncodeReference, DecodeReference)
    {
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
