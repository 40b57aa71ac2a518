using System.Buffers.Binary;

namespace RevoVoice.Telephony.Dtmf;

/// <summary>The RFC 4733 telephone-event payload: event, end bit, volume, duration (in timestamp units).</summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Length = 4;

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        value = default;
        if (payload.Length < Length) return false;
        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }

    /// <summary>Events 0-15 are the DTMF keys 0-9 * # A B C D (RFC 4733 3.2).</summary>
    public static char? ToDigit(byte eventCode) => eventCode switch
    {
        <= 9 => (char)('0' + eventCode),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + eventCode - 12),
        _ => null,
    };

    public static byte? FromDigit(char digit) => char.ToUpperInvariant(digit) switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(char.ToUpperInvariant(digit) - 'A' + 12),
        _ => null,
    };
}
