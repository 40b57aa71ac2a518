using System.Net;
using System.Net.Sockets;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// Hands out RTP/RTCP socket pairs (even port, port+1) from a configured range, round-robin so a just-released
/// port is not reused at once (late packets of the old call would land in the new one).
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly IPAddress _address;
    private readonly int _min;
    private readonly int _max;
    private readonly object _gate = new();
    private int _next;

    public RtpPortAllocator(IPAddress address, int portMin, int portMax)
    {
        if (portMin < 1024 || portMax > 65535 || portMax - portMin < 3)
            throw new ArgumentException($"The RTP port range {portMin}-{portMax} must be within 1024-65535 and hold at least two pairs.");
        _address = address;
        _min = portMin + portMin % 2;
        _max = portMax;
        _next = _min;
    }

    public IPAddress Address => _address;

    /// <summary>Binds a free pair.</summary>
    /// <exception cref="RtpPortsExhaustedException">every pair in the range is in use.</exception>
    public (Socket Rtp, Socket Rtcp) Allocate()
    {
        lock (_gate)
        {
            var pairs = (_max - _min + 1) / 2;
            for (var attempt = 0; attempt < pairs; attempt++)
            {
                var port = _next;
                _next += 2;
                if (_next + 1 > _max) _next = _min;
                var rtp = TryBind(port);
                if (rtp is null) continue;
                var rtcp = TryBind(port + 1);
                if (rtcp is not null) return (rtp, rtcp);
                rtp.Dispose();
            }
        }
        throw new RtpPortsExhaustedException(_min, _max);
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_address, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
