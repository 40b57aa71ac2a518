using System.Net;
using System.Net.Sockets;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;

namespace RevoVoice.Telephony.Tests.Rtp;

/// <summary>An RTP session (PCMA, its own media clock) talking to a peer's RTP and RTCP sockets on loopback.</summary>
internal sealed class LoopbackRtpCall : IAsyncDisposable
{
    private LoopbackRtpCall(Socket peerRtp, Socket peerRtcp, MediaClock clock, RtpSession session)
    {
        PeerRtp = peerRtp;
        PeerRtcp = peerRtcp;
        Clock = clock;
        Session = session;
    }

    public Socket PeerRtp { get; }

    public Socket PeerRtcp { get; }

    public MediaClock Clock { get; }

    public RtpSession Session { get; }

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
        await Session.DisposeAsync();
        Clock.Dispose();
        PeerRtp.Dispose();
        PeerRtcp.Dispose();
    }
}
