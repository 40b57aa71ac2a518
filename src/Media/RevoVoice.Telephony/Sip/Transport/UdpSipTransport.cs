using System.Net;
using System.Net.Sockets;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 18): one socket, a receive loop that parses each datagram and hands it on, and
/// sends. Malformed datagrams never reach the handler: a request that is malformed but still identifies its
/// transaction gets 400 Bad Request with the reason, anything else is dropped; both are counted.
/// </summary>
public sealed class UdpSipTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private long _received;
    private long _malformed;
    private long _answered400;
    private long _handlerErrors;

    public UdpSipTransport(IPEndPoint bind)
    {
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Bursts of retransmissions under load must not overflow the kernel queue.
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.SendBufferSize = 4 * 1024 * 1024;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The bound address (with the real port when bound to port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    public long DatagramsReceived => Interlocked.Read(ref _received);

    /// <summary>Datagrams that did not parse as SIP (answered 400 or dropped).</summary>
    public long MalformedDatagrams => Interlocked.Read(ref _malformed);

    /// <summary>Malformed requests answered with 400.</summary>
    public long BadRequestsAnswered => Interlocked.Read(ref _answered400);

    /// <summary>Messages the upper layers rejected with an exception (dropped).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Starts receiving; <paramref name="handler"/> runs on the receive loop, so it must not block.</summary>
    public void Start(Action<SipMessage, IPEndPoint> handler)
    {
        if (_receiving is not null) throw new InvalidOperationException("The transport is already receiving.");
        _receiving = Task.Run(() => ReceiveLoopAsync(handler, _stop.Token));
    }

    public void Send(SipMessage message, IPEndPoint destination) => Send(message.ToBytes(), destination);

    public void Send(byte[] datagram, IPEndPoint destination)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, destination);
        }
        catch (SocketException)
        {
            // UDP gives no delivery guarantee anyway: the transaction layer's retransmissions and timeouts cover it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveLoopAsync(Action<SipMessage, IPEndPoint> handler, CancellationToken cancellationToken)
    {
        var buffer = new byte[SipMessageParser.MaxMessageBytes + 1];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send surfaces here on some stacks; keep receiving.
                continue;
            }
            Interlocked.Increment(ref _received);
            var source = (IPEndPoint)result.RemoteEndPoint;
            var datagram = buffer.AsSpan(0, result.ReceivedBytes);
            if (IsKeepAlive(datagram)) continue;
            SipMessage message;
            try
            {
                message = SipMessageParser.Parse(datagram);
            }
            catch (SipParseException e)
            {
                Interlocked.Increment(ref _malformed);
                var answer = BadRequestResponder.TryBuild(datagram, e.Message);
                if (answer is not null)
                {
                    Interlocked.Increment(ref _answered400);
                    Send(answer, source);
                }
                continue;
            }
            try
            {
                handler(message, source);
            }
            catch (Exception)
            {
                // A message that parsed but broke a rule the upper layers check (e.g. a bad URI in Contact) is dropped and
                // counted; whatever it was, the listener keeps serving everyone else.
                Interlocked.Increment(ref _handlerErrors);
            }
        }
    }

    private static bool IsKeepAlive(ReadOnlySpan<byte> datagram)
    {
        foreach (var b in datagram)
            if (b is not ((byte)'\r' or (byte)'\n' or 0)) return false;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        if (_receiving is not null)
        {
            try
            {
                await _receiving;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }
}
