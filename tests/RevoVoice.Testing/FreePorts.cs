using System.Net;
using System.Net.Sockets;

namespace RevoVoice.Testing;

/// <summary>Finds UDP port blocks no one is using, so test classes (and their sipp/baresip peers) can run in parallel.</summary>
public static class FreePorts
{
    /// <summary>The first port of <paramref name="count"/> consecutive free UDP ports (even, between 30000 and 60000).</summary>
    public static int UdpBlock(int count)
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
