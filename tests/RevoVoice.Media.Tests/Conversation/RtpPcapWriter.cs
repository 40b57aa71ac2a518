using System.Buffers.Binary;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>Writes caller audio as a pcap of 20 ms PCMA RTP packets, which sipp's <c>play_pcap_audio</c> replays in real time.</summary>
internal static class RtpPcapWriter
{
    public static void Write(string path, ReadOnlySpan<short> narrowband)
    {
        using var file = new BinaryWriter(File.Create(path));
        file.Write(0xa1b2c3d4u);
        file.Write((ushort)2);
        file.Write((ushort)4);
        file.Write(0);
        file.Write(0u);
        file.Write(65535u);
        file.Write(1u); // Ethernet
        var payload = new byte[AudioFrame.SamplesPerFrame];
        var frame = new short[AudioFrame.SamplesPerFrame];
        for (int offset = 0, packet = 0; offset < narrowband.Length; offset += AudioFrame.SamplesPerFrame, packet++)
        {
            Array.Clear(frame);
            narrowband.Slice(offset, Math.Min(frame.Length, narrowband.Length - offset)).CopyTo(frame);
            G711ALaw.Instance.Encode(frame, payload);
            var datagram = Packet(payload, (ushort)packet, (uint)(packet * AudioFrame.SamplesPerFrame));
            var micros = packet * 20_000L;
            file.Write((uint)(micros / 1_000_000));
            file.Write((uint)(micros % 1_000_000));
            file.Write((uint)datagram.Length);
            file.Write((uint)datagram.Length);
            file.Write(datagram);
        }
    }

    private static byte[] Packet(byte[] payload, ushort sequence, uint timestamp)
    {
        var rtp = 12 + payload.Length;
        var udp = 8 + rtp;
        var ip = 20 + udp;
        var bytes = new byte[14 + ip];
        bytes[12] = 0x08; // IPv4
        var i = bytes.AsSpan(14);
        i[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(i[2..], (ushort)ip);
        i[8] = 64;
        i[9] = 17; // UDP
        i[12] = 127; i[15] = 1;
        i[16] = 127; i[19] = 1;
        var u = i[20..];
        BinaryPrimitives.WriteUInt16BigEndian(u, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(u[2..], 6002);
        BinaryPrimitives.WriteUInt16BigEndian(u[4..], (ushort)udp);
        var r = u[8..];
        r[0] = 0x80;
        r[1] = 8; // PCMA
        BinaryPrimitives.WriteUInt16BigEndian(r[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(r[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(r[8..], 0x5eed5eed);
        payload.CopyTo(r[12..]);
        return bytes;
    }
}
