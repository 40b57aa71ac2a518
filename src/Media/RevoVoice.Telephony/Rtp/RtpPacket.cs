using System.Buffers.Binary;

namespace RevoVoice.Telephony.Rtp;

/// <summary>An RTP packet (RFC 3550 5.1): fixed header, CSRCs and extension skipped, padding removed.</summary>
public readonly record struct RtpPacket(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, ReadOnlyMemory<byte> Payload)
{
    public const int HeaderLength = 12;

    /// <summary>Parses a datagram; false (never an exception) for anything that is not RTP version 2.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> datagram, out RtpPacket packet)
    {
        packet = default;
        var data = datagram.Span;
        if (data.Length < HeaderLength || data[0] >> 6 != 2) return false;
        var padding = (data[0] & 0x20) != 0;
        var extension = (data[0] & 0x10) != 0;
        var csrcCount = data[0] & 0x0F;
        var payloadType = (byte)(data[1] & 0x7F);
        // Payload types 72-76 are RTCP packet types arriving on the RTP port (RFC 5761); not audio.
        if (payloadType is >= 72 and <= 76) return false;
        var offset = HeaderLength + 4 * csrcCount;
        if (offset > data.Length) return false;
        if (extension)
        {
            if (offset + 4 > data.Length) return false;
            offset += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (offset > data.Length) return false;
        }
        var end = data.Length;
        if (padding)
        {
            var count = data[^1];
            if (count == 0 || offset + count > end) return false;
            end -= count;
        }
        packet = new RtpPacket(
            (data[1] & 0x80) != 0, payloadType,
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            datagram[offset..end]);
        return true;
    }

    /// <summary>Writes the 12-byte header and the payload into <paramref name="destination"/>; returns the length.</summary>
    public static int Write(Span<byte> destination, bool marker, byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        payload.CopyTo(destination[HeaderLength..]);
        return HeaderLength + payload.Length;
    }
}
