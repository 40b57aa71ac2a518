using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Bench.Sip;

/// <summary>Parse + serialise throughput of realistic SIP messages on one thread (a careful Stopwatch loop after warm-up).</summary>
public static class SipParseBenchmark
{
    private const string Sdp =
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    private static readonly byte[][] Messages =
    [
        Encoding.ASCII.GetBytes(
            "INVITE sip:bot@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-524287-1---4b1c4c8a;rport\r\n" +
            "Max-Forwards: 70\r\nContact: <sip:alice@127.0.0.1:5070>\r\nTo: <sip:bot@127.0.0.1:5060>\r\n" +
            "From: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=b1c4c8a\r\nCall-ID: a84b4c76e66710@127.0.0.1\r\nCSeq: 1 INVITE\r\n" +
            "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO\r\nContent-Type: application/sdp\r\nUser-Agent: bench\r\nContent-Length: " + Sdp.Length + "\r\n\r\n" + Sdp),
        Encoding.ASCII.GetBytes(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-524287-1---4b1c4c8a;rport\r\n" +
            "From: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=b1c4c8a\r\nTo: <sip:bot@127.0.0.1:5060>;tag=8321234356\r\n" +
            "Call-ID: a84b4c76e66710@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:revovoice@127.0.0.1:5060>\r\nContent-Length: 0\r\n\r\n"),
        Encoding.ASCII.GetBytes(
            "BYE sip:revovoice@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-2\r\nMax-Forwards: 70\r\n" +
            "From: <sip:alice@127.0.0.1:5070>;tag=b1c4c8a\r\nTo: <sip:bot@127.0.0.1:5060>;tag=8321234356\r\nCall-ID: a84b4c76e66710@127.0.0.1\r\n" +
            "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n"),
    ];

    /// <summary>
    /// Messages parsed and serialised per second, with the transaction-relevant headers (Via, From, To, CSeq)
    /// decoded: per wall-clock second, and per second of this thread's own CPU time (what one core does when it is
    /// not shared; on a busy machine the wall-clock figure mostly measures the other processes).
    /// </summary>
    public static (double PerWallSecond, double PerCpuSecond) Run(TimeSpan duration)
    {
        Loop(50_000); // JIT and tiered compilation warm-up
        var count = 0L;
        var cpuStart = ThreadCpuSeconds();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration) count += Loop(10_000);
        var cpu = ThreadCpuSeconds() - cpuStart;
        return (count / watch.Elapsed.TotalSeconds, cpu > 0 ? count / cpu : double.NaN);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuSeconds()
    {
        const int ClockThreadCpuTime = 3;
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTime, out var time) != 0) return double.NaN;
        return time.Seconds + time.Nanoseconds / 1e9;
    }

    private static long Loop(int iterations)
    {
        var bytes = 0L;
        for (var i = 0; i < iterations; i++)
        {
            var message = SipMessageParser.Parse(Messages[i % Messages.Length]);
            bytes += message.ToBytes().Length;
        }
        return bytes > 0 ? iterations : 0;
    }
}
