using System.Net;
using System.Net.Sockets;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;

namespace RevoVoice.Telephony.Tests.Rtp;

/// <summary>An RTP session (PCMA, its own media clock) talking to a peer's RTP and RTCP sockets on loopback.</summary>
internal sealed class LoopbackRtpCall(Socket peerRtp, Socket peerRtcp, MediaClock clock, RtpSession session) : IAsyncDisposable
{
    public Socket PeerRtp => peerRtp;

    public Socket PeerRtcp => peerRtcp;

    public RtpSession Session => session;

    public static LoopbackRtpCall Create(RtpSessionOptions? options = null)
    {
        var peerRtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var peerRtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var basePort = 43000 + Random.Shared.Next(0, 1000) * 4;
        peerRtp.Bind(new IPEndPoint(IPAddress.Loopback, basePort));
        peerRtcp.Bind(new IPEndPoint(IPAddress.Loopback, basePort + 1));
        var media = new NegotiatedMedia(G711ALaw.Instance, 8, 101, new IPEndPoint(IPAddress.Loopback, basePort), MediaDirection.SendRecv, 20);
        var clock = new MediaClock(TimeProvider.System);
        var (rtp, rtcp) = new RtpPortAllocator(IPAddress.Loopback, basePort + 2, basePort + 3 + 2).Allocate();
        return new LoopbackRtpCall(peerRtp, peerRtcp, clock, new RtpSession(rtp, rtcp, media, clock, TimeProvider.System, options));
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        clock.Dispose();
        peerRtp.Dispose();
        peerRtcp.Dispose();
    }
}
