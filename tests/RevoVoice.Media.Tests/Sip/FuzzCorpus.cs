using System.Text;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>A deterministic corpus of mutated and truncated SIP messages and RTP packets (seeded, so failures reproduce).</summary>
public static class FuzzCorpus
{
    private const string SdpBody =
        "v=0\r\no=f 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    private static readonly string[] SipSeeds =
    [
        "INVITE sip:fuzz@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-f{0};rport\r\nMax-Forwards: 70\r\n" +
        "From: \"Fuzz\" <sip:fuzz@127.0.0.1:5999>;tag=f{0}\r\nTo: <sip:fuzz@127.0.0.1:5060>\r\nCall-ID: fuzz-{0}\r\nCSeq: 1 INVITE\r\n" +
        "Contact: <sip:fuzz@127.0.0.1:5999>\r\nContent-Type: application/sdp\r\nContent-Length: " + SdpBody.Length + "\r\n\r\n" + SdpBody,
        "BYE sip:revovoice@127.0.0.1:5060 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-b{0}\r\nf: <sip:fuzz@127.0.0.1>;tag=a\r\n" +
        "t: <sip:revovoice@127.0.0.1>;tag=b\r\ni: fuzz-bye-{0}\r\nCSeq: 2 BYE\r\nl: 0\r\n\r\n",
        "OPTIONS sip:revovoice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-o{0}\r\nFrom: <sip:fuzz@127.0.0.1>;tag=x\r\n" +
        "To: <sip:revovoice@127.0.0.1>\r\nCall-ID: fuzz-options-{0}\r\nCSeq: 7 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n",
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-r{0}\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n" +
        "Call-ID: fuzz-response-{0}\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
        "INFO sip:revovoice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-i{0}\r\nFrom: <sip:fuzz@127.0.0.1>;tag=x\r\n" +
        "To: <sip:revovoice@127.0.0.1>;tag=y\r\nCall-ID: fuzz-info-{0}\r\nCSeq: 3 INFO\r\nContent-Type: application/dtmf-relay\r\nContent-Length: 24\r\n\r\nSignal=5\r\nDuration=160\r\n",
    ];

    public static IEnumerable<byte[]> Sip(int count, int seed = 5060)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = string.Format(SipSeeds[random.Next(SipSeeds.Length)], i);
            var bytes = Encoding.UTF8.GetBytes(text);
            yield return random.Next(10) switch
            {
                0 => bytes[..random.Next(bytes.Length)],                             // truncated anywhere
                1 => FlipBytes(bytes, random, 1 + random.Next(8)),                  // random byte damage
                2 => Encoding.UTF8.GetBytes(DropLine(text, random)),                // a header missing
                3 => Encoding.UTF8.GetBytes(text.Replace("\r\n", random.Next(2) == 0 ? "\n" : "\r")), // odd line ends
                4 => Encoding.UTF8.GetBytes(Splice(text, random)),                  // garbage inserted
                5 => Encoding.UTF8.GetBytes(text.Replace("Content-Length: ", "Content-Length: 9" + random.Next(99999))),
                6 => Encoding.UTF8.GetBytes(text.Replace(" SIP/2.0", random.Next(2) == 0 ? " SIP/2.1" : "").Replace("CSeq: ", "CSeq: x")),
                7 => RandomBytes(random, random.Next(1, 1400)),                     // pure noise
                8 => Encoding.UTF8.GetBytes(new string('A', random.Next(1, 3000)) + text),
                _ => Encoding.UTF8.GetBytes(text.Replace("<", random.Next(2) == 0 ? "" : "<<").Replace("tag=", "tag")),
            };
        }
    }

    public static IEnumerable<byte[]> Rtp(int count, int seed = 3550)
    {
        var random = new Random(seed);
        var valid = new byte[RtpPacket.HeaderLength + 160];
        for (var i = 0; i < count; i++)
        {
            var payload = RandomBytes(random, 160);
            var length = RtpPacket.Write(valid, random.Next(2) == 0, (byte)(random.Next(4) switch { 0 => 0, 1 => 8, 2 => 101, _ => random.Next(128) }),
                (ushort)random.Next(65536), (uint)random.Next(), 0xF00D, payload);
            var packet = valid[..length];
            yield return random.Next(6) switch
            {
                0 => packet[..random.Next(packet.Length)],
                1 => FlipBytes(packet, random, 1 + random.Next(4)),
                2 => RandomBytes(random, random.Next(1, 400)),
                3 => SetHeaderBits(packet, random),
                4 => packet.Concat(RandomBytes(random, random.Next(1, 1200))).ToArray(),
                _ => packet,
            };
        }
    }

    private static byte[] FlipBytes(byte[] bytes, Random random, int count)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count && copy.Length > 0; i++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] SetHeaderBits(byte[] packet, Random random)
    {
        var copy = (byte[])packet.Clone();
        copy[0] = (byte)(random.Next(256) | 0x80); // version 2 or 3, random padding/extension/CSRC count
        return copy;
    }

    private static string DropLine(string text, Random random)
    {
        var lines = text.Split("\r\n").ToList();
        lines.RemoveAt(random.Next(lines.Count));
        return string.Join("\r\n", lines);
    }

    private static string Splice(string text, Random random)
    {
        var at = random.Next(text.Length);
        var junk = new string(Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)random.Next(1, 0x2FF)).ToArray());
        return text[..at] + junk + text[at..];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
