using System.Net;
using System.Net.Sockets;

namespace RevoVoice.EndToEnd.Tests.Calls;

/// <summary>Free consecutive UDP ports for Media's RTP range and sipp's media, so this test never collides with others running meanwhile.</summary>
public static class UdpPortBlock
{
    /// <summary>The first (even) port of <paramref name="count"/> consecutive UDP ports that were free a moment ago, between 30000 and 60000.</summary>
    public static int Find(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = 30000 + Random.Shared.Next(0, 15000) * 2;
            var sockets = new List<Socket>();
            try
            {
                for (var port = start; port < start + count; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                return start;
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }
        throw new InvalidOperationException("No free UDP port block found.");
    }
}
