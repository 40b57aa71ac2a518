using System.Buffers.Binary;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Bench.Sip;

/// <summary>Writes a pcap (Ethernet/IPv4/UDP) of a PCMU RTP stream at 20 ms, which sipp's play_pcap_audio replays per call.</summary>
public static class RtpPcapWriter
{
    public static void WriteTone(string path, TimeSpan duration, double frequency = 440)
    {
        using var file = File.Create(path);
        Span<byte> global = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(global, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(global[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(global[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(global[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(global[20..], 1); // Ethernet
        file.Write(global);

        var frames = (int)(duration.TotalMilliseconds / 20);
        var pcm = new short[AudioFrame.SamplesPerFrame];
        var payload = new byte[AudioFrame.SamplesPerFrame];
        var rtp = new byte[RtpPacket.HeaderLength + payload.Length];
        var packet = new byte[16 + 14 + 20 + 8 + rtp.Length];
        for (var n = 0; n < frames; n++)
        {
            for (var i = 0; i < pcm.Length; i++)
                pcm[i] = (short)(6000 * Math.Sin(2 * Math.PI * frequency * (n * pcm.Length + i) / AudioFrame.SampleRate));
            G711MuLaw.Instance.Encode(pcm, payload);
            RtpPacket.Write(rtp, n == 0, 0, (ushort)n, (uint)(n * pcm.Length), 0x5EB0C0DE, payload);

            var span = packet.AsSpan();
            var micros = (long)n * 20_000;
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(1_700_000_000 + micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(packet.Length - 16));
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)(packet.Length - 16));
            var ethernet = span[16..];
            ethernet[..12].Fill(0x02);
            BinaryPrimitives.WriteUInt16BigEndian(ethernet[12..], 0x0800);
            var ip = ethernet[14..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + rtp.Length));
            ip[8] = 64;
            ip[9] = 17;
            ip[12] = 127; ip[15] = 1;
            ip[16] = 127; ip[19] = 1;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], IpChecksum(ip[..20]));
            var udp = ip[20..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 20000);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + rtp.Length));
            rtp.CopyTo(udp[8..]);
            file.Write(packet);
        }
    }

    private static ushort IpChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
