using System.Net;
using System.Net.Sockets;
using System.Text;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>A bare UDP socket speaking hand-written SIP, for what a well-behaved peer never sends (exact retransmissions, garbage).</summary>
public sealed class RawSipClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;
    private readonly string _callId = Guid.NewGuid().ToString("N") + "@127.0.0.1";

    public RawSipClient(int serverPort)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server = new IPEndPoint(IPAddress.Loopback, serverPort);
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Send(string message) => _socket.SendTo(Encoding.UTF8.GetBytes(message), _server);

    public void Send(byte[] datagram) => _socket.SendTo(datagram, _server);

    public string Invite(string user)
    {
        const string sdp = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return $"INVITE sip:{user}@127.0.0.1:{_server.Port} SIP/2.0\r\n" +
               $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
               $"From: <sip:raw@127.0.0.1:{Port}>;tag=raw1\r\nTo: <sip:{user}@127.0.0.1:{_server.Port}>\r\n" +
               $"Call-ID: {_callId}\r\nCSeq: 1 INVITE\r\nContact: <sip:raw@127.0.0.1:{Port}>\r\nMax-Forwards: 70\r\n" +
               $"Content-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}";
    }

    /// <summary>An INVITE without SDP: a late offer, which the callee answers with its own offer.</summary>
    public string InviteWithoutOffer(string user)
    {
        var invite = Invite(user);
        return invite[..invite.IndexOf("Content-Type:", StringComparison.Ordinal)] + "Content-Length: 0\r\n\r\n";
    }

    public string Ack(string invite, SipResponse ok) => InDialog("ACK", 1, ok);

    /// <summary>The ACK of a late offer, carrying our answer to the callee's offer.</summary>
    public string AckWithAnswer(SipResponse ok, string answerSdp) =>
        InDialog("ACK", 1, ok).Replace("Content-Length: 0\r\n\r\n",
            $"Content-Type: application/sdp\r\nContent-Length: {answerSdp.Length}\r\n\r\n{answerSdp}");

    /// <summary>200 OK to a request the callee sent us (e.g. its BYE).</summary>
    public void SendOk(SipRequest request) =>
        Send($"SIP/2.0 200 OK\r\nVia: {request[SipHeaderNames.Via]}\r\nFrom: {request[SipHeaderNames.From]}\r\nTo: {request[SipHeaderNames.To]}\r\n" +
             $"Call-ID: {request[SipHeaderNames.CallId]}\r\nCSeq: {request[SipHeaderNames.CSeq]}\r\nContent-Length: 0\r\n\r\n");

    /// <summary>Receives until a request with <paramref name="method"/> arrives (or the time is up, which fails).</summary>
    public async Task<SipRequest> ReceiveRequestAsync(string method, TimeSpan timeout)
    {
        var buffer = new byte[65536];
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellation.Token);
            if (SipMessageParser.Parse(buffer.AsSpan(0, result.ReceivedBytes)) is SipRequest request && request.Method == method) return request;
        }
    }

    /// <summary>CANCEL for <paramref name="invite"/>: same branch, Call-ID, From and CSeq number (RFC 3261 9.1).</summary>
    public static string Cancel(string invite)
    {
        var lines = invite.Split("\r\n");
        string Header(string name) => lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return lines[0].Replace("INVITE ", "CANCEL ") + "\r\n" + Header("Via") + "\r\n" + Header("From") + "\r\n" + Header("To") + "\r\n" +
               Header("Call-ID") + "\r\nCSeq: 1 CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    public string Bye(string invite, SipResponse ok, int cseq = 2) => InDialog("BYE", cseq, ok);

    /// <summary>INFO with <c>application/dtmf-relay</c>, as some PBXes send key presses.</summary>
    public string InfoDtmf(SipResponse ok, char digit, int cseq)
    {
        var body = $"Signal={digit}\r\nDuration=160\r\n";
        return InDialog("INFO", cseq, ok).Replace("Content-Length: 0\r\n\r\n",
            $"Content-Type: application/dtmf-relay\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    private string InDialog(string method, int cseq, SipResponse ok) =>
        $"{method} sip:revovoice@127.0.0.1:{_server.Port} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        $"From: <sip:raw@127.0.0.1:{Port}>;tag=raw1\r\nTo: {ok[SipHeaderNames.To]}\r\n" +
        $"Call-ID: {_callId}\r\nCSeq: {cseq} {method}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    /// <summary>Receives responses until one matches (or the time is up, which fails).</summary>
    public async Task<List<SipResponse>> ReceiveUntilAsync(Func<SipResponse, bool> done, TimeSpan timeout)
    {
        var responses = new List<SipResponse>();
        var buffer = new byte[65536];
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellation.Token);
            if (SipMessageParser.Parse(buffer.AsSpan(0, result.ReceivedBytes)) is not SipResponse response) continue;
            responses.Add(response);
            if (done(response)) return responses;
        }
    }

    /// <summary>Everything that arrives within <paramref name="window"/>.</summary>
    public async Task<List<byte[]>> DrainAsync(TimeSpan window)
    {
        var received = new List<byte[]>();
        var buffer = new byte[65536];
        using var cancellation = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellation.Token);
                received.Add(buffer[..result.ReceivedBytes]);
            }
        }
        catch (OperationCanceledException)
        {
            return received;
        }
    }

    public void Dispose() => _socket.Dispose();
}
