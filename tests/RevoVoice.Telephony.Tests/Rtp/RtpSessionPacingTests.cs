using System.Diagnostics;
using System.Net.Sockets;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Tests.Rtp;

public sealed class RtpSessionPacingTests
{
    [Fact]
    public async Task when_a_session_sends_for_three_seconds_packets_leave_every_20ms_without_drift_and_rtcp_reports_follow()
    {
        await using var call = LoopbackRtpCall.Create(new RtpSessionOptions { RtcpInterval = TimeSpan.FromSeconds(1) });
        var (peerRtp, peerRtcp, session) = (call.PeerRtp, call.PeerRtcp, call.Session);

        var arrivals = new List<(long At, RtpPacket Packet)>();
        var rtcpReports = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try
            {
                while (true)
                {
                    var n = await peerRtp.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    if (RtpPacket.TryParse(buffer.AsMemory(0, n).ToArray(), out var packet)) arrivals.Add((Stopwatch.GetTimestamp(), packet));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var reports = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try
            {
                while (true)
                {
                    var n = await peerRtcp.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    if (RtcpPackets.TryRead(buffer.AsSpan(0, n), out var lsr, out _) && lsr is not null) rtcpReports++;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var started = Stopwatch.GetTimestamp();
        session.Start();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var sent = session.Statistics.PacketsSent;
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(receiving, reports);

        // The clock ticks on absolute deadlines: packets sent track elapsed wall time (a drifting clock would fall behind).
        ((double)sent).Should().BeApproximately(elapsed.TotalMilliseconds / 20, 3, "one packet per 20 ms of wall time");
        arrivals.Zip(arrivals.Skip(1)).Should().OnlyContain(p => p.Second.Packet.Timestamp - p.First.Packet.Timestamp == 160);
        arrivals.Zip(arrivals.Skip(1)).Should().OnlyContain(p => (ushort)(p.Second.Packet.SequenceNumber - p.First.Packet.SequenceNumber) == 1);
        arrivals[0].Packet.Marker.Should().BeTrue();
        rtcpReports.Should().BeGreaterThanOrEqualTo(2, "a sender report every second");
    }
}
