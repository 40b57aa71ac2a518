using System.Buffers.Binary;
using System.Text;

namespace RevoVoice.Telephony.Rtp;

/// <summary>Builds and reads the basic RTCP packets (RFC 3550 6.4, 6.5): SR, RR and SDES CNAME in a compound packet.</summary>
public static class RtcpPackets
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;
    public const byte SourceDescription = 202;
    public const byte Goodbye = 203;

    /// <summary>An SR (when we have sent) or RR, followed by SDES CNAME, as RFC 3550 6.1 requires of a compound packet.</summary>
    public static byte[] BuildCompound(uint ssrc, string cname, (ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)? sender, RtcpReportBlock? block)
    {
        var cnameBytes = Encoding.ASCII.GetBytes(cname.Length > 255 ? cname[..255] : cname);
        var reportLength = (sender is null ? 8 : 28) + (block is null ? 0 : 24);
        var sdesItems = 4 + 2 + cnameBytes.Length + 1; // ssrc, type+len, text, end
        var sdesLength = 4 + (sdesItems + 3) / 4 * 4;
        var packet = new byte[reportLength + sdesLength];
        var span = packet.AsSpan();
        span[0] = (byte)(0x80 | (block is null ? 0 : 1));
        span[1] = sender is null ? ReceiverReport : SenderReport;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)(reportLength / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], ssrc);
        var offset = 8;
        if (sender is { } s)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span[8..], s.NtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(span[16..], s.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(span[20..], s.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(span[24..], s.OctetCount);
            offset = 28;
        }
        if (block is { } b)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], b.Ssrc);
            var lost = Math.Clamp(b.CumulativeLost, -0x800000, 0x7FFFFF) & 0xFFFFFF;
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 4)..], ((uint)b.FractionLost << 24) | (uint)lost);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 8)..], b.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 12)..], b.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 16)..], b.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 20)..], b.DelaySinceLastSenderReport);
        }
        var sdes = span[reportLength..];
        sdes[0] = 0x81;
        sdes[1] = SourceDescription;
        BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (ushort)(sdesLength / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1; // CNAME
        sdes[9] = (byte)cnameBytes.Length;
        cnameBytes.CopyTo(sdes[10..]);
        return packet;
    }

    /// <summary>
    /// Validates a compound RTCP packet (RFC 3550 A.2: version 2, lengths add up, first packet SR or RR) and
    /// returns the sender report's middle 32 NTP bits (for LSR) if it carries one.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out uint? lastSenderReport, out uint senderSsrc)
    {
        lastSenderReport = null;
        senderSsrc = 0;
        if (datagram.Length < 8 || datagram[0] >> 6 != 2 || datagram[1] is not (SenderReport or ReceiverReport)) return false;
        var offset = 0;
        while (offset < datagram.Length)
        {
            if (datagram.Length - offset < 4 || datagram[offset] >> 6 != 2) return false;
            var length = (BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]) + 1) * 4;
            if (offset + length > datagram.Length) return false;
            var type = datagram[offset + 1];
            if (type == SenderReport && length >= 28)
            {
                senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
                lastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 10)..]);
            }
            else if (type == ReceiverReport && length >= 8)
            {
                senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
            }
            offset += length;
        }
        return true;
    }

    /// <summary>NTP time (RFC 3550 4): seconds since 1900 in the high 32 bits, fraction in the low 32.</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        var since1900 = time.UtcDateTime - new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var seconds = (ulong)since1900.TotalSeconds;
        var fraction = (ulong)((since1900.TotalSeconds - Math.Floor(since1900.TotalSeconds)) * 4294967296.0);
        return (seconds << 32) | (fraction & 0xFFFFFFFF);
    }
}
